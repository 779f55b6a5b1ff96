package lsp

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	ts "github.com/tree-sitter/go-tree-sitter"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
	"go.uber.org/zap"

	"github.com/asynclint/asynclint/analysis/syntax"
)

// A document is a file open in the editor. Its text changes only through
// the notifications that the connection's read loop handles one at a time,
// in order; each change makes a new snapshot, which the rest of the server
// reads without holding the document's lock.
type document struct {
	uri  uri.URI
	path string // "" for a document that is not a file

	mu     sync.Mutex
	parser *syntax.Parser // the document's own: each parse reuses the last tree
	tree   *ts.Tree       // tree-sitter's tree of snap's text, edited by each change; nil when released
	ids    []uintptr      // the identities of snap's nodes in tree (see syntax.Reflatten)
	snap   *snapshot      // nil once closed
	parses parseCounts
	timer  *time.Timer // the pending push of diagnostics

	publishMu sync.Mutex // orders pushes of diagnostics
	published uint64     // the seq of the snapshot pushed last
}

// parseCounts counts a document's parses: full ones (on open, and after a
// change that replaces the whole text) and incremental ones.
type parseCounts struct{ full, incremental int }

// A snapshot is one version of a document with the environment it is
// checked in. It never changes; it is analysed once, when first needed.
type snapshot struct {
	uri     uri.URI
	path    string
	seq     uint64 // unique to the snapshot; the result id of pulled diagnostics
	version int32
	tree    *syntax.Tree // the parsed text; without nodes when err is set
	err     error        // why the text could not be parsed
	env     *env

	once sync.Once
	res  *result
}

// lastSeq numbers snapshots.
var lastSeq atomic.Uint64

var errClosed = errors.New("document is not open")

func newDocument(u uri.URI) *document {
	d := &document{uri: u, parser: syntax.NewParser()}
	if u.IsFile() {
		d.path = u.FsPath()
	}
	return d
}

// open sets the document's first text.
func (d *document) open(version int32, text string, e *env) *snapshot {
	d.mu.Lock()
	defer d.mu.Unlock()
	tree, err := d.parse([]byte(text), nil)
	d.snap = d.newSnapshot(version, tree, err, e)
	return d.snap
}

// change applies the content changes of one didChange notification. Each
// edit is applied to the text and to tree-sitter's tree, and the result is
// re-parsed once, incrementally; a change of the whole text makes for a
// full parse.
func (d *document) change(version int32, changes []protocol.TextDocumentContentChangeEvent, enc encoding) (*snapshot, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.snap == nil {
		return nil, errClosed
	}
	src, lines := d.snap.tree.Src, d.snap.tree
	var edits []syntax.Edit
	for _, c := range changes {
		switch c := c.(type) {
		case *protocol.TextDocumentContentChangeWholeDocument:
			src = []byte(c.Text)
			d.tree.Close()
			d.tree, d.ids = nil, nil
		case *protocol.TextDocumentContentChangePartial:
			m := mapper{enc, lines}
			start, end := m.offset(c.Range.Start), m.offset(c.Range.End)
			if end < start {
				start, end = end, start
			}
			next := make([]byte, 0, len(src)-(end-start)+len(c.Text))
			next = append(append(append(next, src[:start]...), c.Text...), src[end:]...)
			if d.tree != nil {
				d.tree.Edit(inputEdit(src, next, start, end, start+len(c.Text)))
				edits = append(edits, syntax.Edit{Start: uint32(start), OldEnd: uint32(end), NewEnd: uint32(start + len(c.Text))})
			}
			src = next
		}
		// The next change's positions are in the text as changed so far.
		lines = &syntax.Tree{Src: src}
	}
	tree, err := d.parse(src, edits)
	d.snap = d.newSnapshot(version, tree, err, d.snap.env)
	return d.snap, nil
}

// reconfigure makes a snapshot of the same text checked in environment e,
// or, when e is nil, in the same environment: to be checked again in a
// project that changed.
func (d *document) reconfigure(e *env) *snapshot {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.snap == nil {
		return nil
	}
	if e == nil {
		e = d.snap.env
	}
	d.snap = d.newSnapshot(d.snap.version, d.snap.tree, d.snap.err, e)
	return d.snap
}

// current returns the document's latest snapshot, or nil once it is closed.
func (d *document) current() *snapshot {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.snap
}

// counts returns how the document has been parsed so far.
func (d *document) counts() parseCounts {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.parses
}

// dropTree releases tree-sitter's tree, a few times the size of the text:
// the next change parses the whole text again.
func (d *document) dropTree() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.tree.Close()
	d.tree, d.ids = nil, nil
}

// close releases the document's parser and tree.
func (d *document) close() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.snap == nil {
		return
	}
	if d.timer != nil {
		d.timer.Stop()
	}
	d.tree.Close()
	d.parser.Close()
	d.tree, d.ids, d.snap = nil, nil, nil
}

// debounce runs push after delay unless debounce is called again first.
func (d *document) debounce(delay time.Duration, push func()) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.snap == nil {
		return
	}
	if d.timer != nil {
		d.timer.Stop()
	}
	d.timer = time.AfterFunc(delay, push)
}

