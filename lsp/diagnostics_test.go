package lsp

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/asynclint/asynclint/analysis/syntax"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// sample has warnings with unsafe fixes (AL201, AL202) and an error
// (AL101).
const sample = `import asyncio
import time

import requests


async def main():
    time.sleep(1)
    requests.get("https://example.com")

await main()
`

func TestPushDiagnostics(t *testing.T) {
	c := start(t, options{})
	u := uri.File(filepath.Join(t.TempDir(), "sample.py"))
	c.open(u, sample)
	diags := c.diagnostics(u, 1)
	if got, want := codes(diags), []string{"AL201", "AL202", "AL101"}; !slices.Equal(got, want) {
		t.Fatalf("codes = %v, want %v", got, want)
	}
	for i, want := range []struct {
		text     string
		severity protocol.DiagnosticSeverity
	}{
		{"time.sleep(1)", protocol.DiagnosticSeverityWarning},
		{`requests.get("https://example.com")`, protocol.DiagnosticSeverityWarning},
		{"await", protocol.DiagnosticSeverityError},
	} {
		d := diags[i]
		if d.Range != c.rangeOf(sample, want.text) {
			t.Errorf("%s: range %v, want that of %q", codes(diags)[i], d.Range, want.text)
		}
		if d.Severity != want.severity {
			t.Errorf("%s: severity %v, want %v", codes(diags)[i], d.Severity, want.severity)
		}
		if src, _ := d.Source.Get(); src != "asynclint" {
			t.Errorf("source %q", src)
		}
		if href := string(d.CodeDescription.Href); href != "https://asynclint.dev/rules/"+codes(diags)[i] {
			t.Errorf("codeDescription %q", href)
		}
		if msg, _ := d.Message.(protocol.String); msg == "" {
			t.Errorf("%s: no message", codes(diags)[i])
		}
	}
}

func TestSyntaxErrorIsAnErrorWithoutCode(t *testing.T) {
	c := start(t, options{})
	u := uri.File(filepath.Join(t.TempDir(), "broken.py"))
	text := "import time\n\nasync def main(:\n    pass\n"
	c.open(u, text)
	diags := c.diagnostics(u, 1)
	if len(diags) != 1 || diags[0].Code != nil || diags[0].Severity != protocol.DiagnosticSeverityError {
		t.Fatalf("diagnostics = %+v, want one error without a code", diags)
	}
	if msg := diags[0].Message.(protocol.String); !strings.HasPrefix(string(msg), "cannot parse") {
		t.Errorf("message %q", msg)
	}
}

