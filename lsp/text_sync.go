package lsp

import (
	"context"
	"fmt"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
	"go.uber.org/zap"

	"github.com/asynclint/asynclint/analysis/discover"
)

// DidOpen starts tracking a document.
func (s *Server) DidOpen(ctx context.Context, params *protocol.DidOpenTextDocumentParams) error {
	td := params.TextDocument
	d := newDocument(td.URI)
	d.open(td.Version, td.Text, s.envFor(d.path))
	if ws := s.workspace(d.path); ws != nil {
		d.adopt(ws)
	}
	if old := s.docs.put(d.uri, d); old != nil {
		old.close()
	}
	s.edited(d)
	return nil
}

// DidChange applies edits to a document.
func (s *Server) DidChange(ctx context.Context, params *protocol.DidChangeTextDocumentParams) error {
	d := s.docs.get(params.TextDocument.URI)
	if d == nil {
		return fmt.Errorf("didChange of %s: %w", params.TextDocument.URI, errClosed)
	}
	sn, err := d.change(params.TextDocument.Version, params.ContentChanges, s.caps.encoding)
	if err != nil {
		return fmt.Errorf("didChange of %s: %w", params.TextDocument.URI, err)
	}
	s.log.Debug("changed", zap.String("uri", string(d.uri)), zap.Int32("version", sn.version))
	s.edited(d)
	return nil
}

// edited checks a document just opened or edited, and releases the tree
// of the document edited longest ago when too many keep one.
func (s *Server) edited(d *document) {
	if drop := s.docs.touched(d); drop != nil {
		drop.dropTree()
	}
	s.changed(d)
}

// DidClose stops tracking a document and clears its diagnostics.
func (s *Server) DidClose(ctx context.Context, params *protocol.DidCloseTextDocumentParams) error {
	u := params.TextDocument.URI
	d := s.docs.remove(u)
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

// DidSave updates the index with the saved file: the findings of the open
// documents that depend on it may change.
func (s *Server) DidSave(ctx context.Context, params *protocol.DidSaveTextDocumentParams) error {
	if u := params.TextDocument.URI; u.IsFile() && discover.IsPython(u.FsPath()) {
		s.filesChanged(u.FsPath())
	}
	return nil
}

// snapshot returns the latest snapshot of the open document u, or nil.
func (s *Server) snapshot(u uri.URI) *snapshot {
	if d := s.docs.get(u); d != nil {
		return d.current()
	}
	return nil
}
