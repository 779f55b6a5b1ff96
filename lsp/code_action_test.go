package lsp

import (
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// withNoqa is sample with a line whose noqa comment names another rule.
// withNoqa adds a warning with a safe fix (AL502) to sample.
const withNoqa = sample + `

async def other():
    time.sleep(2)  # noqa: AL202
    return asyncio.get_event_loop()
`

// actions returns the code actions for rng, by title.
func (c *client) actions(u uri.URI, rng protocol.Range, only ...protocol.CodeActionKind) map[string]*protocol.CodeAction {
	c.t.Helper()
	list, err := c.server.CodeAction(ctx(c.t), &protocol.CodeActionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: u},
		Range:        rng,
		Context:      protocol.CodeActionContext{Only: only},
	})
	if err != nil {
		c.t.Fatal(err)
	}
	out := map[string]*protocol.CodeAction{}
	for _, a := range list {
		ca := a.(*protocol.CodeAction)
		out[ca.Title] = ca
	}
	return out
}

func titles(actions map[string]*protocol.CodeAction) []string {
	var out []string
	for t := range actions {
		out = append(out, t)
	}
	slices.Sort(out)
	return out
}

func TestCodeActions(t *testing.T) {
	c := start(t, options{})
	u := uri.File(filepath.Join(t.TempDir(), "sample.py"))
	c.open(u, withNoqa)
	c.diagnostics(u, 1)

	sleep := c.actions(u, c.rangeOf(withNoqa, "time.sleep(1)"))
	want := []string{"Disable AL201 for this line", "Fix all safe asynclint problems", "Use `await asyncio.sleep(...)` (unsafe)"}
	if got := titles(sleep); !slices.Equal(got, want) {
		t.Fatalf("actions on the sleep: %q, want %q", got, want)
	}
	slept := strings.Replace(withNoqa, "time.sleep(1)", "await asyncio.sleep(1)", 1)
	if got := c.apply(withNoqa, u, sleep["Use `await asyncio.sleep(...)` (unsafe)"].Edit); got != slept {
		t.Errorf("the sleep's fix gives\n%s\nwant\n%s", got, slept)
	}
	running := c.actions(u, c.rangeOf(withNoqa, "asyncio.get_event_loop()"))
	fix := running["Use `asyncio.get_running_loop()`"]
	if fix == nil || *fix.Kind != protocol.CodeActionKindQuickFix || fix.IsPreferred == nil || !*fix.IsPreferred || len(fix.Diagnostics) != 1 {
		t.Fatalf("safe fix: %+v among %q", fix, titles(running))
	}
	fixed := strings.Replace(withNoqa, "asyncio.get_event_loop()", "asyncio.get_running_loop()", 1)
	if got := c.apply(withNoqa, u, fix.Edit); got != fixed {
		t.Errorf("safe fix gives\n%s\nwant\n%s", got, fixed)
	}
	noqa := strings.Replace(withNoqa, "time.sleep(1)", "time.sleep(1)  # noqa: AL201", 1)
	if got := c.apply(withNoqa, u, sleep["Disable AL201 for this line"].Edit); got != noqa {
		t.Errorf("noqa gives\n%s\nwant\n%s", got, noqa)
	}

	unsafe := c.actions(u, c.rangeOf(withNoqa, "requests.get"), protocol.CodeActionKindQuickFix)
	title := "Run `requests.get` in a worker thread with `asyncio.to_thread` (unsafe)"
	if a := unsafe[title]; a == nil || a.IsPreferred != nil {
		t.Errorf("unsafe fix: %q among %q", title, titles(unsafe))
	}
	if _, ok := unsafe["Fix all safe asynclint problems"]; ok {
		t.Errorf("fix-all offered when only quick fixes are asked for")
	}

	merged := strings.Replace(withNoqa, "# noqa: AL202", "# noqa: AL202, AL201", 1)
	other := c.actions(u, c.rangeOf(withNoqa, "time.sleep(2)"))
	if got := c.apply(withNoqa, u, other["Disable AL201 for this line"].Edit); got != merged {
		t.Errorf("noqa next to another code gives\n%s\nwant\n%s", got, merged)
	}

	all := c.actions(u, protocol.Range{}, "source.fixAll")
	if got := titles(all); !slices.Equal(got, []string{"Fix all safe asynclint problems"}) {
		t.Fatalf("source.fixAll actions: %q", got)
	}
	// AL901 removes the noqa comment, which silences nothing since AL202
	// does not fire there; AL201's fix is unsafe, so the sleep stays.
	allFixed := strings.Replace(fixed, "time.sleep(2)  # noqa: AL202", "time.sleep(2)", 1)
	if got := c.apply(withNoqa, u, all["Fix all safe asynclint problems"].Edit); got != allFixed {
		t.Errorf("fix-all gives\n%s\nwant\n%s", got, allFixed)
	}
}

