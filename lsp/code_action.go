package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
	"go.uber.org/zap"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/check"
	"github.com/asynclint/asynclint/analysis/source"
)

// The kinds of code action, in actionData.
const (
	actionFix    = "fix"    // a diagnostic's fix
	actionNoqa   = "noqa"   // a noqa comment for a diagnostic
	actionFixAll = "fixAll" // every safe fix of the document
)

// actionData identifies a code action's edit, for codeAction/resolve to
// compute it when the client asks: the snapshot the action was offered
// for and, for a diagnostic's action, the diagnostic.
type actionData struct {
	URI uri.URI `json:"uri"`
	// Version is the document's, whose text the action was offered for:
	// a new check of the same text (its index became ready, say) keeps
	// the action valid.
	Version int32  `json:"version"`
	Kind    string `json:"kind"`
	Code    string `json:"code,omitempty"`
	Start   int    `json:"start,omitempty"`
	End     int    `json:"end,omitempty"`
}

// CodeAction offers, for each diagnostic in the range, its fix and a noqa
// comment, and for the document the application of every safe fix.
func (s *Server) CodeAction(ctx context.Context, params *protocol.CodeActionParams) ([]protocol.CommandOrCodeAction, error) {
	if nb := s.notebooks.ofCell(params.TextDocument.URI); nb != nil {
		return s.cellCodeActions(ctx, nb, params)
	}
	sn := s.snapshot(params.TextDocument.URI)
	jsonrpc2.Async(ctx) // the snapshot is taken: later messages may be read
	actions := []protocol.CommandOrCodeAction{}
	if sn == nil {
		return actions, nil
	}
	m := s.mapper(sn)
	start, end := m.offset(params.Range.Start), m.offset(params.Range.End)
	only := params.Context.Only
	res := s.result(sn, cancelled(ctx))
	if res == nil {
		return nil, protocol.ErrRequestCancelled
	}
	add := func(a *protocol.CodeAction) {
		if a != nil {
			actions = append(actions, a)
		}
	}
	tree, _ := sn.syntax()
	anySafe := false
	for _, d := range res.diags {
		anySafe = anySafe || d.Fix != nil && d.Fix.Applicability == analysis.Safe
		if d.Rule == nil || d.Start > end || d.End < start || !wants(only, protocol.CodeActionKindQuickFix) {
			continue
		}
		diag := s.diagnostic(sn, m, d)
		data := actionData{Code: d.Rule.Code, Start: d.Start, End: d.End}
		if d.Fix != nil {
			title := d.Fix.Message
			if d.Fix.Applicability == analysis.Unsafe {
				title += " (unsafe)"
			}
			data.Kind = actionFix
			add(s.action(ctx, sn, title, protocol.CodeActionKindQuickFix, &diag, d.Fix.Applicability == analysis.Safe, data))
		}
		if _, ok := noqaEdit(tree, d.Start, d.Rule.Code); ok {
			data.Kind = actionNoqa
			add(s.action(ctx, sn, "Disable "+d.Rule.Code+" for this line", protocol.CodeActionKindQuickFix, &diag, false, data))
		}
	}
	if anySafe && sn.env.settings.FixAll && wants(only, fixAllKind) {
		add(s.action(ctx, sn, "Fix all safe asynclint problems", fixAllKind, nil, false, actionData{Kind: actionFixAll}))
	}
	if ctx.Err() != nil {
		return nil, protocol.ErrRequestCancelled
	}
	return actions, nil
}

// wants reports whether a code action of kind answers a request for the
// kinds in only: those kinds and their sub-kinds, or every kind.
func wants(only []protocol.CodeActionKind, kind protocol.CodeActionKind) bool {
	if len(only) == 0 {
		return true
	}
	for _, o := range only {
		if kind == o || len(kind) > len(o) && kind[:len(o)] == o && kind[len(o)] == '.' {
			return true
		}
	}
	return false
}

// action makes a code action. Its edit is computed now, or left to
// codeAction/resolve when the client resolves edits lazily.
func (s *Server) action(ctx context.Context, sn *snapshot, title string, kind protocol.CodeActionKind, diag *protocol.Diagnostic, preferred bool, data actionData) *protocol.CodeAction {
	a := &protocol.CodeAction{Title: title, Kind: &kind}
	if diag != nil {
		a.Diagnostics = []protocol.Diagnostic{*diag}
	}
	if preferred {
		a.IsPreferred = ptr(true)
	}
	data.URI, data.Version = sn.uri, sn.version
	if s.caps.resolveEdit {
		a.Data, _ = json.Marshal(data) // a struct of strings and numbers
		return a
	}
	edits, err := s.edits(ctx, sn, data)
	if err != nil {
		s.log.Warn("code action without an edit", zap.String("title", title), zap.Error(err))
		return nil
	}
	a.Edit = s.workspaceEdit(sn, edits)
	return a
}

