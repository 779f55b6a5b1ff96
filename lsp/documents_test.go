package lsp

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
	"go.uber.org/zap"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/source"
	"github.com/asynclint/asynclint/analysis/syntax"
	"github.com/asynclint/asynclint/rules"
)

// TestIncrementalParseMatchesFullParse makes random edits, some of them
// several to a notification, and checks after each that the incremental
// parse of a text without errors gives the tree a parse from scratch
// gives. (A text with errors may be parsed by statements, its errors kept
// to those the edit touched: the syntax package's tests check those.)
func TestIncrementalParseMatchesFullParse(t *testing.T) {
	snippets := []string{"", "x", "\n", "    ", "await f()\n", "async def g():\n    pass\n", "(", ")", "\"é🎉\"", "# c\r\n", "time.sleep(1)", "if x:\n        y = 2\n"}
	rng := rand.New(rand.NewPCG(1, 2))
	p := syntax.NewParser()
	defer p.Close()
	for _, enc := range []encoding{encUTF16, encUTF8} {
		d := newDocument("file:///tmp/random.py")
		defer d.close()
		sn := d.open(1, generate(300), &env{})
		if _, err := sn.syntax(); err != nil {
			t.Fatal(err)
		}
		for v := int32(2); v <= 200; v++ {
			var changes []protocol.TextDocumentContentChangeEvent
			src := sn.src
			for range 1 + rng.IntN(3) {
				m := mapper{enc, source.NewLines(src)}
				start := rng.IntN(len(src) + 1)
				end := min(len(src), start+rng.IntN(40))
				text := snippets[rng.IntN(len(snippets))]
				rng := m.rng(start, end)
				changes = append(changes, &protocol.TextDocumentContentChangePartial{Range: rng, Text: text})
				start, end = m.offset(rng.Start), m.offset(rng.End) // snapped to characters
				src = slices.Concat(src[:start], []byte(text), src[end:])
			}
			var err error
			if sn, err = d.change(v, changes, enc); err != nil {
				t.Fatal(err)
			}
			tree, err := sn.syntax()
			if err != nil {
				t.Fatal(err)
			}
			if string(tree.Src) != string(src) {
				t.Fatalf("%v version %d: text %q, want %q", enc.kind(), v, tree.Src, src)
			}
			full, err := p.Parse(src)
			if err != nil {
				t.Fatal(err)
			}
			if !tree.HasError() && !slices.Equal(tree.Nodes, full.Nodes) {
				t.Fatalf("%v version %d: the incremental parse differs from a full parse of %q", enc.kind(), v, src)
			}
		}
		if got, want := d.counts(), (syntax.ParseCounts{Full: 1, Incremental: 199}); got != want {
			t.Errorf("%v: parses %+v, want %+v", enc.kind(), got, want)
		}
	}
}