func TestFixAllSetting(t *testing.T) {
	c := start(t, options{initOpts: map[string]any{"asynclint": map[string]any{"fixAll": false}}})
	u := uri.File(filepath.Join(t.TempDir(), "sample.py"))
	c.open(u, sample)
	if got := titles(c.actions(u, protocol.Range{}, fixAllKind)); len(got) != 0 {
		t.Errorf("fixAll off, but offered %q", got)
	}
}

func TestResolveCodeActions(t *testing.T) {
	c := start(t, options{resolve: true, initOpts: map[string]any{"debounceMs": 0}})
	if opts, ok := c.init.Capabilities.CodeActionProvider.(*protocol.CodeActionOptions); !ok || !*opts.ResolveProvider {
		t.Fatalf("codeActionProvider = %+v, want resolveProvider", c.init.Capabilities.CodeActionProvider)
	}
	u := uri.File(filepath.Join(t.TempDir(), "sample.py"))
	c.open(u, withNoqa)
	actions := c.actions(u, c.rangeOf(withNoqa, "time.sleep(1)"))
	for title, a := range actions {
		if a.Edit != nil || len(a.Data) == 0 {
			t.Errorf("%q: edit %v, data %s: want data only", title, a.Edit, a.Data)
		}
	}
	resolved, err := c.server.CodeActionResolve(ctx(t), actions["Disable AL201 for this line"])
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Replace(withNoqa, "time.sleep(1)", "time.sleep(1)  # noqa: AL201", 1)
	if got := c.apply(withNoqa, u, resolved.Edit); got != want {
		t.Errorf("resolved noqa gives\n%s", got)
	}
	resolved, err = c.server.CodeActionResolve(ctx(t), actions["Fix all safe asynclint problems"])
	if err != nil {
		t.Fatal(err)
	}
	if got := c.apply(withNoqa, u, resolved.Edit); !strings.Contains(got, "asyncio.get_running_loop()") {
		t.Errorf("resolved fix-all gives\n%s", got)
	}

	// A new check of the same text, as when the project index becomes
	// ready, leaves the actions valid.
	c.srv.docs.get(u).reconfigure(nil)
	if _, err := c.server.CodeActionResolve(ctx(t), actions["Use `await asyncio.sleep(...)` (unsafe)"]); err != nil {
		t.Errorf("resolving after the same text was checked again: %v", err)
	}

	// Once the document changes, an action offered for the old text is
	// refused rather than applied to the new one.
	c.edit(u, 2, protocol.Range{}, "# edited\n")
	c.diagnostics(u, 2)
	_, err = c.server.CodeActionResolve(ctx(t), actions["Use `await asyncio.sleep(...)` (unsafe)"])
	if !errors.Is(err, protocol.ErrContentModified) {
		t.Errorf("resolving a stale action: %v, want content modified", err)
	}
	_, err = c.server.CodeActionResolve(ctx(t), &protocol.CodeAction{Title: "foreign", Data: []byte(`{"x": 1}`)})
	if !errors.Is(err, jsonrpc2.ErrInvalidParams) {
		t.Errorf("resolving a foreign action: %v, want invalid params", err)
	}
}
