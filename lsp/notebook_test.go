package lsp

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// A notebook of three cells: Markdown that looks like Python, a cell
// with a magic, and one that awaits at the top level and blocks in a
// coroutine.
const (
	markdownCell = "Not checked:\n\n    import time\n    async def f():\n        time.sleep(1)\n"
	magicCell    = "%time x = 1\nimport asyncio, time"
	awaitCell    = "async def main():\n    time.sleep(1)\n\nawait main()"
)

// testCell is a cell as a test client holds it.
type testCell struct {
	uri  uri.URI
	kind protocol.NotebookCellKind
	lang protocol.LanguageKind
	text string
}

func codeCell(nb uri.URI, id, text string) testCell {
	return testCell{cellURI(nb, id), protocol.NotebookCellKindCode, protocol.LanguageKindPython, text}
}

// cellURI names a cell as VS Code does.
func cellURI(nb uri.URI, id string) uri.URI {
	return uri.URI("vscode-notebook-cell:" + nb.FsPath() + "#" + id)
}

func (tc testCell) cell() protocol.NotebookCell {
	return protocol.NotebookCell{Kind: tc.kind, Document: tc.uri}
}

func (tc testCell) item() protocol.TextDocumentItem {
	return protocol.TextDocumentItem{URI: tc.uri, LanguageID: tc.lang, Version: 1, Text: tc.text}
}

// openNotebook opens a notebook of cells.
func (c *client) openNotebook(u uri.URI, cells ...testCell) {
	c.t.Helper()
	params := &protocol.DidOpenNotebookDocumentParams{NotebookDocument: protocol.NotebookDocument{URI: u, NotebookType: "jupyter-notebook", Version: 1}}
	for _, tc := range cells {
		params.NotebookDocument.Cells = append(params.NotebookDocument.Cells, tc.cell())
		params.CellTextDocuments = append(params.CellTextDocuments, tc.item())
	}
	if err := c.server.DidOpenNotebookDocument(ctx(c.t), params); err != nil {
		c.t.Fatal(err)
	}
}

// changeNotebook sends one change of a notebook's cells.
func (c *client) changeNotebook(u uri.URI, version int32, change *protocol.NotebookDocumentCellChanges) {
	c.t.Helper()
	err := c.server.DidChangeNotebookDocument(ctx(c.t), &protocol.DidChangeNotebookDocumentParams{
		NotebookDocument: protocol.VersionedNotebookDocumentIdentifier{URI: u, Version: version},
		Change:           protocol.NotebookDocumentChangeEvent{Cells: change},
	})
	if err != nil {
		c.t.Fatal(err)
	}
}

// editCell replaces the range of a cell's text, as version of the cell.
func editCell(u uri.URI, version int32, rng protocol.Range, text string) *protocol.NotebookDocumentCellChanges {
	return &protocol.NotebookDocumentCellChanges{TextContent: []protocol.NotebookDocumentCellContentChanges{{
		Document: protocol.VersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: u}, Version: version},
		Changes:  []protocol.TextDocumentContentChangeEvent{&protocol.TextDocumentContentChangePartial{Range: rng, Text: text}},
	}}}
}

// cleared waits until the latest diagnostics of u are none.
func (c *client) cleared(u uri.URI, what string) {
	c.t.Helper()
	c.latest(u, what, func(d []protocol.Diagnostic) bool { return len(d) == 0 })
}

