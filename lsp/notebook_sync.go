package lsp

import (
	"context"
	"fmt"

	"go.lsp.dev/protocol"
)

// notebookSync is the notebooks the server is sent: Jupyter's, with
// their Python cells.
func notebookSync() *protocol.NotebookDocumentSyncOptions {
	return &protocol.NotebookDocumentSyncOptions{
		NotebookSelector: []protocol.NotebookSelector{&protocol.NotebookDocumentFilterWithNotebook{
			Notebook: protocol.String("jupyter-notebook"),
			Cells:    []protocol.NotebookCellLanguage{{Language: string(protocol.LanguageKindPython)}},
		}},
		Save: ptr(true),
	}
}

// DidOpenNotebookDocument starts tracking a notebook.
func (s *Server) DidOpenNotebookDocument(ctx context.Context, params *protocol.DidOpenNotebookDocumentParams) error {
	nb := newNotebookDoc(params)
	l := nb.current()
	nb.doc.open(l.version, string(l.text.Python()), s.envFor(nb.doc.path))
	if old := s.docs.put(nb.doc.uri, nb.doc); old != nil {
		old.close()
	}
	s.notebooks.put(nb.uri, nb)
	s.edited(nb.doc)
	return nil
}

// DidChangeNotebookDocument applies changes to a notebook's cells: the
// Python text of its code cells changes by one edit, so that it is parsed
// again incrementally like a document edited.
func (s *Server) DidChangeNotebookDocument(ctx context.Context, params *protocol.DidChangeNotebookDocumentParams) error {
	u := params.NotebookDocument.URI
	nb := s.notebooks.get(u)
	if nb == nil {
		return fmt.Errorf("notebookDocument/didChange of %s: %w", u, errClosed)
	}
	if params.Change.Cells == nil {
		return nil // the notebook's metadata only
	}
	if err := nb.apply(params.Change.Cells, s.caps.encoding); err != nil {
		return fmt.Errorf("notebookDocument/didChange of %s: %w", u, err)
	}
	old := nb.doc.current()
	if old == nil {
		return fmt.Errorf("notebookDocument/didChange of %s: %w", u, errClosed)
	}
	l := nb.relayout(old.version + 1)
	e := replacement(old.lines().Src(), l.text.Python())
	change := &protocol.TextDocumentContentChangePartial{Range: s.mapper(old).rng(e.Start, e.End), Text: e.NewText}
	if _, err := nb.doc.change(l.version, []protocol.TextDocumentContentChangeEvent{change}, s.caps.encoding); err != nil {
		return fmt.Errorf("notebookDocument/didChange of %s: %w", u, err)
	}
	s.edited(nb.doc)
	// An edit of one cell may change the findings of the others.
	s.background("pull notebook diagnostics", s.pullAgain)
	return nil
}

// DidSaveNotebookDocument updates the index with the saved notebook, as
// DidSave does with a saved file.
func (s *Server) DidSaveNotebookDocument(ctx context.Context, params *protocol.DidSaveNotebookDocumentParams) error {
	if u := params.NotebookDocument.URI; u.IsFile() {
		s.filesChanged(u.FsPath())
	}
	return nil
}

// DidCloseNotebookDocument stops tracking a notebook and clears the
// diagnostics of its cells.
func (s *Server) DidCloseNotebookDocument(ctx context.Context, params *protocol.DidCloseNotebookDocumentParams) error {
	u := params.NotebookDocument.URI
	nb := s.notebooks.remove(u)
	if nb == nil {
		return fmt.Errorf("notebookDocument/didClose of %s: %w", u, errClosed)
	}
	if s.docs.get(u) == nb.doc {
		s.docs.remove(u)
	}
	nb.doc.close()
	nb.doc.publishMu.Lock()
	defer nb.doc.publishMu.Unlock()
	return s.clearCells(ctx, nb.setPublished(nil))
}