func TestRelatedLocations(t *testing.T) {
	other := filepath.Join(t.TempDir(), "other.py")
	if err := os.WriteFile(other, []byte("x = 1\ns = 'é🎉'; time.sleep(1)\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s := New(zap.NewNop(), rules.Suite())
	d := newDocument(uri.File(filepath.Join(filepath.Dir(other), "this.py")))
	defer d.close()
	sn := d.open(1, "🎉 = f()\n", &env{settings: defaultSettings()})
	m := s.mapper(sn)
	for _, tc := range []struct {
		r    analysis.Related
		want protocol.Location
	}{
		{
			analysis.Related{Start: syntax.Position{Line: 1, Column: 5}, End: syntax.Position{Line: 1, Column: 8}},
			protocol.Location{URI: sn.uri, Range: protocol.Range{Start: pos(0, 5), End: pos(0, 8)}},
		},
		{
			analysis.Related{Path: other, Start: syntax.Position{Line: 2, Column: 10}, End: syntax.Position{Line: 2, Column: 23}},
			protocol.Location{URI: uri.File(other), Range: protocol.Range{Start: pos(1, 10), End: pos(1, 23)}},
		},
		{
			analysis.Related{Path: other + ".gone", Start: syntax.Position{Line: 2, Column: 10}, End: syntax.Position{Line: 2, Column: 23}},
			protocol.Location{URI: uri.File(other + ".gone"), Range: protocol.Range{Start: pos(1, 9), End: pos(1, 22)}},
		},
	} {
		if got := s.related(sn, m, tc.r).Location; got != tc.want {
			t.Errorf("%+v: %+v, want %+v", tc.r, got, tc.want)
		}
	}
}

func TestIdleDocumentsReleaseTheirTrees(t *testing.T) {
	c := start(t, options{initOpts: map[string]any{"debounceMs": 0}})
	dir := t.TempDir()
	doc := func(i int) uri.URI { return uri.File(filepath.Join(dir, fmt.Sprintf("m%d.py", i))) }
	for i := range maxTrees + 2 {
		c.open(doc(i), sample)
		c.diagnostics(doc(i), 1)
	}
	// The last opened keep their trees: an edit parses incrementally.
	last := doc(maxTrees + 1)
	c.edit(last, 2, c.rangeOf(sample, "time.sleep(1)"), "pass")
	c.diagnostics(last, 2)
	if got, want := c.srv.docs.get(last).counts(), (syntax.ParseCounts{Full: 1, Incremental: 1}); got != want {
		t.Errorf("parses of the last document opened: %+v, want %+v", got, want)
	}
	// The first document's next edit parses its whole text again.
	c.edit(doc(0), 2, c.rangeOf(sample, "time.sleep(1)"), "pass")
	if got := codes(c.diagnostics(doc(0), 2)); !slices.Equal(got, []string{"AL202", "AL101"}) {
		t.Errorf("codes = %v", got)
	}
	if got, want := c.srv.docs.get(doc(0)).counts(), (syntax.ParseCounts{Full: 2}); got != want {
		t.Errorf("parses %+v, want %+v", got, want)
	}
}

// TestRoomPreparedForTheNextEdit checks that once a long document is
// edited and checked, its diagnostics pushed or pulled, the memory of its
// next parse is allocated (see syntax.Room), and that the next edit is
// checked.
func TestRoomPreparedForTheNextEdit(t *testing.T) {
	for _, pull := range []bool{false, true} {
		c := start(t, options{pull: pull, initOpts: map[string]any{"debounceMs": 0}})
		u := uri.File(filepath.Join(t.TempDir(), "long.py"))
		text := generate(8000)
		c.open(u, text)
		if pull {
			if _, err := c.server.Diagnostic(ctx(t), &protocol.DocumentDiagnosticParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}}); err != nil {
				t.Fatal(err)
			}
		} else {
			c.diagnostics(u, 1)
		}
		// A text only read needs no room: an edit makes one worth it.
		c.edit(u, 2, c.rangeOf(text, "time.sleep(0.1)"), "pass")
		text = strings.Replace(text, "time.sleep(0.1)", "pass", 1)
		if pull {
			if _, err := c.server.Diagnostic(ctx(t), &protocol.DocumentDiagnosticParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}}); err != nil {
				t.Fatal(err)
			}
		} else {
			c.diagnostics(u, 2)
		}
		d := c.srv.docs.get(u)
		ready := func() bool {
			d.mu.Lock()
			defer d.mu.Unlock()
			nodes, _ := d.text.RoomNeeded()
			return nodes == 0
		}
		for deadline := time.Now().Add(10 * time.Second); !ready(); time.Sleep(time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("pull %v: no room allocated for the next parse", pull)
			}
		}
		if !pull {
			c.edit(u, 3, c.rangeOf(text, "time.sleep(0.1)"), "pass")
			if got := c.diagnostics(u, 3); len(got) == 0 {
				t.Error("no diagnostics after the edit")
			}
		}
	}
}

// TestUnreadVersionsAreNotParsed checks that the versions a burst of edits
// replaces before anything reads them are never parsed, and that an older
// version read later still gets its own tree.
func TestUnreadVersionsAreNotParsed(t *testing.T) {
	d := newDocument("file:///tmp/burst.py")
	defer d.close()
	first := d.open(1, "x = 1\n", &env{})
	sn := first
	want := "x = 1\n"
	for v := int32(2); v <= 11; v++ {
		at := protocol.Position{Line: uint32(v - 1)}
		change := &protocol.TextDocumentContentChangePartial{Range: protocol.Range{Start: at, End: at}, Text: "y = 2\n"}
		var err error
		if sn, err = d.change(v, []protocol.TextDocumentContentChangeEvent{change}, encUTF8); err != nil {
			t.Fatal(err)
		}
		want += "y = 2\n"
	}
	tree, err := sn.syntax()
	if err != nil || string(tree.Src) != want {
		t.Fatalf("latest version: %q, %v; want %q", tree.Src, err, want)
	}
	if got, want := d.counts(), (syntax.ParseCounts{Full: 1}); got != want {
		t.Errorf("parses %+v, want %+v", got, want)
	}
	old, err := first.syntax()
	if err != nil || string(old.Src) != "x = 1\n" || len(old.Nodes) == 0 {
		t.Errorf("first version: %q, %d nodes, %v", old.Src, len(old.Nodes), err)
	}
}

// TestParseWhileEditing reads the tree of the latest snapshot while edits
// keep coming, as a check does while the user types: neither waits on the
// other for good.
func TestParseWhileEditing(t *testing.T) {
	d := newDocument("file:///tmp/typing.py")
	defer d.close()
	d.open(1, generate(2000), &env{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		for range 300 {
			if sn := d.current(); sn != nil {
				sn.syntax()
				sn.lines()
			}
		}
	}()
	for v := int32(2); v <= 300; v++ {
		at := protocol.Position{Line: 0}
		change := &protocol.TextDocumentContentChangePartial{Range: protocol.Range{Start: at, End: at}, Text: "y"}
		if _, err := d.change(v, []protocol.TextDocumentContentChangeEvent{change}, encUTF8); err != nil {
			t.Fatal(err)
		}
	}
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("reading the tree while editing did not end")
	}
}
