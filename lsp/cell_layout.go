package lsp

import (
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/asynclint/asynclint/analysis/notebook"
)

// A cellLayout maps one version of a notebook's Python text to its cells.
// Each line of the text is a line of a cell, so a position maps by its
// line alone: its character counts the same in both.
type cellLayout struct {
	version int32 // of the Python text
	text    *notebook.Notebook
	cells   []cellRef // every cell, in order: cells[n-1] is cell number n
}

// A cellRef is a cell as it was when the layout was made.
type cellRef struct {
	uri     uri.URI
	version int32
	python  bool
}

// index returns the index of the cell whose text document is u, or -1.
func (l *cellLayout) index(u uri.URI) int {
	for i, c := range l.cells {
		if c.uri == u {
			return i
		}
	}
	return -1
}

// toCell maps a position of the text to the index of its cell and the
// position in the cell; the index is -1 for a text without code cells.
func (l *cellLayout) toCell(p protocol.Position) (int, protocol.Position) {
	number, line := l.text.Locate(int(p.Line) + 1)
	return number - 1, protocol.Position{Line: uint32(line - 1), Character: p.Character}
}

// rangeToCell maps a range of the text to the index of its cell and the
// range in the cell. A range that ends at the start of the line after its
// cell's last ends with the cell; one that goes further into another cell
// does not map.
func (l *cellLayout) rangeToCell(r protocol.Range) (int, protocol.Range, bool) {
	i, start := l.toCell(r.Start)
	j, end := l.toCell(r.End)
	if j != i && r.End.Character == 0 && r.End.Line > r.Start.Line {
		var last protocol.Position
		if j, last = l.toCell(protocol.Position{Line: r.End.Line - 1}); j == i {
			end = protocol.Position{Line: last.Line + 1}
		}
	}
	return i, protocol.Range{Start: start, End: end}, i >= 0 && j == i
}

// fromCell maps a position of the cell at index i to the text; false for
// a position past the cell's lines, in a cell whose text is not checked,
// or in no cell (-1).
func (l *cellLayout) fromCell(i int, p protocol.Position) (protocol.Position, bool) {
	line := l.text.Line(i+1, int(p.Line)+1)
	if line == 0 {
		return protocol.Position{}, false
	}
	pos := protocol.Position{Line: uint32(line - 1), Character: p.Character}
	if j, _ := l.toCell(pos); j != i {
		return protocol.Position{}, false // a line of the next cell
	}
	return pos, true
}

// rangeFromCell maps a range of the cell whose text document is u to the
// text; false for a cell whose text is not checked. A range that ends past
// the cell's lines ends where it starts.
func (l *cellLayout) rangeFromCell(u uri.URI, r protocol.Range) (protocol.Range, bool) {
	i := l.index(u)
	start, ok := l.fromCell(i, r.Start)
	end, endOK := l.fromCell(i, r.End)
	if !endOK {
		end = start
	}
	return protocol.Range{Start: start, End: end}, ok
}

// touchesBlanked reports whether an edit of range r of the text changes a
// line blanked for IPython syntax, which only the cell holds.
func (l *cellLayout) touchesBlanked(r protocol.Range) bool {
	last := r.End.Line
	if r.End.Character == 0 && last > r.Start.Line {
		last-- // the edit ends before the line
	}
	for line := r.Start.Line; line <= last; line++ {
		if l.text.Blanked(int(line) + 1) {
			return true
		}
	}
	return false
}

// cellDiagnostic maps a diagnostic of the text, whose related locations
// in the text are in document textURI, to the index of its cell. A range
// across cells shows where it starts, as asynclint check shows it.
func (l *cellLayout) cellDiagnostic(textURI uri.URI, d protocol.Diagnostic) (int, protocol.Diagnostic) {
	i, rng, ok := l.rangeToCell(d.Range)
	if !ok {
		rng.End = rng.Start
	}
	d.Range = rng
	related := d.RelatedInformation
	d.RelatedInformation = nil
	for _, r := range related {
		if r.Location.URI == textURI {
			if j, rng, ok := l.rangeToCell(r.Location.Range); ok {
				r.Location = protocol.Location{URI: l.cells[j].uri, Range: rng}
			}
		}
		d.RelatedInformation = append(d.RelatedInformation, r)
	}
	return i, d
}

// byCell sorts diagnostics of the text into the Python cells, each of
// which has a list, empty when none of them is in it.
func (l *cellLayout) byCell(textURI uri.URI, diags []protocol.Diagnostic) map[int][]protocol.Diagnostic {
	out := map[int][]protocol.Diagnostic{}
	for i, c := range l.cells {
		if c.python {
			out[i] = []protocol.Diagnostic{}
		}
	}
	for _, d := range diags {
		if i, cd := l.cellDiagnostic(textURI, d); i >= 0 {
			out[i] = append(out[i], cd)
		}
	}
	return out
}
