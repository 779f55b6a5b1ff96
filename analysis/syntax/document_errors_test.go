package syntax

import (
	"bytes"
	"slices"
	"strings"
	"testing"
)

// typeAt types text into doc at offset at, a character a parse, and calls
// after with each tree and whether it was parsed by statements.
func typeAt(t *testing.T, doc *Document, at int, text string, after func(tree *Tree, byStatements bool)) {
	t.Helper()
	for i := range len(text) {
		doc.Replace(at+i, at+i, []byte(text[i:i+1]))
		before := doc.statementParses
		tree, err := doc.Parse()
		if err != nil {
			t.Fatal(err)
		}
		after(tree, doc.statementParses > before)
	}
}

// TestTypingParsesByStatements types a line into a function: every text
// on the way is parsed by statements, and the errors of those that have
// some are in that function, the others parsed as before.
func TestTypingParsesByStatements(t *testing.T) {
	src := benchModule(300)
	doc := parsedDocument(t, src)
	p := NewParser()
	defer p.Close()
	at := functionAt(src, 10) + bytes.Index(src[functionAt(src, 10):], []byte("    data ="))
	doc.Replace(at, at, []byte("    \n"))
	if _, err := doc.Parse(); err != nil {
		t.Fatal(err)
	}
	line := at + len("    ")
	errors := 0
	typeAt(t, doc, line, "value = normalize(raw)", func(tree *Tree, byStatements bool) {
		text := doc.Text()
		if !byStatements {
			t.Fatalf("%q was parsed whole", lineAt(text, line))
		}
		if d := documentDifference(p, doc, tree); d != "" {
			t.Fatalf("%q: %s", lineAt(text, line), d)
		}
		if e := tree.FirstError(); e != NoNode {
			errors++
			if start := int(tree.Nodes[e].Start); start < functionAt(text, 10) || start >= functionAt(text, 11) {
				t.Errorf("%q: the first error is at %q, outside the function typed in", lineAt(text, line), lineAt(text, start))
			}
		}
	})
	if errors == 0 {
		t.Error("no text on the way had errors")
	}
}

func lineAt(src []byte, at int) string {
	return strings.TrimSpace(string(src[lineStart(src, at):lineEnd(src, at)]))
}

// TestOpenTripleQuoteParsesWhole types a string whose triple quote the
// rest of the text, full of docstrings, would close: the texts on the way
// are parsed whole, as CPython would read them, until it is closed.
func TestOpenTripleQuoteParsesWhole(t *testing.T) {
	src := benchModule(300)
	doc := parsedDocument(t, src)
	at := functionAt(src, 10) + bytes.Index(src[functionAt(src, 10):], []byte("    data ="))
	doc.Replace(at, at, []byte("    s = \n"))
	if _, err := doc.Parse(); err != nil {
		t.Fatal(err)
	}
	line := at + len("    s = ")
	var whole []bool
	typeAt(t, doc, line, `"""x"""`, func(_ *Tree, byStatements bool) { whole = append(whole, !byStatements) })
	// `"` and `""` are strings; the next four texts leave one open.
	if want := []bool{false, false, true, true, true, true, true}; !slices.Equal(whole, want) {
		t.Errorf("parsed whole: %v, want %v", whole, want)
	}
	typeAt(t, doc, line+len(`"""x"""`), "  # c", func(tree *Tree, byStatements bool) {
		if !byStatements || tree.HasError() {
			t.Errorf("after the string is closed, an edit is parsed by statements: %v, errors %v", byStatements, tree.HasError())
		}
	})
}

// A step replaces old, the first time it occurs in a document's text,
// with new, and says how the text is then parsed.
type step struct {
	old, new     string
	byStatements bool
	errors       bool
}

// parsedDocument returns a document holding src, parsed, and closed when
// the test ends.
func parsedDocument(t *testing.T, src []byte) *Document {
	t.Helper()
	doc := NewDocument(src)
	t.Cleanup(doc.Close)
	if _, err := doc.Parse(); err != nil {
		t.Fatal(err)
	}
	return doc
}

