package lsp

import (
	"context"
	"encoding/json"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
	"go.uber.org/zap"
)

// The features of a notebook's cells are those of its Python text: a
// request about a cell is asked of the text, and its answer is mapped
// back to the cells.

// publishCells pushes the diagnostics of a notebook's snapshot, in the
// coordinates of its Python text, to the cells that hold them, and clears
// those of the cells that no longer hold Python. The caller holds the
// text document's publishMu.
func (s *Server) publishCells(nb *notebookDoc, sn *snapshot, diags []protocol.Diagnostic) {
	l := nb.layoutOf(sn)
	if l == nil {
		return // a newer version's diagnostics follow
	}
	byCell := l.byCell(nb.uri, diags)
	now := map[uri.URI]bool{}
	for i := range byCell {
		now[l.cells[i].uri] = true
	}
	if err := s.clearCells(s.ctx, nb.setPublished(now)); err != nil {
		s.log.Warn("clearing diagnostics", zap.String("uri", string(nb.uri)), zap.Error(err))
	}
	for i, c := range l.cells {
		if !c.python {
			continue
		}
		err := s.client.PublishDiagnostics(s.ctx, &protocol.PublishDiagnosticsParams{
			URI:         c.uri,
			Version:     protocol.NewOptional(c.version),
			Diagnostics: byCell[i],
		})
		if err != nil {
			s.log.Warn("publishing diagnostics", zap.String("uri", string(c.uri)), zap.Error(err))
		}
	}
}

// clearCells clears the pushed diagnostics of cells.
func (s *Server) clearCells(ctx context.Context, cells []uri.URI) error {
	if s.caps.pull {
		return nil
	}
	for _, u := range cells {
		if err := s.client.PublishDiagnostics(ctx, &protocol.PublishDiagnosticsParams{URI: u, Diagnostics: []protocol.Diagnostic{}}); err != nil {
			return err
		}
	}
	return nil
}

// cellDiagnostic answers a pull of a cell's diagnostics. The result id is
// that of the notebook's Python text.
func (s *Server) cellDiagnostic(ctx context.Context, nb *notebookDoc, params *protocol.DocumentDiagnosticParams) (protocol.DocumentDiagnosticReport, error) {
	// On the read loop, the latest layout is that of the snapshot that
	// Diagnostic takes.
	l := nb.current()
	text := *params
	text.TextDocument.URI = nb.uri
	report, err := s.Diagnostic(ctx, &text)
	full, ok := report.(*protocol.RelatedFullDocumentDiagnosticReport)
	if err != nil || !ok {
		return report, err
	}
	items := []protocol.Diagnostic{}
	if i := l.index(params.TextDocument.URI); i >= 0 && l.cells[i].python {
		items = l.byCell(nb.uri, full.Items)[i]
	}
	full.Items = items
	return full, nil
}

// cellCodeActions offers the code actions of the diagnostics in a range
// of a cell: their fixes and noqa comments whose edits stay in one cell,
// itself or another. Their edits are computed at once, to be mapped to
// the cells.
func (s *Server) cellCodeActions(ctx context.Context, nb *notebookDoc, params *protocol.CodeActionParams) ([]protocol.CommandOrCodeAction, error) {
	l := nb.current()
	out := []protocol.CommandOrCodeAction{}
	rng, ok := l.rangeFromCell(params.TextDocument.URI, params.Range)
	if !ok {
		return out, nil
	}
	text := *params
	text.TextDocument.URI, text.Range = nb.uri, rng
	actions, err := s.CodeAction(ctx, &text)
	if err != nil {
		return nil, err
	}
	for _, a := range actions {
		ca, ok := a.(*protocol.CodeAction)
		if !ok || ca.Kind != nil && *ca.Kind == fixAllKind {
			continue // the fixes of a whole notebook span its cells
		}
		if ca.Edit == nil {
			var data actionData
			if json.Unmarshal(ca.Data, &data) != nil {
				continue
			}
			if ca, err = s.resolve(ctx, nb.doc.current(), ca, data); err != nil {
				continue
			}
			ca.Data = nil
		}
		if s.actionToCell(l, nb.uri, ca) {
			out = append(out, ca)
		}
	}
	return out, nil
}

// actionToCell maps a code action of the text to the cells; false when
// its edit spans cells or changes IPython syntax.
func (s *Server) actionToCell(l *cellLayout, textURI uri.URI, a *protocol.CodeAction) bool {
	for k, d := range a.Diagnostics {
		_, a.Diagnostics[k] = l.cellDiagnostic(textURI, d)
	}
	var edits []protocol.TextEdit
	edits = append(edits, a.Edit.Changes[textURI]...)
	for _, dc := range a.Edit.DocumentChanges {
		if tde, ok := dc.(*protocol.TextDocumentEdit); ok {
			for _, e := range tde.Edits {
				if te, ok := e.(*protocol.TextEdit); ok {
					edits = append(edits, *te)
				}
			}
		}
	}
	cell := -1
	for k, e := range edits {
		i, rng, ok := l.rangeToCell(e.Range)
		if !ok || cell >= 0 && i != cell || l.touchesBlanked(e.Range) {
			return false
		}
		cell, edits[k].Range = i, rng
	}
	if cell < 0 {
		return false
	}
	c := l.cells[cell]
	if !s.caps.documentChanges {
		a.Edit = &protocol.WorkspaceEdit{Changes: map[uri.URI][]protocol.TextEdit{c.uri: edits}}
		return true
	}
	elems := make([]protocol.TextDocumentEditElement, len(edits))
	for k := range edits {
		elems[k] = &edits[k]
	}
	a.Edit = &protocol.WorkspaceEdit{DocumentChanges: []protocol.DocumentChange{&protocol.TextDocumentEdit{
		TextDocument: protocol.OptionalVersionedTextDocumentIdentifier{
			TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: c.uri},
			Version:                ptr(c.version),
		},
		Edits: elems,
	}}}
	return true
}

// cellHover explains the rules under a position of a cell.
func (s *Server) cellHover(ctx context.Context, nb *notebookDoc, params *protocol.HoverParams) (*protocol.Hover, error) {
	l := nb.current()
	i := l.index(params.TextDocument.URI)
	pos, ok := l.fromCell(i, params.Position)
	if !ok {
		return nil, nil
	}
	text := *params
	text.TextDocument.URI, text.Position = nb.uri, pos
	h, err := s.Hover(ctx, &text)
	if h == nil || err != nil {
		return h, err
	}
	if h.Range != nil {
		_, rng, ok := l.rangeToCell(*h.Range)
		if !ok {
			rng.End = rng.Start
		}
		h.Range = &rng
	}
	return h, nil
}
