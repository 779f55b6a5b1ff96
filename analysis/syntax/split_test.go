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
