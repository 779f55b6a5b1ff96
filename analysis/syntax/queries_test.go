package syntax

import (
	"slices"
	"strings"
	"testing"
)

// find returns the first node of kind k whose text is text.
func find(t *testing.T, tree *Tree, k Kind, text string) NodeID {
	t.Helper()
	for id := range tree.OfKind(k) {
		if tree.Text(id) == text {
			return id
		}
	}
	t.Fatalf("no %s %q", k, text)
	return NoNode
}

// texts returns the texts of nodes, "-" for NoNode.
func texts(tree *Tree, ids ...NodeID) string {
	var out []string
	for _, id := range ids {
		if id == NoNode {
			out = append(out, "-")
		} else {
			out = append(out, tree.Text(id))
		}
	}
	return strings.Join(out, " ")
}

func TestNamedChild(t *testing.T) {
	tree := parse(t, "f(a, # note\n  b)\ng(c)\nh()\n")
	args := find(t, tree, ArgumentList, "(a, # note\n  b)")
	if got := texts(tree, tree.NamedChild(args, 0), tree.NamedChild(args, 1), tree.NamedChild(args, 2)); got != "a b -" {
		t.Errorf("NamedChild skips comments: got %q", got)
	}
	for src, want := range map[string]string{"(a, # note\n  b)": "-", "(c)": "c", "()": "-"} {
		if got := texts(tree, tree.OnlyNamedChild(find(t, tree, ArgumentList, src))); got != want {
			t.Errorf("OnlyNamedChild(%q) = %q, want %q", src, got, want)
		}
	}
}

func TestTokenRange(t *testing.T) {
	tree := parse(t, "def g():\n    yield from xs\n    yield x\n")
	for src, want := range map[string]string{"yield from xs": "yield from", "yield x": "yield x"} {
		start, end := tree.TokenRange(find(t, tree, Yield, src), FromKeyword)
		if got := string(tree.Src[start:end]); got != want {
			t.Errorf("TokenRange(%q) = %q, want %q", src, got, want)
		}
	}
}

func TestOuterParens(t *testing.T) {
	tree := parse(t, "x = ((f()))\ny = g()\n")
	if got := texts(tree, tree.OuterParens(find(t, tree, Call, "f()"))); got != "((f()))" {
		t.Errorf("OuterParens = %q", got)
	}
	if got := texts(tree, tree.OuterParens(find(t, tree, Call, "g()"))); got != "g()" {
		t.Errorf("OuterParens without parentheses = %q", got)
	}
}

func TestExpressionKinds(t *testing.T) {
	tree := parse(t, "a\nb.c\nd()\ne[0]\n(f)\n[]\n()\n[1]\n''\n1\nTrue\nNone\n-g\nh + i\nnot j\nk if l else m\n")
	var primary, empty []string
	for stmt := range tree.NamedChildren(0) {
		e := tree.FirstChild(stmt)
		if tree.IsPrimary(e) {
			primary = append(primary, tree.Text(e))
		}
		if tree.IsEmptyDisplay(e) {
			empty = append(empty, tree.Text(e))
		}
	}
	if want := []string{"a", "b.c", "d()", "e[0]", "(f)", "[]", "()", "[1]", "''", "1", "True", "None"}; !slices.Equal(primary, want) {
		t.Errorf("IsPrimary holds for %q, want %q", primary, want)
	}
	if want := []string{"[]", "()"}; !slices.Equal(empty, want) {
		t.Errorf("IsEmptyDisplay holds for %q, want %q", empty, want)
	}
}

func TestReadFrom(t *testing.T) {
	tree := parse(t, "(a).b\nc[0]\nd()\n")
	for _, c := range []struct {
		kind      Kind
		src, want string
	}{{Attribute, "(a).b", "a"}, {Subscript, "c[0]", "c"}, {Call, "d()", "-"}} {
		if got := texts(tree, tree.ReadFrom(find(t, tree, c.kind, c.src))); got != c.want {
			t.Errorf("ReadFrom(%q) = %q, want %q", c.src, got, c.want)
		}
	}
}

func TestWithItemValue(t *testing.T) {
	tree := parse(t, "with open(p) as f, lock:\n    pass\n")
	var got []string
	for item := range tree.OfKind(WithItem) {
		got = append(got, texts(tree, tree.WithItemValue(item)))
	}
	if want := []string{"open(p)", "lock"}; !slices.Equal(got, want) {
		t.Errorf("WithItemValue = %q, want %q", got, want)
	}
}

func TestIsWithContext(t *testing.T) {
	tree := parse(t, "with open(p) as f, lock(), g(h()):\n    k()\n")
	var got []string
	for id := range tree.OfKind(Call) {
		if tree.IsWithContext(id) {
			got = append(got, tree.Text(id))
		}
	}
	if want := []string{"open(p)", "lock()", "g(h())"}; !slices.Equal(got, want) {
		t.Errorf("IsWithContext holds for %q, want %q", got, want)
	}
}

func TestMethodName(t *testing.T) {
	tree := parse(t, "loop.close()\nclose()\na.b.run(x)\n")
	for src, want := range map[string]string{"loop.close()": "close", "close()": "", "a.b.run(x)": "run"} {
		if got := tree.MethodName(find(t, tree, Call, src)); got != want {
			t.Errorf("MethodName(%q) = %q, want %q", src, got, want)
		}
	}
}