// CodeActionResolve computes the edit of a code action offered without one.
func (s *Server) CodeActionResolve(ctx context.Context, a *protocol.CodeAction) (*protocol.CodeAction, error) {
	var data actionData
	if err := json.Unmarshal(a.Data, &data); err != nil || data.URI == "" {
		return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "asyncls: not one of asyncls's code actions: %s", a.Data)
	}
	sn := s.snapshot(data.URI)
	jsonrpc2.Async(ctx)
	return s.resolve(ctx, sn, a, data)
}

// resolve computes the edit of code action a, which data describes, of
// the document whose latest snapshot is sn.
func (s *Server) resolve(ctx context.Context, sn *snapshot, a *protocol.CodeAction, data actionData) (*protocol.CodeAction, error) {
	if sn == nil || sn.version != data.Version {
		return nil, protocol.ErrContentModified
	}
	edits, err := s.edits(ctx, sn, data)
	if err != nil {
		return nil, err
	}
	a.Edit = s.workspaceEdit(sn, edits)
	return a, nil
}

// edits computes the edits of the action data describes.
// A cancelled request stops the analysis it waits on.
func (s *Server) edits(ctx context.Context, sn *snapshot, data actionData) ([]analysis.TextEdit, error) {
	switch data.Kind {
	case actionFix:
		res := s.result(sn, cancelled(ctx))
		if res == nil {
			return nil, protocol.ErrRequestCancelled
		}
		for _, d := range res.diags {
			if d.Rule != nil && d.Rule.Code == data.Code && d.Start == data.Start && d.End == data.End && d.Fix != nil {
				return d.Fix.Edits, nil
			}
		}
		return nil, fmt.Errorf("no fix of %s at %d", data.Code, data.Start)
	case actionNoqa:
		tree, _ := sn.syntax()
		if e, ok := noqaEdit(tree, data.Start, data.Code); ok {
			return []analysis.TextEdit{e}, nil
		}
		return nil, fmt.Errorf("no noqa comment can go on the line of offset %d", data.Start)
	case actionFixAll:
		return s.fixAll(ctx, sn)
	}
	return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "asyncls: unknown code action %q", data.Kind)
}

// fixAll applies the snapshot's safe fixes until none is left, each round
// re-checked and verified to parse, and returns the change as one edit.
func (s *Server) fixAll(ctx context.Context, sn *snapshot) ([]analysis.TextEdit, error) {
	p := s.parsers.get()
	defer s.parsers.put(p)
	opts := s.checkOptions(sn.path, sn.env, nil)
	opts.Stop = cancelled(ctx)
	fixed, _, err := check.Fix(p, sn.src, opts, false)
	if errors.Is(err, check.ErrStopped) {
		return nil, protocol.ErrRequestCancelled
	}
	if err != nil {
		return nil, err
	}
	return []analysis.TextEdit{replacement(sn.src, fixed)}, nil
}

// replacement returns the one edit that turns src into fixed: it replaces
// what lies between their common prefix and suffix, cut between characters.
func replacement(src, fixed []byte) analysis.TextEdit {
	start, end := source.Changed(src, fixed)
	return analysis.TextEdit{Start: start, End: end, NewText: string(fixed[start : len(fixed)-(len(src)-end)])}
}

// workspaceEdit converts edits of a snapshot, versioned when the client
// takes versioned edits, so that it refuses them for a changed document.
func (s *Server) workspaceEdit(sn *snapshot, edits []analysis.TextEdit) *protocol.WorkspaceEdit {
	m := s.mapper(sn)
	out := make([]protocol.TextEdit, len(edits))
	for i, e := range edits {
		out[i] = protocol.TextEdit{Range: m.rng(e.Start, e.End), NewText: e.NewText}
	}
	if !s.caps.documentChanges {
		return &protocol.WorkspaceEdit{Changes: map[uri.URI][]protocol.TextEdit{sn.uri: out}}
	}
	elems := make([]protocol.TextDocumentEditElement, len(out))
	for i := range out {
		elems[i] = &out[i]
	}
	return &protocol.WorkspaceEdit{DocumentChanges: []protocol.DocumentChange{&protocol.TextDocumentEdit{
		TextDocument: protocol.OptionalVersionedTextDocumentIdentifier{
			TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: sn.uri},
			Version:                ptr(sn.version),
		},
		Edits: elems,
	}}}
}