// parse parses src, reusing d.tree when edits made it match src, and
// flattens the result, copying from the current snapshot's tree what the
// parse reused. The caller holds d.mu.
func (d *document) parse(src []byte, edits []syntax.Edit) (*syntax.Tree, error) {
	old := d.tree
	tree, err := d.parser.ParseIncremental(src, old)
	flat := &syntax.Tree{Src: src}
	if err == nil {
		var prev *syntax.Tree
		if old != nil {
			prev = d.snap.tree // flattened from old, which is still open
		}
		flat, d.ids = syntax.Reflatten(tree, src, prev, d.ids, edits)
	} else {
		d.ids = nil
	}
	if old != nil {
		d.parses.incremental++
		old.Close()
	} else {
		d.parses.full++
	}
	d.tree = tree
	flat.LineStart(1) // build the line index now: the tree is read concurrently from here on
	return flat, err
}

func (d *document) newSnapshot(version int32, tree *syntax.Tree, err error, e *env) *snapshot {
	return &snapshot{uri: d.uri, path: d.path, seq: lastSeq.Add(1), version: version, tree: tree, err: err, env: e}
}

// inputEdit describes to tree-sitter the replacement of old[start:oldEnd]
// that turned old into new, the replacement ending at newEnd.
func inputEdit(old, new []byte, start, oldEnd, newEnd int) *ts.InputEdit {
	return &ts.InputEdit{
		StartByte:      uint(start),
		OldEndByte:     uint(oldEnd),
		NewEndByte:     uint(newEnd),
		StartPosition:  point(old, start),
		OldEndPosition: point(old, oldEnd),
		NewEndPosition: point(new, newEnd),
	}
}

// point returns tree-sitter's position of byte offset off: rows end at
// "\n" only and columns count bytes.
func point(src []byte, off int) ts.Point {
	row := bytes.Count(src[:off], []byte{'\n'})
	col := off - bytes.LastIndexByte(src[:off], '\n') - 1
	return ts.Point{Row: uint(row), Column: uint(col)}
}

// DidOpen starts tracking a document.
func (s *Server) DidOpen(ctx context.Context, params *protocol.DidOpenTextDocumentParams) error {
	td := params.TextDocument
	d := newDocument(td.URI)
	sn := d.open(td.Version, td.Text, s.envFor(d.path))
	if sn.err != nil {
		s.log.Warn("cannot parse", zap.String("uri", string(td.URI)), zap.Error(sn.err))
	}
	s.mu.Lock()
	old := s.docs[td.URI]
	s.docs[td.URI] = d
	s.mu.Unlock()
	if old != nil {
		old.close()
	}
	s.keepTree(d)
	s.changed(d)
	return nil
}

// DidChange applies edits to a document.
func (s *Server) DidChange(ctx context.Context, params *protocol.DidChangeTextDocumentParams) error {
	d := s.document(params.TextDocument.URI)
	if d == nil {
		return fmt.Errorf("didChange of %s: %w", params.TextDocument.URI, errClosed)
	}
	sn, err := d.change(params.TextDocument.Version, params.ContentChanges, s.caps.encoding)
	if err != nil {
		return fmt.Errorf("didChange of %s: %w", params.TextDocument.URI, err)
	}
	if sn.err != nil {
		s.log.Warn("cannot parse", zap.String("uri", string(d.uri)), zap.Error(sn.err))
	}
	s.keepTree(d)
	s.changed(d)
	return nil
}

// DidClose stops tracking a document and clears its diagnostics.
func (s *Server) DidClose(ctx context.Context, params *protocol.DidCloseTextDocumentParams) error {
	u := params.TextDocument.URI
	s.mu.Lock()
	d := s.docs[u]
	delete(s.docs, u)
	s.recent = slices.DeleteFunc(s.recent, func(r *document) bool { return r == d })
	s.mu.Unlock()
	if d == nil {
		return fmt.Errorf("didClose of %s: %w", u, errClosed)
	}
	d.close()
	if !s.caps.pull {
		d.publishMu.Lock()
		defer d.publishMu.Unlock()
		return s.client.PublishDiagnostics(ctx, &protocol.PublishDiagnosticsParams{URI: u, Diagnostics: []protocol.Diagnostic{}})
	}
	return nil
}

// maxTrees is how many documents keep tree-sitter's tree for incremental
// re-parsing: those edited last. A tree takes about 110 bytes a node, over
// four times what the flattened tree the analysis reads takes.
const maxTrees = 20

// keepTree records that d was just opened or edited, and releases the tree
// of the document edited longest ago when more than maxTrees have one.
func (s *Server) keepTree(d *document) {
	s.mu.Lock()
	s.recent = slices.DeleteFunc(s.recent, func(r *document) bool { return r == d })
	s.recent = append(s.recent, d)
	var drop *document
	if len(s.recent) > maxTrees {
		drop, s.recent = s.recent[0], s.recent[1:]
	}
	s.mu.Unlock()
	if drop != nil {
		drop.dropTree()
	}
}

// document returns the open document u, or nil.
func (s *Server) document(u uri.URI) *document {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.docs[u]
}

// snapshot returns the latest snapshot of the open document u, or nil.
func (s *Server) snapshot(u uri.URI) *snapshot {
	if d := s.document(u); d != nil {
		return d.current()
	}
	return nil
}

// openDocuments returns the open documents.
func (s *Server) openDocuments() []*document {
	s.mu.Lock()
	defer s.mu.Unlock()
	docs := make([]*document, 0, len(s.docs))
	for _, d := range s.docs {
		docs = append(docs, d)
	}
	return docs
}
