package fix

import (
	"testing"

	"github.com/asynclint/asynclint/analysis/syntax"
)

func TestAwaitOperand(t *testing.T) {
	for _, c := range []struct {
		src, id, operand, prefix, want string
	}{
		{"yield from g()\n", "yield from g()", "g()", "await ", "await g()\n"},
		{"yield from a or b\n", "yield from a or b", "a or b", "await ", "await (a or b)\n"},
		{"await wait_for(read(), 5)\n", "wait_for(read(), 5)", "read()", "", "await read()\n"},
		{"await wait_for(x + y, 5)\n", "wait_for(x + y, 5)", "x + y", "", "await (x + y)\n"},
	} {
		tree := parse(t, c.src)
		var id syntax.NodeID = syntax.NoNode
		for n := range tree.Nodes {
			if tree.Text(syntax.NodeID(n)) == c.id && tree.Nodes[n].IsNamed() {
				id = syntax.NodeID(n)
				break
			}
		}
		operand := syntax.NoNode
		for n := id; n < tree.Nodes[id].After; n++ {
			if n != id && tree.Text(n) == c.operand && tree.Nodes[n].IsNamed() {
				operand = n
				break
			}
		}
		if id == syntax.NoNode || operand == syntax.NoNode {
			t.Fatalf("%q: no %q or %q", c.src, c.id, c.operand)
		}
		edits := AwaitOperand(tree, id, operand, c.prefix)
		if got := applied(t, tree, edits...); got != c.want {
			t.Errorf("AwaitOperand(%q, %q) gives %q, want %q", c.id, c.operand, got, c.want)
		}
		for _, e := range edits {
			if e.Start == e.End && e.NewText == "" {
				t.Errorf("AwaitOperand(%q) returns an empty edit", c.id)
			}
		}
	}
}

func TestArgumentSeparator(t *testing.T) {
	for src, want := range map[string]string{
		"f(a)\n":             ", ",
		"f( a)\n":            ", ",
		"f(\n    a)\n":       ",",
		"f(  # note\n  a)\n": ",",
	} {
		tree := parse(t, src)
		if got := ArgumentSeparator(tree, tree.ChildByField(find(t, tree, syntax.Call, src[:len(src)-1]), syntax.FieldArguments)); got != want {
			t.Errorf("ArgumentSeparator(%q) = %q, want %q", src, got, want)
		}
	}
}