// runSteps parses text, then makes each step and checks how the text is
// parsed, and that the document keeps its contract.
func runSteps(t *testing.T, text string, steps []step) *Document {
	t.Helper()
	p := NewParser()
	defer p.Close()
	doc := parsedDocument(t, []byte(text))
	for _, s := range steps {
		at := bytes.Index(doc.Text(), []byte(s.old))
		if at < 0 {
			t.Fatalf("no %q in %q", s.old, doc.Text())
		}
		doc.Replace(at, at+len(s.old), []byte(s.new))
		before := doc.statementParses
		tree, err := doc.Parse()
		if err != nil {
			t.Fatal(err)
		}
		if by := doc.statementParses > before; by != s.byStatements || tree.HasError() != s.errors {
			t.Errorf("%q -> %q: parsed by statements %v, errors %v; want %v, %v", s.old, s.new, by, tree.HasError(), s.byStatements, s.errors)
		}
		if d := documentDifference(p, doc, tree); d != "" {
			t.Errorf("%q -> %q: %s", s.old, s.new, d)
		}
	}
	return doc
}

// TestBrokenPartsJoin opens a bracket in one statement and closes it two
// statements further: the two runs with errors are parsed as one, which
// has none.
func TestBrokenPartsJoin(t *testing.T) {
	runSteps(t, "w = 0\nx = 1,\n2,\n3\nz = 4\n", []step{
		{"x = 1,", "x = (1,", true, true},
		{"3\n", "3)\n", true, false},
	})
	// Two runs with errors, whatever is between them, make one part.
	doc := runSteps(t, "a = 1\nb = 2\nc = 3\nd = 4\n", []step{
		{"b = 2", "b = (2", true, true},
		{"d = 4", "d = 4)]", true, true},
	})
	if got := doc.Text()[doc.parts[doc.broken].at:doc.parts[doc.broken+1].at]; string(got) != "b = (2\nc = 3\nd = 4)]\n" {
		t.Errorf("the part with errors is %q", got)
	}
}

// TestBrokenPartCompletedNextToIt turns the statement after a lone
// decorator into a definition: the part with errors is parsed again with
// it.
func TestBrokenPartCompletedNextToIt(t *testing.T) {
	runSteps(t, "a = 0\nb\nx = 1\n", []step{
		{"b", "@dec", true, true},
		{"x = 1", "def x(): pass", true, false},
	})
}

// TestErrorsParsedWhole lists where texts with errors are parsed whole: a
// text opened with errors, until it has none; an error in the only
// statement; an error that shows in no node, as a missing line break.
func TestErrorsParsedWhole(t *testing.T) {
	runSteps(t, "x = (1\ny = 2\n", []step{
		{"y = 2", "y = 3", false, true},
		{"(1", "(1)", false, false},
		{"y = 3", "y = 4", true, false},
	})
	runSteps(t, "x = 1\n", []step{
		{"x = 1", "x = (1", false, true},
		{"x = (1", "x = 1", false, false},
	})
	runSteps(t, "a = 0\nb = 1\nc = 2\n", []step{
		{"b = 1", "lambda: 0    return x", false, false},
	})
}

// TestSetTextParsesWhatChanged replaces a document's whole text, as a
// client that sends whole texts does: with the text edited in one place,
// only the statements there are parsed again; with another text, the
// tree is the parse of that text.
func TestSetTextParsesWhatChanged(t *testing.T) {
	p := NewParser()
	defer p.Close()
	src := benchModule(300)
	doc := parsedDocument(t, src)
	at := functionAt(src, 20)
	edited := append(append(append([]byte(nil), src[:at]...), "x = 1\n"...), src[at:]...)
	for _, text := range [][]byte{edited, src, []byte("async def other():\n    pass\n"), nil, src} {
		doc.SetText(text)
		got, err := doc.Parse()
		if err != nil {
			t.Fatal(err)
		}
		if d := documentDifference(p, doc, got); d != "" {
			t.Fatalf("after SetText of %d bytes: %s", len(text), d)
		}
	}
	if doc.statementParses == 0 || doc.Counts().Full != 1 {
		t.Errorf("%d parses by statements, %+v: SetText should parse from the last parse", doc.statementParses, doc.Counts())
	}
}

// TestDeleteEverythingThenType deletes the whole text, as select-all and
// delete in an editor do, then types into the empty document.
func TestDeleteEverythingThenType(t *testing.T) {
	p := NewParser()
	defer p.Close()
	src := benchModule(300)
	doc := NewDocument(src)
	defer doc.Close()
	for _, e := range []struct {
		start, end int
		text       string
	}{{0, 0, ""}, {0, len(src), ""}, {0, 0, "x = 1\n"}, {6, 6, "async def f():\n    pass\n"}} {
		doc.Replace(e.start, e.end, []byte(e.text))
		got, err := doc.Parse()
		if err != nil {
			t.Fatal(err)
		}
		if d := documentDifference(p, doc, got); d != "" {
			t.Fatalf("after %q at %d: %s", e.text, e.start, d)
		}
	}
}
