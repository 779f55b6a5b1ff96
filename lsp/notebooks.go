package lsp

import (
	"fmt"
	"slices"
	"sync"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/asynclint/asynclint/analysis/notebook"
	"github.com/asynclint/asynclint/analysis/source"
)

// A notebookDoc is a Jupyter notebook open in the editor, synchronized
// cell by cell. The Python of its code cells, joined as asynclint check
// joins them (see analysis/notebook), is a document of its own under the
// notebook's URI, checked as a module at the notebook's path; each
// finding goes to the cell that holds it.
type notebookDoc struct {
	uri uri.URI
	doc *document // the Python text

	mu        sync.Mutex
	cells     []*notebookCell           // every cell, in order
	detached  map[uri.URI]*notebookCell // cells taken out and not closed, which may come back
	layout    *cellLayout               // of the latest version of doc's text
	published map[uri.URI]bool          // the cells whose diagnostics were pushed
}

// A notebookCell is one cell and its text.
type notebookCell struct {
	uri      uri.URI
	kind     protocol.NotebookCellKind
	language protocol.LanguageKind
	version  int32
	text     []byte
}

func newCell(c protocol.NotebookCell, item protocol.TextDocumentItem) *notebookCell {
	return &notebookCell{uri: c.Document, kind: c.Kind, language: item.LanguageID, version: item.Version, text: []byte(item.Text)}
}

// python reports whether the cell is checked: a code cell in Python.
func (c *notebookCell) python() bool {
	return c.kind == protocol.NotebookCellKindCode && c.language == protocol.LanguageKindPython
}

func (c *notebookCell) Text() []byte        { return c.text }
func (c *notebookCell) SetText(text []byte) { c.text = text }
func (c *notebookCell) Replace(start, end int, text []byte) {
	c.text = slices.Concat(c.text[:start], text, c.text[end:])
}

// newNotebookDoc returns the notebook that didOpen describes, laid out as
// version 1 of its Python text.
func newNotebookDoc(params *protocol.DidOpenNotebookDocumentParams) *notebookDoc {
	items := map[uri.URI]protocol.TextDocumentItem{}
	for _, item := range params.CellTextDocuments {
		items[item.URI] = item
	}
	nb := &notebookDoc{uri: params.NotebookDocument.URI, doc: newDocument(params.NotebookDocument.URI), detached: map[uri.URI]*notebookCell{}}
	for _, c := range params.NotebookDocument.Cells {
		nb.cells = append(nb.cells, newCell(c, items[c.Document]))
	}
	nb.relayout(1)
	return nb
}

// apply applies changes to the notebook's cells: their order, kinds and
// texts.
func (nb *notebookDoc) apply(changes *protocol.NotebookDocumentCellChanges, enc encoding) error {
	nb.mu.Lock()
	defer nb.mu.Unlock()
	if s := changes.Structure; s != nil {
		start, end := int(s.Array.Start), int(s.Array.Start)+int(s.Array.DeleteCount)
		if end > len(nb.cells) {
			return fmt.Errorf("cells %d to %d of %d", start, end, len(nb.cells))
		}
		opened := map[uri.URI]protocol.TextDocumentItem{}
		for _, item := range s.DidOpen {
			opened[item.URI] = item
		}
		// A cell moved keeps its text document open: it is taken out and
		// put back, in this change or in a later one.
		for _, c := range nb.cells[start:end] {
			nb.detached[c.uri] = c
		}
		var added []*notebookCell
		for _, c := range s.Array.Cells {
			cell, moved := nb.detached[c.Document]
			if _, isNew := opened[c.Document]; isNew || !moved {
				cell = newCell(c, opened[c.Document])
			}
			cell.kind = c.Kind
			delete(nb.detached, c.Document)
			added = append(added, cell)
		}
		for _, closed := range s.DidClose {
			delete(nb.detached, closed.URI)
		}
		nb.cells = slices.Replace(nb.cells, start, end, added...)
	}
	for _, c := range changes.Data {
		if cell := nb.cell(c.Document); cell != nil {
			cell.kind = c.Kind
		}
	}
	for _, tc := range changes.TextContent {
		cell := nb.cell(tc.Document.URI)
		if cell == nil {
			return fmt.Errorf("cell %s: %w", tc.Document.URI, errClosed)
		}
		applyChanges(cell, tc.Changes, enc, source.NewLines(cell.text))
		cell.version = tc.Document.Version
	}
	return nil
}

// cell returns the cell whose text document is u, or nil. The caller
// holds nb.mu.
func (nb *notebookDoc) cell(u uri.URI) *notebookCell {
	if i := slices.IndexFunc(nb.cells, func(c *notebookCell) bool { return c.uri == u }); i >= 0 {
		return nb.cells[i]
	}
	return nil
}

// has reports whether u is the text document of one of the cells.
func (nb *notebookDoc) has(u uri.URI) bool {
	nb.mu.Lock()
	defer nb.mu.Unlock()
	return nb.cell(u) != nil
}

// relayout lays the cells out as they are now, as the given version of the
// Python text, and returns the layout.
func (nb *notebookDoc) relayout(version int32) *cellLayout {
	nb.mu.Lock()
	defer nb.mu.Unlock()
	l := &cellLayout{version: version, cells: make([]cellRef, len(nb.cells))}
	var code []notebook.Cell
	for i, c := range nb.cells {
		l.cells[i] = cellRef{uri: c.uri, version: c.version, python: c.python()}
		if c.python() {
			code = append(code, notebook.Cell{Number: i + 1, Source: string(c.text)})
		}
	}
	l.text = notebook.FromCells(code)
	nb.layout = l
	return l
}

// current returns the layout of the latest version of the Python text.
func (nb *notebookDoc) current() *cellLayout {
	nb.mu.Lock()
	defer nb.mu.Unlock()
	return nb.layout
}

// layoutOf returns the layout of the snapshot's text, or nil when a newer
// version replaced it.
func (nb *notebookDoc) layoutOf(sn *snapshot) *cellLayout {
	if l := nb.current(); l.version == sn.version {
		return l
	}
	return nil
}

// setPublished records the cells that now have diagnostics pushed, and
// returns those that had and no longer do.
func (nb *notebookDoc) setPublished(cells map[uri.URI]bool) []uri.URI {
	nb.mu.Lock()
	defer nb.mu.Unlock()
	var gone []uri.URI
	for u := range nb.published {
		if !cells[u] {
			gone = append(gone, u)
		}
	}
	nb.published = cells
	slices.Sort(gone)
	return gone
}

// notebookStore holds the open notebooks.
type notebookStore struct{ openSet[*notebookDoc] }

// ofCell returns the open notebook that holds the cell whose text
// document is u, or nil.
func (s *notebookStore) ofCell(u uri.URI) *notebookDoc {
	for _, nb := range s.all() {
		if nb.has(u) {
			return nb
		}
	}
	return nil
}

// holding returns the open notebook whose Python text d is, or nil.
func (s *notebookStore) holding(d *document) *notebookDoc {
	if nb := s.get(d.uri); nb != nil && nb.doc == d {
		return nb
	}
	return nil
}