func TestCallArguments(t *testing.T) {
	tree := parse(t, "f(a, b, key=c)\ng(*args)\nh(**kw)\nk(x for x in y)\n")
	positional, keywords, ok := tree.CallArguments(find(t, tree, Call, "f(a, b, key=c)"))
	if !ok || texts(tree, positional...) != "a b" || len(keywords) != 1 || tree.Text(keywords["key"]) != "key=c" {
		t.Errorf("CallArguments(f(...)) = %q, %v, %v", texts(tree, positional...), keywords, ok)
	}
	for _, src := range []string{"g(*args)", "h(**kw)", "k(x for x in y)"} {
		if _, _, ok := tree.CallArguments(find(t, tree, Call, src)); ok {
			t.Errorf("CallArguments(%s) is ok", src)
		}
	}
}

func TestKeywordArgument(t *testing.T) {
	tree := parse(t, "f(a, loop=l, b=2)\ng(loop)\n")
	if got := texts(tree, tree.KeywordArgument(find(t, tree, Call, "f(a, loop=l, b=2)"), "loop")); got != "loop=l" {
		t.Errorf("KeywordArgument = %q", got)
	}
	if got := tree.KeywordArgument(find(t, tree, Call, "g(loop)"), "loop"); got != NoNode {
		t.Errorf("a positional argument is a keyword argument: %q", tree.Text(got))
	}
}

func TestFirstArgument(t *testing.T) {
	tree := parse(t, "f(a, b)\ng(fs=c)\nh(**kw, d)\nk(*xs, e)\nm(x for x in y)\nn()\n")
	for src, want := range map[string]string{
		"f(a, b)": "a", "g(fs=c)": "c", "h(**kw, d)": "d", "k(*xs, e)": "-", "m(x for x in y)": "(x for x in y)", "n()": "-",
	} {
		if got := texts(tree, tree.FirstArgument(find(t, tree, Call, src), "fs")); got != want {
			t.Errorf("FirstArgument(%q) = %q, want %q", src, got, want)
		}
	}
}

func TestPassesOnly(t *testing.T) {
	tree := parse(t, "f(loop)\ng()\nh(loop, x)\nk(loop=loop)\n")
	for _, c := range []struct {
		src  string
		args []string
		want bool
	}{
		{"f(loop)", []string{"loop"}, true},
		{"f(loop)", nil, false},
		{"g()", nil, true},
		{"h(loop, x)", []string{"loop"}, false},
		{"k(loop=loop)", nil, false},
	} {
		if got := tree.PassesOnly(find(t, tree, Call, c.src), c.args...); got != c.want {
			t.Errorf("PassesOnly(%s, %q) = %v", c.src, c.args, got)
		}
	}
}

func TestStatements(t *testing.T) {
	tree := parse(t, "a()\nx = b()\ny: int = c()\nz = w = d()\nprint(e())\n# note\nf()\n")
	for src, want := range map[string]string{
		"a()": "a()", "b()": "x = b()", "c()": "-", "d()": "-", "e()": "-", "f()": "f()",
	} {
		if got := texts(tree, tree.SimpleStatement(find(t, tree, Call, src))); got != want {
			t.Errorf("SimpleStatement(%q) = %q, want %q", src, got, want)
		}
	}
	var calls []string
	for stmt := range tree.NamedChildren(0) {
		calls = append(calls, texts(tree, tree.StatementCall(stmt)))
	}
	if want := []string{"a()", "-", "-", "-", "print(e())", "f()"}; !slices.Equal(calls, want) {
		t.Errorf("StatementCall = %q, want %q", calls, want)
	}
	printStmt := tree.Parent(find(t, tree, Call, "print(e())"))
	if got := texts(tree, tree.NextStatement(printStmt)); got != "f()" {
		t.Errorf("NextStatement skips comments: got %q", got)
	}
	if got := tree.NextStatement(tree.NextStatement(printStmt)); got != NoNode {
		t.Errorf("NextStatement after the last statement = %q", tree.Text(got))
	}
}

func TestEndsLine(t *testing.T) {
	src := "f(a,  # note\n  b)\n"
	tree := parse(t, src)
	for _, c := range []struct {
		off  int
		want bool
	}{{len("f(a,"), true}, {len("f(a"), false}, {len("f("), false}, {strings.Index(src, "b)") + 2, true}, {len(src), true}} {
		if got := tree.EndsLine(c.off); got != c.want {
			t.Errorf("EndsLine(%d) = %v, before %q", c.off, got, src[c.off:])
		}
	}
}

func TestHasComment(t *testing.T) {
	src := "f(a,  # note\n  b)\n"
	tree := parse(t, src)
	args := find(t, tree, ArgumentList, "(a,  # note\n  b)")
	note := strings.Index(src, "#")
	if !tree.HasComment(args, note-1, note+1) {
		t.Error("a comment in the range is not found")
	}
	if tree.HasComment(args, 0, note) || tree.HasComment(args, note+len("# note"), len(src)) {
		t.Error("a comment outside the range is found")
	}
}
