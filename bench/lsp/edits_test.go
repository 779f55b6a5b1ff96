package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"
)

func TestPositionCountsUTF16(t *testing.T) {
	text := "a = 1\ncafé → 😀x\n"
	for _, c := range []struct {
		off  int
		want lspPosition
	}{
		{0, lspPosition{0, 0}},
		{6, lspPosition{1, 0}},
		{strings.Index(text, "→"), lspPosition{1, 5}},
		{strings.Index(text, "x"), lspPosition{1, 9}}, // the emoji is two code units
		{len(text), lspPosition{2, 0}},
	} {
		if got := position(text, c.off); got != c.want {
			t.Errorf("position(%d) = %+v, want %+v", c.off, got, c.want)
		}
	}
}

// offset is what a server does with an LSP position: the byte offset of a
// line and UTF-16 column.
func offset(text string, p lspPosition) int {
	off := 0
	for range p.Line {
		off += strings.IndexByte(text[off:], '\n') + 1
	}
	units := 0
	for i, r := range text[off:] {
		if units >= p.Character || r == '\n' {
			return off + i
		}
		units += len(utf16.Encode([]rune{r}))
	}
	return len(text)
}

// TestPlanEdits makes a long plan on a generated module, checks that each
// change sent, applied as a server applies it, gives the client's text,
// that every kind is made at every position, that an undo restores the
// text before the edit it reverts, and that the text is still Python.
func TestPlanEdits(t *testing.T) {
	text := newGenerator(7).module(1500)
	doc := &document{text: text, version: 1}
	p := newPlan(3)
	seen := map[string]bool{}
	var before string
	for range 300 {
		e := p.next(doc.text)
		prev := doc.text
		c := doc.apply(e)
		server := prev[:offset(prev, c.Range.Start)] + c.Text + prev[offset(prev, c.Range.End):]
		if server != doc.text {
			t.Fatalf("edit %+v: the change sent does not give the client's text", e)
		}
		if e.kind == undo && doc.text != before {
			t.Fatalf("undo at %s did not restore the text", e.where)
		}
		if e.kind != undo && e.old == e.text {
			t.Fatalf("edit %s at %s changes nothing", e.kind, e.where)
		}
		seen[e.kind+"/"+e.where] = true
		before = prev
	}
	for _, kind := range editKinds {
		for _, where := range positions {
			if !seen[kind+"/"+where] {
				t.Errorf("no %s edit at the %s", kind, where)
			}
		}
	}
	if n := strings.Count(doc.text, "\n"); n < 1000 || n > 2500 {
		t.Errorf("the module went from 1500 lines to %d", n)
	}
	assertPython(t, doc.text)
}

func TestTypingBurst(t *testing.T) {
	text := newGenerator(1).module(300)
	doc := &document{text: text, version: 1}
	burst, revert := newPlan(1).typing(text, "middle", 10)
	if len(burst) != 10 {
		t.Fatalf("a burst of %d edits, want 10", len(burst))
	}
	for _, e := range burst {
		doc.apply(e)
	}
	if !strings.Contains(doc.text, "    value = n\n") {
		t.Errorf("the burst did not type a line:\n%s", doc.text)
	}
	doc.apply(revert)
	if doc.text != text || doc.version != 12 {
		t.Errorf("the revert did not restore the text (version %d)", doc.version)
	}
}

func TestPasteFunctionIs40Lines(t *testing.T) {
	if n := len(strings.Split(strings.TrimSpace(pasteFunction(1)), "\n")); n != 40 {
		t.Errorf("the pasted function has %d lines, want 40", n)
	}
}

// assertPython checks that text is Python that CPython parses.
func assertPython(t *testing.T, text string) {
	t.Helper()
	python, err := exec.LookPath("python3")
	if err != nil {
		if os.Getenv("ASYNCLINT_REQUIRE_TOOLS") != "" {
			t.Fatal("python3 not found")
		}
		t.Skip("python3 not found")
	}
	path := filepath.Join(t.TempDir(), "m.py")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(python, "-c", "import ast, sys; ast.parse(open(sys.argv[1], encoding='utf-8').read())", path).CombinedOutput()
	if err != nil {
		t.Errorf("CPython cannot parse the text: %v\n%s", err, out)
	}
}