func TestNotebookDiagnostics(t *testing.T) {
	c := start(t, options{})
	nb := uri.File(filepath.Join(t.TempDir(), "nb.ipynb"))
	markdown := testCell{cellURI(nb, "W0"), protocol.NotebookCellKindMarkup, "markdown", markdownCell}
	magic, await := codeCell(nb, "W1", magicCell), codeCell(nb, "W2", awaitCell)
	c.openNotebook(nb, markdown, magic, await)

	diags := c.diagnostics(await.uri, 1)
	if got := codes(diags); !slices.Equal(got, []string{"AL201"}) {
		t.Fatalf("codes in the awaiting cell = %v, want [AL201]: top-level await is allowed", got)
	}
	if got, want := diags[0].Range, c.rangeOf(awaitCell, "time.sleep(1)"); got != want {
		t.Errorf("AL201 at %v, want %v", got, want)
	}
	if got := c.diagnostics(magic.uri, 1); len(got) != 0 {
		t.Errorf("the cell with a magic has %v", codes(got))
	}
	c.mu.Lock()
	onMarkdown := c.published[markdown.uri]
	c.mu.Unlock()
	if len(onMarkdown) != 0 {
		t.Errorf("diagnostics published for a Markdown cell: %+v", onMarkdown)
	}
	if got := c.actions(markdown.uri, c.rangeOf(markdownCell, "time.sleep(1)")); len(got) != 0 {
		t.Errorf("actions on a Markdown cell: %q", titles(got))
	}

	// A cell inserted before the others, with a finding of its own.
	inserted := codeCell(nb, "W3", "def g():\n    pass\n\nasync def h():\n    time.sleep(2)\n")
	c.changeNotebook(nb, 2, &protocol.NotebookDocumentCellChanges{Structure: &protocol.NotebookDocumentCellChangeStructure{
		Array:   protocol.NotebookCellArrayChange{Start: 1, Cells: []protocol.NotebookCell{inserted.cell()}},
		DidOpen: []protocol.TextDocumentItem{inserted.item()},
	}})
	diags = c.diagnostics(inserted.uri, 1)
	if got, want := diags, c.rangeOf(inserted.text, "time.sleep(2)"); len(got) != 1 || got[0].Range != want {
		t.Fatalf("the inserted cell's diagnostics = %+v, want AL201 at %v", got, want)
	}
	if got := c.latest(await.uri, "the awaiting cell again", func([]protocol.Diagnostic) bool { return len(c.published[await.uri]) > 1 }); len(got) != 1 || got[0].Range != c.rangeOf(awaitCell, "time.sleep(1)") {
		t.Errorf("after an insertion, the awaiting cell has %+v", got)
	}

	// An edit of the cell that removes its finding clears it.
	c.changeNotebook(nb, 2, editCell(await.uri, 2, c.rangeOf(awaitCell, "time.sleep(1)"), "await asyncio.sleep(1)"))
	if got := c.diagnostics(await.uri, 2); len(got) != 0 {
		t.Errorf("after the fix, the awaiting cell has %v", codes(got))
	}

	// The inserted cell removed: its diagnostics are cleared.
	c.changeNotebook(nb, 3, &protocol.NotebookDocumentCellChanges{Structure: &protocol.NotebookDocumentCellChangeStructure{
		Array:    protocol.NotebookCellArrayChange{Start: 1, DeleteCount: 1},
		DidClose: []protocol.TextDocumentIdentifier{{URI: inserted.uri}},
	}})
	c.cleared(inserted.uri, "the removed cell's diagnostics cleared")

	// Closing the notebook clears the diagnostics of its cells.
	c.changeNotebook(nb, 4, editCell(magic.uri, 2, c.rangeOf(magicCell, "import asyncio, time"), "import time\nasync def k():\n    time.sleep(1)"))
	if got := c.diagnostics(magic.uri, 2); len(got) != 1 {
		t.Fatalf("the edited magic cell has %v", codes(got))
	}
	err := c.server.DidCloseNotebookDocument(ctx(t), &protocol.DidCloseNotebookDocumentParams{
		NotebookDocument:  protocol.NotebookDocumentIdentifier{URI: nb},
		CellTextDocuments: []protocol.TextDocumentIdentifier{{URI: markdown.uri}, {URI: magic.uri}, {URI: await.uri}},
	})
	if err != nil {
		t.Fatal(err)
	}
	c.cleared(magic.uri, "the closed notebook's diagnostics cleared")
}

