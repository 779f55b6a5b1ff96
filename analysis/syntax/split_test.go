package syntax

import (
	"bytes"
	"testing"
)

// TestSplitParsesAsTheWhole parses each source of the statement tests in
// 2 to 4 parts side by side, and checks that a split parse, where it
// succeeds, gives node for node the tree of a parse of the whole, and
// that it fails only where a source has errors, ambiguities or no place
// to cut. The document then goes on by statements from that tree.
func TestSplitParsesAsTheWhole(t *testing.T) {
	p := NewParser()
	defer p.Close()
	sources := [][]byte{benchModule(3000), bytes.ReplaceAll(benchModule(3000), []byte("\n"), []byte("\r\n"))}
	if !testing.Short() {
		sources = append(sources, statementSources(t)...)
	}
	split, whole, byStatements := 0, 0, 0
	for i, src := range sources {
		if i > 1 && len(src) < 16<<10 {
			continue
		}
		want, err := p.Parse(src)
		if err != nil {
			continue
		}
		for n := 2; n <= 4; n++ {
			doc := NewDocument(src)
			got, ok := doc.parseSplit(n)
			if !ok {
				if !want.HasError() && unambiguous(want) && len(splitStarts(src, n)) > 1 && i < 2 {
					t.Errorf("the generated module (%d) does not parse in %d parts", i, n)
				}
				whole++
				doc.Close()
				continue
			}
			split++
			if d := treeDifference(got, want); d != "" {
				t.Fatalf("source %d (%d bytes) in %d parts: %s", i, len(src), n, d)
			}
			if doc.tree != nil || doc.parts == nil {
				t.Fatalf("source %d: a split parse keeps its parts, and no tree-sitter tree", i)
			}
			// The document goes on from the split parse: a line
			// inserted is parsed by statements.
			at := lineStart(src, len(src)/2)
			doc.Replace(at, at, []byte("pass\n"))
			got, err = doc.Parse()
			if err != nil {
				t.Fatal(err)
			}
			if d := documentDifference(p, doc, got); d != "" {
				t.Fatalf("source %d: the edit after a split parse: %s", i, d)
			}
			byStatements += doc.statementParses
			doc.Close()
		}
	}
	t.Logf("%d split parses, %d left whole; %d edits after them parsed by statements", split, whole, byStatements)
	if split == 0 || byStatements == 0 {
		t.Error("no source parsed in parts, or edited by statements after")
	}
}

// TestAdoptGoesOnByStatements gives a document the tree a parse of its
// whole text made elsewhere: Parse returns it without parsing, node for
// node that parse, and the document goes on by statements from it. A tree
// of another text, or with errors, is refused.
func TestAdoptGoesOnByStatements(t *testing.T) {
	for name, src := range map[string][]byte{
		"LF":   benchModule(3000),
		"CRLF": bytes.ReplaceAll(benchModule(3000), []byte("\n"), []byte("\r\n")),
	} {
		t.Run(name, func(t *testing.T) { testAdopt(t, src) })
	}
}

func testAdopt(t *testing.T, src []byte) {
	p := NewParser()
	defer p.Close()
	whole, err := p.Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	doc := NewDocument(bytes.Clone(src))
	defer doc.Close()
	if !doc.Adopt(whole) {
		t.Fatal("the parse of the document's text was refused")
	}
	got, err := doc.Parse()
	if err != nil {
		t.Fatal(err)
	}
	if d := treeDifference(got, whole); d != "" {
		t.Fatalf("the adopted tree: %s", d)
	}
	if c := doc.Counts(); c != (ParseCounts{}) {
		t.Errorf("an adopted tree is parsed again: %+v", c)
	}
	at := lineStart(src, len(src)/2)
	doc.Replace(at, at, []byte("pass\n"))
	if got, err = doc.Parse(); err != nil {
		t.Fatal(err)
	}
	if d := documentDifference(p, doc, got); d != "" {
		t.Fatalf("the edit after adopting: %s", d)
	}
	if doc.statementParses != 1 {
		t.Errorf("the edit after adopting was not parsed by statements")
	}

	// An edit before the first Parse is parsed from the adopted tree.
	edited := NewDocument(bytes.Clone(src))
	defer edited.Close()
	edited.Adopt(whole)
	edited.Replace(at, at, []byte("x = 1\n"))
	if got, err = edited.Parse(); err != nil {
		t.Fatal(err)
	}
	if d := documentDifference(p, edited, got); d != "" || edited.statementParses != 1 {
		t.Fatalf("an edit before the first parse: %q, parsed by statements %d times", d, edited.statementParses)
	}

	broken := []byte("def f(:\n    pass\n")
	brokenTree, err := p.Parse(broken)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		text []byte
		tree *Tree
	}{
		{"another text", append(bytes.Clone(src), '\n'), whole},
		{"syntax errors", broken, brokenTree},
	} {
		doc := NewDocument(c.text)
		if doc.Adopt(c.tree) {
			t.Errorf("%s: adopted", c.name)
		}
		doc.Close()
	}
}
