package syntax

import (
	"bytes"
	"runtime"

	"github.com/asynclint/asynclint/analysis/source"
	ts "github.com/tree-sitter/go-tree-sitter"
)

// A Document is a text being edited, as an editor holds it. It is
// re-parsed by its top-level statements, only those the edits changed
// (see parseStatements); else whole, incrementally from tree-sitter's
// last tree, which the document keeps, or afresh for a text with errors or
// ambiguities, whose incremental parse may differ from a parse afresh. A
// large text parsed for the first time is parsed in parts, side by side,
// when it has neither (see parseSplit); the document then keeps no
// tree-sitter tree. A
// version without syntax errors parses to the tree a parse of the whole
// text gives. A version with errors in the statements the edits touched
// may parse instead to the tree of its parts, each parsed on its own: the
// errors in one part, the statements around it as before. It is not safe
// for concurrent use.
type Document struct {
	parser *Parser
	src    []byte   // the text as edited so far
	tree   *ts.Tree // tree-sitter's tree of the last parse of the whole text, edited to match src; nil for none or a parse by parts
	clean  bool     // that parse found no syntax errors nor ambiguous statements
	last   *Tree    // the flat tree of the last parse, while tree is open
	ids    []uintptr
	parts  []cut  // where last is cut into parts that parse on their own as in it; nil for none
	broken int    // the part of last with syntax errors, or -1
	edits  []Edit // since the last parse
	// adopted is set while last is a tree Adopt took, not yet returned
	// by Parse.
	adopted bool
	parses  ParseCounts
	room    Room // for the next parse, allocated ahead of it
	// statementParses counts the parses by statements.
	statementParses int
}

// ParseCounts counts a document's parses: full ones (the first, and those
// after DropTree) and incremental ones, which start from the last parse.
type ParseCounts struct{ Full, Incremental int }

// NewDocument returns a document holding src; Parse parses it.
func NewDocument(src []byte) *Document {
	return &Document{parser: NewParser(), src: src, broken: -1}
}

// Text returns the document's text as edited so far. It must not be
// modified.
func (d *Document) Text() []byte { return d.src }

// SetText replaces the whole text, as an edit of the part between what
// the old and new texts begin and end with: a client that sends whole
// texts gets the parse of the statements it changed, as with Replace.
func (d *Document) SetText(src []byte) {
	start, end := source.Changed(d.src, src)
	d.Replace(start, end, src[start:len(src)-(len(d.src)-end)])
}

// Replace replaces the bytes [start, end) of the text with text; the
// offsets are those of the text as edited so far.
func (d *Document) Replace(start, end int, text []byte) {
	old := d.src
	next := d.takeText(len(old) - (end - start) + len(text))
	next = append(append(append(next, old[:start]...), text...), old[end:]...)
	newEnd := start + len(text)
	if d.tree != nil {
		d.tree.Edit(&ts.InputEdit{
			StartByte:      uint(start),
			OldEndByte:     uint(end),
			NewEndByte:     uint(newEnd),
			StartPosition:  point(old, start),
			OldEndPosition: point(old, end),
			NewEndPosition: point(next, newEnd),
		})
	}
	if d.last != nil {
		d.edits = append(d.edits, Edit{Start: uint32(start), OldEnd: uint32(end), NewEnd: uint32(newEnd)})
	}
	d.src = next
}

// Parse parses the text, reusing what the last parse built where the
// edits since left it valid. The tree keeps the text; on an error (a text
// too large to parse) it is a tree without nodes.
func (d *Document) Parse() (*Tree, error) {
	flat := d.last
	var err error
	if !d.adopted || len(d.edits) > 0 { // else the adopted tree is the text's
		if d.last == nil {
			d.parses.Full++
		} else {
			d.parses.Incremental++
		}
		flat, err = d.reparse()
	}
	d.adopted, d.edits = false, nil
	flat.Lines() // build the line index now: the tree is read concurrently from here on
	return flat, err
}

func (d *Document) reparse() (*Tree, error) {
	if flat, ok := d.parseStatements(); ok {
		d.statementParses++
		return flat, nil
	}
	if d.tree != nil && d.clean {
		tree, err := d.parser.parse(d.src, d.tree)
		if err == nil {
			flat, ids := reflatten(tree, d.src, d.last, d.ids, d.edits)
			if clean := !tree.RootNode().HasError() && unambiguous(flat); clean {
				d.keep(tree, flat, ids, clean)
				return flat, nil
			}
			tree.Close()
		}
	}
	if d.last == nil {
		// A text parsed for the first time takes every core.
		if flat, ok := d.parseSplit(min(runtime.GOMAXPROCS(0), len(d.src)/splitSize)); ok {
			return flat, nil
		}
	}
	tree, err := d.parser.parse(d.src, nil)
	if err != nil {
		d.keep(nil, nil, nil, false)
		return &Tree{Src: d.src}, err
	}
	flat, ids := reflatten(tree, d.src, nil, nil, nil)
	d.keep(tree, flat, ids, !tree.RootNode().HasError() && unambiguous(flat))
	return flat, nil
}

// Adopt makes t, a parse of the document's text made elsewhere (a project
// index's), the document's first parse, and reports whether it could;
// Parse then returns it, unless the text was edited since. t must be of
// the same text, and parse without syntax errors or ambiguities: the
// document then goes on by statements from it, as from a parse by parts
// (see parseSplit).
func (d *Document) Adopt(t *Tree) bool {
	if d.last != nil || !bytes.Equal(t.Src, d.src) || len(t.Nodes) < 2 || t.HasError() || !unambiguous(t) {
		return false
	}
	d.keepClean([]part{{nodes: t.Nodes[1:], first: 1}})
	d.adopted = true
	return true
}

// keepClean makes the tree stitched from ps, parts without syntax errors
// or ambiguities, the last parse's, and returns it.
func (d *Document) keepClean(ps []part) *Tree {
	flat, ids := stitch(d.src, ps, d.takeNodes)
	flat.knownClean()
	d.keep(nil, flat, ids, true)
	return flat
}

// keep makes tree, with its flat tree and their identities, the last
// parse's, releasing the tree before. Only a clean tree is cut into parts.
func (d *Document) keep(tree *ts.Tree, flat *Tree, ids []uintptr, clean bool) {
	if d.tree != nil {
		d.tree.Close()
	}
	d.tree, d.last, d.ids, d.clean = tree, flat, ids, clean
	d.parts, d.broken = nil, -1
	if clean {
		d.parts = cuts(flat)
	}
}

// Counts returns how the document has been parsed so far.
func (d *Document) Counts() ParseCounts { return d.parses }

// DropTree releases tree-sitter's tree, a few times the size of the text,
// and the room allocated for the next parse: the next parse parses the
// whole text again.
func (d *Document) DropTree() {
	if d.tree != nil {
		d.tree.Close()
	}
	d.tree, d.ids, d.last, d.edits, d.room = nil, nil, nil, nil, Room{}
	d.parts, d.broken, d.adopted = nil, -1, false
}

// Close releases the document's parser and tree.
func (d *Document) Close() {
	d.DropTree()
	d.parser.Close()
}

// point returns tree-sitter's position of byte offset off: rows end at
// "\n" only and columns count bytes.
func point(src []byte, off int) ts.Point {
	row := bytes.Count(src[:off], []byte{'\n'})
	col := off - bytes.LastIndexByte(src[:off], '\n') - 1
	return ts.Point{Row: uint(row), Column: uint(col)}
}