func TestNotebookCodeActions(t *testing.T) {
	c := start(t, options{})
	nb := uri.File(filepath.Join(t.TempDir(), "nb.ipynb"))
	magic, await := codeCell(nb, "W0", magicCell), codeCell(nb, "W1", awaitCell)
	c.openNotebook(nb, magic, await)
	c.diagnostics(await.uri, 1)

	actions := c.actions(await.uri, c.rangeOf(awaitCell, "time.sleep(1)"))
	want := []string{"Disable AL201 for this line", "Use `await asyncio.sleep(...)` (unsafe)"}
	if got := titles(actions); !slices.Equal(got, want) {
		t.Fatalf("actions on the sleep: %q, want %q", got, want)
	}
	fix := actions["Use `await asyncio.sleep(...)` (unsafe)"]
	if got := fix.Diagnostics[0].Range; got != c.rangeOf(awaitCell, "time.sleep(1)") {
		t.Errorf("the fix's diagnostic is at %v", got)
	}
	if len(fix.Edit.Changes) != 1 {
		t.Errorf("the fix edits %d documents", len(fix.Edit.Changes))
	}
	fixed := strings.Replace(awaitCell, "time.sleep(1)", "await asyncio.sleep(1)", 1)
	if got := c.apply(awaitCell, await.uri, fix.Edit); got != fixed {
		t.Errorf("the fix gives\n%s\nwant\n%s", got, fixed)
	}
	noqa := strings.Replace(awaitCell, "time.sleep(1)", "time.sleep(1)  # noqa: AL201", 1)
	if got := c.apply(awaitCell, await.uri, actions["Disable AL201 for this line"].Edit); got != noqa {
		t.Errorf("noqa gives\n%s\nwant\n%s", got, noqa)
	}

	hover, err := c.server.Hover(ctx(t), &protocol.HoverParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: await.uri},
		Position:     c.rangeOf(awaitCell, "sleep(1)").Start,
	}})
	if err != nil || hover == nil || hover.Range == nil || *hover.Range != c.rangeOf(awaitCell, "time.sleep(1)") {
		t.Fatalf("hover = %+v, %v", hover, err)
	}
	if page := hover.Contents.(*protocol.MarkupContent).Value; !strings.Contains(page, "AL201") {
		t.Errorf("hover shows\n%s", page)
	}
	if got := c.actions(magic.uri, c.rangeOf(magicCell, "%time")); len(got) != 0 {
		t.Errorf("actions on the magic: %q", titles(got))
	}
}

// TestNotebookFixAcrossCells checks that a fix whose edits span cells is
// not offered: asyncio is imported in another cell than the call.
func TestNotebookFixAcrossCells(t *testing.T) {
	c := start(t, options{resolve: true})
	nb := uri.File(filepath.Join(t.TempDir(), "nb.ipynb"))
	imports := codeCell(nb, "W0", "import time\n")
	await := codeCell(nb, "W1", awaitCell)
	c.openNotebook(nb, imports, await)
	c.diagnostics(await.uri, 1)
	actions := c.actions(await.uri, c.rangeOf(awaitCell, "time.sleep(1)"))
	if got, want := titles(actions), []string{"Disable AL201 for this line"}; !slices.Equal(got, want) {
		t.Fatalf("actions = %q, want %q", got, want)
	}
	noqa := actions["Disable AL201 for this line"]
	if noqa.Data != nil || noqa.Edit == nil {
		t.Fatalf("a cell's action is resolved at once: %+v", noqa)
	}
}

func TestNotebookPullDiagnostics(t *testing.T) {
	c := start(t, options{pull: true, initOpts: map[string]any{"debounceMs": 0}})
	nb := uri.File(filepath.Join(t.TempDir(), "nb.ipynb"))
	magic, await := codeCell(nb, "W0", magicCell), codeCell(nb, "W1", awaitCell)
	c.openNotebook(nb, magic, await)
	pull := func(u uri.URI, previous *string) protocol.DocumentDiagnosticReport {
		t.Helper()
		report, err := c.server.Diagnostic(ctx(t), &protocol.DocumentDiagnosticParams{
			TextDocument:     protocol.TextDocumentIdentifier{URI: u},
			PreviousResultID: previous,
		})
		if err != nil {
			t.Fatal(err)
		}
		return report
	}
	full := pull(await.uri, nil).(*protocol.RelatedFullDocumentDiagnosticReport)
	if got := codes(full.Items); !slices.Equal(got, []string{"AL201"}) || full.Items[0].Range != c.rangeOf(awaitCell, "time.sleep(1)") {
		t.Fatalf("pulled %+v", full.Items)
	}
	if _, ok := pull(await.uri, full.ResultID).(*protocol.RelatedUnchangedDocumentDiagnosticReport); !ok {
		t.Error("a pull of an unchanged notebook is not unchanged")
	}
	if items := pull(magic.uri, nil).(*protocol.RelatedFullDocumentDiagnosticReport).Items; len(items) != 0 {
		t.Errorf("pulled for the magic cell: %v", codes(items))
	}
	c.changeNotebook(nb, 2, editCell(magic.uri, 2, c.rangeOf(magicCell, "import asyncio, time"), "import time, asyncio"))
	c.waitFor("a refresh", func() bool { return c.refreshes > 0 })
	full = pull(await.uri, full.ResultID).(*protocol.RelatedFullDocumentDiagnosticReport)
	if got := codes(full.Items); !slices.Equal(got, []string{"AL201"}) {
		t.Errorf("after an edit of another cell, pulled %v", got)
	}
}

