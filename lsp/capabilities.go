package lsp

import (
	"slices"

	"go.lsp.dev/protocol"
)

// fixAllKind is the kind of the code action that applies every safe fix.
const fixAllKind protocol.CodeActionKind = "source.fixAll.asynclint"

// clientCaps is what the server does differently for what the client
// declares it supports.
type clientCaps struct {
	encoding        encoding
	pull            bool // pulls diagnostics, so the server does not push them
	refresh         bool // can be asked to pull again
	configuration   bool // answers workspace/configuration
	watchFiles      bool // accepts a file watcher registered at run time
	progress        bool // shows work-done progress the server starts
	literalActions  bool // takes CodeAction literals, not only Commands
	resolveEdit     bool // resolves code actions' edits lazily
	documentChanges bool // takes versioned document edits
	plainHover      bool // shows hovers as plain text only
}

func negotiate(c *protocol.ClientCapabilities) clientCaps {
	var caps clientCaps
	if g := c.General; g != nil && slices.Contains(g.PositionEncodings, protocol.PositionEncodingKindUTF8) {
		caps.encoding = encUTF8
	}
	if w := c.Workspace; w != nil {
		caps.configuration = isTrue(w.Configuration)
		caps.watchFiles = w.DidChangeWatchedFiles != nil && isTrue(w.DidChangeWatchedFiles.DynamicRegistration)
		caps.refresh = w.Diagnostics != nil && isTrue(w.Diagnostics.RefreshSupport)
		caps.documentChanges = w.WorkspaceEdit != nil && isTrue(w.WorkspaceEdit.DocumentChanges)
	}
	if td := c.TextDocument; td != nil {
		caps.pull = td.Diagnostic != nil
		if ca := td.CodeAction; ca != nil {
			caps.literalActions = len(ca.CodeActionLiteralSupport.CodeActionKind.ValueSet) > 0
			caps.resolveEdit = slices.Contains(ca.ResolveSupport.Properties, "edit")
		}
		if h := td.Hover; h != nil && len(h.ContentFormat) > 0 {
			caps.plainHover = !slices.Contains(h.ContentFormat, protocol.MarkupKindMarkdown)
		}
	}
	if w := c.Window; w != nil {
		caps.progress = isTrue(w.WorkDoneProgress)
	}
	return caps
}

// capabilities returns what the server offers this client.
func (s *Server) capabilities() protocol.ServerCapabilities {
	change := protocol.TextDocumentSyncKindIncremental
	caps := protocol.ServerCapabilities{
		PositionEncoding:   s.caps.encoding.kind(),
		TextDocumentSync:   &protocol.TextDocumentSyncOptions{OpenClose: ptr(true), Change: &change, Save: protocol.Boolean(true)},
		HoverProvider:      protocol.Boolean(true),
		CodeActionProvider: protocol.Boolean(true),
		Workspace: &protocol.WorkspaceOptions{WorkspaceFolders: &protocol.WorkspaceFoldersServerCapabilities{
			Supported:           ptr(true),
			ChangeNotifications: protocol.Boolean(true),
		}},
	}
	caps.NotebookDocumentSync = notebookSync()
	if s.caps.literalActions {
		caps.CodeActionProvider = &protocol.CodeActionOptions{
			CodeActionKinds: []protocol.CodeActionKind{protocol.CodeActionKindQuickFix, fixAllKind},
			ResolveProvider: ptr(s.caps.resolveEdit),
		}
	}
	if s.caps.pull {
		caps.DiagnosticProvider = &protocol.DiagnosticOptions{Identifier: ptr("asynclint")}
	}
	return caps
}

func isTrue(b *bool) bool { return b != nil && *b }

func ptr[T any](v T) *T { return &v }
