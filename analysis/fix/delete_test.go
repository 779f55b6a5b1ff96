package fix

import (
	"testing"

	"github.com/asynclint/asynclint/analysis/syntax"
)

func TestDeleteArgument(t *testing.T) {
	for _, c := range []struct {
		src, arg, want string
	}{
		{"f(loop=loop)\n", "loop=loop", "f()\n"},
		{"f(loop=loop,)\n", "loop=loop", "f()\n"},
		{"f(1, loop=loop)\n", "loop=loop", "f(1)\n"},
		{"f(loop=loop, x=1)\n", "loop=loop", "f(x=1)\n"},
		{"f(a, loop=loop, b)\n", "loop=loop", "f(a, b)\n"},
		{"f(\n    a,\n    loop=loop,  # the loop\n    b,\n)\n", "loop=loop", "f(\n    a,\n    b,\n)\n"},
		{"f(\n    a,\n    loop=loop\n)\n", "loop=loop", "f(\n    a,\n)\n"},
		{"f(  # note\n    loop=loop)\n", "loop=loop", "f(  # note\n    )\n"},
	} {
		tree := parse(t, c.src)
		edit, ok := DeleteArgument(tree, find(t, tree, syntax.KeywordArgument, c.arg))
		if !ok {
			t.Errorf("DeleteArgument(%q) fails", c.src)
			continue
		}
		if got := applied(t, tree, edit); got != c.want {
			t.Errorf("DeleteArgument(%q) gives %q, want %q", c.src, got, c.want)
		}
	}
}

func TestDeleteArgumentKeepsComments(t *testing.T) {
	tree := parse(t, "f(a, # note\n  loop=loop, b)\n")
	if edit, ok := DeleteArgument(tree, find(t, tree, syntax.KeywordArgument, "loop=loop")); ok {
		t.Errorf("DeleteArgument deletes a comment: %q", applied(t, tree, edit))
	}
}

func TestDeleteLines(t *testing.T) {
	src := "@coroutine\ndef f():\n    x = 1; y = 2\n    z = 3  # note\n    return z\n"
	tree := parse(t, src)
	for _, c := range []struct {
		kind       syntax.Kind
		text, want string
	}{
		{syntax.Decorator, "@coroutine", "def f():\n    x = 1; y = 2\n    z = 3  # note\n    return z\n"},
		{syntax.ExpressionStatement, "z = 3", "@coroutine\ndef f():\n    x = 1; y = 2\n    return z\n"},
	} {
		id := find(t, tree, c.kind, c.text)
		edit, ok := DeleteLines(tree, id, int(tree.Nodes[id].End))
		if !ok {
			t.Errorf("DeleteLines(%q) fails on a line of its own", c.text)
			continue
		}
		if got := applied(t, tree, edit); got != c.want {
			t.Errorf("DeleteLines(%q) gives %q, want %q", c.text, got, c.want)
		}
	}
	for _, text := range []string{"x = 1", "y = 2"} {
		id := find(t, tree, syntax.ExpressionStatement, text)
		if _, ok := DeleteLines(tree, id, int(tree.Nodes[id].End)); ok {
			t.Errorf("DeleteLines(%q) deletes a line that holds another statement", text)
		}
	}
}
