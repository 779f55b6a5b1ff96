package lsp

import (
	"testing"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

func rng(start, end protocol.Position) protocol.Range { return protocol.Range{Start: start, End: end} }

// testLayout lays out a Markdown cell, an import, an empty cell and a cell
// with a magic: lines 0, then 1 to 3 of the Python text.
func testLayout() *cellLayout {
	nb := uri.File("/nb.ipynb")
	cells := []testCell{
		{cellURI(nb, "W0"), protocol.NotebookCellKindMarkup, "markdown", "# time.sleep(1)"},
		codeCell(nb, "W1", "import time\n"),
		codeCell(nb, "W2", ""),
		codeCell(nb, "W3", "%time x = 1\nasync def f():\n    time.sleep(1)"),
	}
	params := &protocol.DidOpenNotebookDocumentParams{NotebookDocument: protocol.NotebookDocument{URI: nb}}
	for _, c := range cells {
		params.NotebookDocument.Cells = append(params.NotebookDocument.Cells, c.cell())
		params.CellTextDocuments = append(params.CellTextDocuments, c.item())
	}
	return newNotebookDoc(params).current()
}

func TestCellLayout(t *testing.T) {
	l := testLayout()
	if got := string(l.text.Python()); got != "import time\npass\nasync def f():\n    time.sleep(1)\n" {
		t.Fatalf("the Python text is %q", got)
	}
	if i, p := l.toCell(pos(3, 4)); i != 3 || p != pos(2, 4) {
		t.Errorf("toCell(3:4) = cell %d %v, want cell 3 2:4", i, p)
	}
	for _, tt := range []struct {
		in   protocol.Range
		cell int
		out  protocol.Range
		ok   bool
	}{
		{rng(pos(3, 4), pos(3, 17)), 3, rng(pos(2, 4), pos(2, 17)), true},
		{rng(pos(0, 0), pos(1, 0)), 1, rng(pos(0, 0), pos(1, 0)), true}, // the whole cell with its newline
		{rng(pos(0, 0), pos(2, 0)), 1, rng(pos(0, 0), pos(1, 0)), false},
	} {
		i, out, ok := l.rangeToCell(tt.in)
		if i != tt.cell || out != tt.out || ok != tt.ok {
			t.Errorf("rangeToCell(%v) = %d %v %v, want %d %v %v", tt.in, i, out, ok, tt.cell, tt.out, tt.ok)
		}
	}
	for _, tt := range []struct {
		cell int
		in   protocol.Position
		out  protocol.Position
		ok   bool
	}{
		{3, pos(2, 4), pos(3, 4), true},
		{1, pos(0, 3), pos(0, 3), true},
		{1, pos(1, 0), protocol.Position{}, false}, // past the cell's lines
		{2, pos(0, 0), protocol.Position{}, false}, // an empty cell
		{0, pos(0, 2), protocol.Position{}, false}, // Markdown
	} {
		if out, ok := l.fromCell(tt.cell, tt.in); out != tt.out || ok != tt.ok {
			t.Errorf("fromCell(%d, %v) = %v %v, want %v %v", tt.cell, tt.in, out, ok, tt.out, tt.ok)
		}
	}
	if !l.touchesBlanked(rng(pos(1, 0), pos(1, 4))) || l.touchesBlanked(rng(pos(2, 0), pos(3, 0))) {
		t.Error("touchesBlanked: the magic's line is blanked, the next two are not")
	}
}
