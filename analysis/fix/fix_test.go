package fix

import (
	"testing"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/syntax"
)

func parse(t *testing.T, src string) *syntax.Tree {
	t.Helper()
	p := syntax.NewParser()
	defer p.Close()
	tree, err := p.Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return tree
}

// find returns the first node of kind k whose text is text.
func find(t *testing.T, tree *syntax.Tree, k syntax.Kind, text string) syntax.NodeID {
	t.Helper()
	for id := range tree.OfKind(k) {
		if tree.Text(id) == text {
			return id
		}
	}
	t.Fatalf("no %s %q in %q", k, text, tree.Src)
	return syntax.NoNode
}

// applied returns the source of tree with edits applied.
func applied(t *testing.T, tree *syntax.Tree, edits ...analysis.TextEdit) string {
	t.Helper()
	out, n := Apply(tree.Src, []*analysis.Fix{{Edits: edits}})
	if n != 1 {
		t.Fatalf("edits %v do not apply to %q", edits, tree.Src)
	}
	return string(out)
}