func TestNotebookSyncAdvertised(t *testing.T) {
	c := start(t, options{})
	got, err := json.Marshal(c.init.Capabilities.NotebookDocumentSync)
	want := `{"notebookSelector":[{"notebook":"jupyter-notebook","cells":[{"language":"python"}]}],"save":true}`
	if err != nil || string(got) != want {
		t.Errorf("notebookDocumentSync = %s, %v; want %s", got, err, want)
	}
}

func TestNotebookCellMoved(t *testing.T) {
	c := start(t, options{})
	nb := uri.File(filepath.Join(t.TempDir(), "nb.ipynb"))
	await, magic := codeCell(nb, "W0", awaitCell), codeCell(nb, "W1", magicCell)
	c.openNotebook(nb, await, magic)
	c.diagnostics(await.uri, 1)
	// Moved after the imports, the cell keeps its text and its finding.
	c.changeNotebook(nb, 2, &protocol.NotebookDocumentCellChanges{Structure: &protocol.NotebookDocumentCellChangeStructure{
		Array: protocol.NotebookCellArrayChange{Start: 0, DeleteCount: 2, Cells: []protocol.NotebookCell{magic.cell(), await.cell()}},
	}})
	diags := c.latest(await.uri, "the moved cell's diagnostics", func([]protocol.Diagnostic) bool { return len(c.published[await.uri]) > 1 })
	if got := codes(diags); !slices.Equal(got, []string{"AL201"}) || diags[0].Range != c.rangeOf(awaitCell, "time.sleep(1)") {
		t.Errorf("the moved cell has %+v", diags)
	}
	// Moved back in two changes: taken out, then put back.
	structure := func(array protocol.NotebookCellArrayChange) *protocol.NotebookDocumentCellChanges {
		return &protocol.NotebookDocumentCellChanges{Structure: &protocol.NotebookDocumentCellChangeStructure{Array: array}}
	}
	c.changeNotebook(nb, 3, structure(protocol.NotebookCellArrayChange{Start: 1, DeleteCount: 1}))
	c.cleared(await.uri, "the cell taken out")
	c.changeNotebook(nb, 4, structure(protocol.NotebookCellArrayChange{Start: 0, Cells: []protocol.NotebookCell{await.cell()}}))
	diags = c.latest(await.uri, "the cell moved back", func(d []protocol.Diagnostic) bool { return len(d) > 0 })
	if got := codes(diags); !slices.Equal(got, []string{"AL201"}) {
		t.Errorf("the cell moved back has %v", got)
	}
}

// TestNotebookInProject checks that a notebook is checked in its folder's
// project, as asynclint check checks it, and again when the project
// changes.
func TestNotebookInProject(t *testing.T) {
	dir := newProject(t)
	nb := uri.File(filepath.Join(dir, "nb.ipynb"))
	code := codeCell(nb, "W0", "from app.config import load_config\n\nasync def main():\n    load_config()\n\nawait main()")
	source, _ := json.Marshal(code.text)
	writeFiles(t, dir, map[string]string{"nb.ipynb": `{"cells": [{"cell_type": "code", "metadata": {}, "source": ` + string(source) + `}], "metadata": {}, "nbformat": 4}`})
	c := start(t, options{folders: []string{dir}, watch: true, initOpts: map[string]any{"debounceMs": 0}})
	c.openNotebook(nb, code)
	diags := c.latest(code.uri, "AL210 once indexed", func(d []protocol.Diagnostic) bool { return has(d, "AL210") })
	if got, want := diags[0].Range, c.rangeOf(code.text, "load_config()"); got != want {
		t.Errorf("AL210 at %v, want %v", got, want)
	}
	writeFiles(t, dir, map[string]string{"app/io.py": "def read_file(p):\n    return p\n"})
	c.watched(protocol.FileEvent{URI: uri.File(filepath.Join(dir, "app", "io.py")), Type: protocol.FileChangeTypeChanged})
	c.cleared(code.uri, "AL210 gone once io.py stops blocking")
}