func TestIncrementalEdits(t *testing.T) {
	c := start(t, options{initOpts: map[string]any{"debounceMs": 0}})
	u := uri.File(filepath.Join(t.TempDir(), "sample.py"))
	c.open(u, sample)
	c.diagnostics(u, 1)

	// Version 2 awaits the sleep: AL201 goes.
	text := strings.Replace(sample, "time.sleep(1)", "await asyncio.sleep(1)", 1)
	c.edit(u, 2, c.rangeOf(sample, "time.sleep(1)"), "await asyncio.sleep(1)")
	if got, want := codes(c.diagnostics(u, 2)), []string{"AL202", "AL101"}; !slices.Equal(got, want) {
		t.Fatalf("version 2: codes = %v, want %v", got, want)
	}

	// Version 3 makes two changes in one notification, the second in
	// positions of the text the first made: a sleep comes back, and the
	// module-level await goes.
	next := strings.Replace(text, "await main()\n", "", 1)
	added := next + "\nasync def later():\n    time.sleep(2)\n"
	err := c.server.DidChange(ctx(t), &protocol.DidChangeTextDocumentParams{
		TextDocument: protocol.VersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: u}, Version: 3},
		ContentChanges: []protocol.TextDocumentContentChangeEvent{
			&protocol.TextDocumentContentChangePartial{Range: c.rangeOf(text, "await main()\n"), Text: ""},
			&protocol.TextDocumentContentChangePartial{Range: protocol.Range{Start: c.pos(next, len(next)), End: c.pos(next, len(next))}, Text: added[len(next):]},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	diags := c.diagnostics(u, 3)
	if got, want := codes(diags), []string{"AL202", "AL201"}; !slices.Equal(got, want) {
		t.Fatalf("version 3: codes = %v, want %v", got, want)
	}
	if diags[1].Range != c.rangeOf(added, "time.sleep(2)") {
		t.Errorf("AL201 at %v, want at %v", diags[1].Range, c.rangeOf(added, "time.sleep(2)"))
	}

	d := c.srv.docs.get(u)
	if got := string(d.current().src); got != added {
		t.Fatalf("text = %q, want %q", got, added)
	}
	if got, want := d.counts(), (syntax.ParseCounts{Full: 1, Incremental: 2}); got != want {
		t.Errorf("parses = %+v, want %+v", got, want)
	}
	// A change of the whole text is parsed from the last parse too, as
	// the edit of the part that changed.
	err = c.server.DidChange(ctx(t), &protocol.DidChangeTextDocumentParams{
		TextDocument:   protocol.VersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: u}, Version: 4},
		ContentChanges: []protocol.TextDocumentContentChangeEvent{&protocol.TextDocumentContentChangeWholeDocument{Text: sample}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := codes(c.diagnostics(u, 4)); len(got) != 3 {
		t.Errorf("version 4: codes = %v", got)
	}
	if got, want := d.counts(), (syntax.ParseCounts{Full: 1, Incremental: 3}); got != want {
		t.Errorf("parses = %+v, want %+v", got, want)
	}
}

// TestNonASCIIPositions checks ranges and edits on a line with a
// two-byte character and an astral one, in both encodings.
func TestNonASCIIPositions(t *testing.T) {
	text := "import time\n\n\nasync def main():\n    s = \"é🎉\"; time.sleep(1)\n"
	for _, utf8 := range []bool{false, true} {
		t.Run(fmt.Sprintf("utf8=%v", utf8), func(t *testing.T) {
			c := start(t, options{utf8: utf8, initOpts: map[string]any{"debounceMs": 0}})
			want := protocol.PositionEncodingKindUTF16
			if utf8 {
				want = protocol.PositionEncodingKindUTF8
			}
			if got := c.init.Capabilities.PositionEncoding; got != want {
				t.Fatalf("positionEncoding = %q, want %q", got, want)
			}
			u := uri.File(filepath.Join(t.TempDir(), "unicode.py"))
			c.open(u, text)
			diags := c.diagnostics(u, 1)
			if len(diags) != 1 || diags[0].Range != c.rangeOf(text, "time.sleep(1)") {
				t.Fatalf("diagnostics = %+v, want AL201 at %v", diags, c.rangeOf(text, "time.sleep(1)"))
			}
			// 4 spaces, s, space, =, space, quote, é, 🎉 (a surrogate pair in UTF-16).
			wantChar := map[bool]uint32{false: 4 + 5 + 1 + 2 + 3, true: 4 + 5 + 2 + 4 + 3}[utf8]
			if got := diags[0].Range.Start.Character; got != wantChar {
				t.Errorf("AL201 starts at character %d, want %d", got, wantChar)
			}
			c.edit(u, 2, c.rangeOf(text, "🎉"), "ok")
			edited := strings.Replace(text, "🎉", "ok", 1)
			if diags := c.diagnostics(u, 2); len(diags) != 1 || diags[0].Range != c.rangeOf(edited, "time.sleep(1)") {
				t.Errorf("after the edit: %+v", diags)
			}
			if got := string(c.srv.docs.get(u).current().tree.Src); got != edited {
				t.Fatalf("text = %q, want %q", got, edited)
			}
		})
	}
}

func TestDebounceAndStaleVersions(t *testing.T) {
	t.Run("debounce", func(t *testing.T) {
		c := start(t, options{initOpts: map[string]any{"debounceMs": 300}})
		u := uri.File(filepath.Join(t.TempDir(), "sample.py"))
		c.open(u, sample)
		c.diagnostics(u, 1)
		for v := int32(2); v <= 6; v++ {
			c.edit(u, v, protocol.Range{}, "#\n")
		}
		c.diagnostics(u, 6)
		if got := c.versions(u); !slices.Equal(got, []int32{1, 6}) {
			t.Errorf("published versions %v, want [1 6]: a burst is checked once", got)
		}
	})
	t.Run("stale", func(t *testing.T) {
		// Without debounce each version is analysed, and the analysis of
		// a long file takes far longer than the next edit does to arrive:
		// version 2's results are stale by the time they are ready.
		c := start(t, options{initOpts: map[string]any{"debounceMs": 0}})
		u := uri.File(filepath.Join(t.TempDir(), "long.py"))
		c.open(u, generate(20000))
		c.diagnostics(u, 1)
		c.edit(u, 2, protocol.Range{}, "#\n")
		c.edit(u, 3, protocol.Range{}, "#\n")
		c.diagnostics(u, 3)
		time.Sleep(100 * time.Millisecond)
		if got := c.versions(u); !slices.Equal(got, []int32{1, 3}) {
			t.Errorf("published versions %v, want [1 3]", got)
		}
	})
}

func TestPullDiagnostics(t *testing.T) {
	c := start(t, options{pull: true, initOpts: map[string]any{"debounceMs": 0}})
	if c.init.Capabilities.DiagnosticProvider == nil {
		t.Fatal("no diagnosticProvider for a client that pulls")
	}
	u := uri.File(filepath.Join(t.TempDir(), "sample.py"))
	c.open(u, sample)
	pull := func(prev *string) protocol.DocumentDiagnosticReport {
		t.Helper()
		report, err := c.server.Diagnostic(ctx(t), &protocol.DocumentDiagnosticParams{
			TextDocument:     protocol.TextDocumentIdentifier{URI: u},
			PreviousResultID: prev,
		})
		if err != nil {
			t.Fatal(err)
		}
		return report
	}
	full, ok := pull(nil).(*protocol.RelatedFullDocumentDiagnosticReport)
	if !ok || full.Kind != "full" || full.ResultID == nil {
		t.Fatalf("first pull: %+v", full)
	}
	if got, want := codes(full.Items), []string{"AL201", "AL202", "AL101"}; !slices.Equal(got, want) {
		t.Errorf("codes = %v, want %v", got, want)
	}
	if unchanged, ok := pull(full.ResultID).(*protocol.RelatedUnchangedDocumentDiagnosticReport); !ok || unchanged.ResultID != *full.ResultID {
		t.Errorf("second pull of the same text is not unchanged")
	}
	c.edit(u, 2, c.rangeOf(sample, "time.sleep(1)"), "pass")
	again, ok := pull(full.ResultID).(*protocol.RelatedFullDocumentDiagnosticReport)
	if !ok || *again.ResultID == *full.ResultID {
		t.Fatalf("pull after an edit: %+v", again)
	}
	if got, want := codes(again.Items), []string{"AL202", "AL101"}; !slices.Equal(got, want) {
		t.Errorf("after the edit: codes = %v, want %v", got, want)
	}
	// A change of settings asks the client to pull again.
	if err := c.server.DidChangeConfiguration(ctx(t), &protocol.DidChangeConfigurationParams{Settings: []byte(`{"asynclint": {"ignore": ["AL2"]}}`)}); err != nil {
		t.Fatal(err)
	}
	c.waitFor("a refresh", func() bool { return c.refreshes > 0 })
	if got := codes(pull(nil).(*protocol.RelatedFullDocumentDiagnosticReport).Items); !slices.Equal(got, []string{"AL101"}) {
		t.Errorf("with AL2 ignored: codes = %v", got)
	}
	if got := c.versions(u); len(got) > 0 {
		t.Errorf("diagnostics pushed to a client that pulls: versions %v", got)
	}
}

// generate returns an async Python module of n lines or a few more, with
// a blocking call in every tenth function.
func generate(n int) string {
	var b strings.Builder
	b.WriteString("import asyncio\nimport time\n")
	for i, lines := 0, 2; lines < n; i, lines = i+1, lines+9 {
		sleep := "await asyncio.sleep(0.1)"
		if i%10 == 0 {
			sleep = "time.sleep(0.1)"
		}
		fmt.Fprintf(&b, `
async def handler_%d(request, retries=3):
    """Handle request %d."""
    for attempt in range(retries):
        result = await asyncio.wait_for(request.fetch(), timeout=5)
        if result.ok:
            return result
        %s
    raise RuntimeError("gave up")
`, i, i, sleep)
	}
	return b.String()
}

// TestEditsDuringACheckAreCoalesced types into a long module faster than
// it is checked: every version published is newer than the one before, the
// last version's diagnostics come, and the versions typed while a check ran
// are checked once, together, not one by one.
func TestEditsDuringACheckAreCoalesced(t *testing.T) {
	c := start(t, options{})
	u := uri.File(filepath.Join(t.TempDir(), "long.py"))
	var b strings.Builder
	for i := range 3000 {
		fmt.Fprintf(&b, "async def f%d():\n    time.sleep(1)\n\n\n", i)
	}
	text := "import time\n\n\n" + b.String()
	c.open(u, text)
	const edits = 60
	for v := int32(2); v < 2+edits; v++ {
		c.edit(u, v, protocol.Range{Start: protocol.Position{Line: 1}, End: protocol.Position{Line: 1}}, "#")
	}
	last := int32(1 + edits)
	if got := len(c.diagnostics(u, last)); got != 3000 {
		t.Errorf("last version: %d diagnostics, want 3000", got)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	var versions []int32
	for _, p := range c.published[u] {
		v, _ := p.Version.Get()
		if len(versions) > 0 && v <= versions[len(versions)-1] {
			t.Errorf("version %d published after %d", v, versions[len(versions)-1])
		}
		versions = append(versions, v)
	}
	if len(versions) > edits/2 {
		t.Errorf("%d versions published for %d edits: %v", len(versions), edits, versions)
	}
}

// TestTypingKeepsTheFindingsAround types a call into one function a
// character at a time: each version reports the syntax error, when it has
// one, in that function, and the findings of the others as they were.
func TestTypingKeepsTheFindingsAround(t *testing.T) {
	c := start(t, options{})
	u := uri.File(filepath.Join(t.TempDir(), "typing.py"))
	text := "import time\n\n\nasync def one():\n    time.sleep(1)\n\n\nasync def two():\n    time.sleep(2)\n    \n\n\nasync def three():\n    time.sleep(3)\n"
	c.open(u, text)
	c.diagnostics(u, 1)
	at := strings.Index(text, "    \n") + len("    ")
	two := c.rangeOf(text, "async def two():").Start.Line
	for i, ch := range "value = normalize(r" {
		version := int32(i + 2)
		c.edit(u, version, protocol.Range{Start: c.pos(text, at), End: c.pos(text, at)}, string(ch))
		text = text[:at] + string(ch) + text[at:]
		at++
		var sleeps []protocol.Range
		for _, d := range c.diagnostics(u, version) {
			switch code, _ := d.Code.(protocol.String); {
			case code == "AL201":
				sleeps = append(sleeps, d.Range)
			case code == "" && (d.Range.Start.Line < two || d.Range.Start.Line > two+2):
				t.Errorf("%q: syntax error at line %d, outside two()", text[strings.Index(text, "    value"):at], d.Range.Start.Line)
			}
		}
		if want := []protocol.Range{c.rangeOf(text, "time.sleep(1)"), c.rangeOf(text, "time.sleep(2)"), c.rangeOf(text, "time.sleep(3)")}; !slices.Equal(sleeps, want) {
			t.Errorf("%q: AL201 at %v, want %v", text[strings.Index(text, "    value"):at], sleeps, want)
		}
	}
}
