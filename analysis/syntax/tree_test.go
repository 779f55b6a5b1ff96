package syntax

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func parse(t testing.TB, src string) *Tree {
	t.Helper()
	p := NewParser()
	defer p.Close()
	tree, err := p.Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return tree
}

// sexp renders the named nodes of a tree, with fields, for comparison.
func sexp(t *Tree, id NodeID) string {
	var b strings.Builder
	if f := t.Nodes[id].Field; f != NoField {
		fmt.Fprintf(&b, "%s: ", f)
	}
	b.WriteString("(" + t.Kind(id).String())
	for c := range t.NamedChildren(id) {
		b.WriteString(" " + sexp(t, c))
	}
	return b.String() + ")"
}

func TestFlattenStructure(t *testing.T) {
	tree := parse(t, "async def f(x):\n    await g(x)  # note\n")
	got := sexp(tree, 0)
	want := "(module (function_definition name: (identifier) parameters: (parameters (identifier)) " +
		"body: (block (expression_statement (await (call function: (identifier) arguments: (argument_list (identifier))))))))"
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	def := tree.FirstChild(0)
	if !tree.HasToken(def, AsyncKeyword) {
		t.Error("async def lost its async token")
	}
	if tree.Text(tree.ChildByField(def, FieldName)) != "f" {
		t.Error("name field")
	}
	for i, n := range tree.Nodes {
		if i > 0 && (n.Parent < 0 || !tree.Contains(n.Parent, NodeID(i))) {
			t.Fatalf("node %d (%s) is not inside its parent", i, n.Kind)
		}
	}
}

func TestErrorNodes(t *testing.T) {
	tree := parse(t, "def f(:\n    pass\n")
	if !tree.HasError() {
		t.Fatal("missing ) not found")
	}
	tree = parse(t, "x = = 1\n")
	found := false
	for i := range tree.Nodes {
		if tree.Nodes[i].IsError() {
			found = true
			if tree.Kind(NodeID(i)) != Error {
				t.Errorf("error node has kind %s", tree.Kind(NodeID(i)))
			}
		}
	}
	if !found {
		t.Errorf("no ERROR node in %s", sexp(tree, 0))
	}
}

func TestPositions(t *testing.T) {
	tree := parse(t, "x = 'é'\r\ny = 1\rz\n")
	for _, c := range []struct {
		off  int
		want Position
	}{{0, Position{Line: 1, Column: 1}}, {5, Position{Line: 1, Column: 6}}, {7, Position{Line: 1, Column: 7}}, {10, Position{Line: 2, Column: 1}}, {16, Position{Line: 3, Column: 1}}, {100, Position{Line: 4, Column: 1}}} {
		if got := tree.Position(c.off); got != c.want {
			t.Errorf("Position(%d) = %v, want %v", c.off, got, c.want)
		}
	}
	if got := tree.LineText(1); got != "x = 'é'" {
		t.Errorf("LineText(1) = %q", got)
	}
}

func TestHostileInput(t *testing.T) {
	deep := strings.Repeat("(", 5000) + strings.Repeat(")", 5000)
	for name, src := range map[string]string{
		"empty":   "",
		"nul":     "x = 1\x00\x00y",
		"invalid": "x = '\xff\xfe'\n",
		"deep":    deep,
	} {
		tree := parse(t, src)
		if len(tree.Nodes) == 0 || tree.Kind(0) != Module {
			t.Errorf("%s: root is not a module", name)
		}
	}
}

func TestOfKind(t *testing.T) {
	tree := parse(t, "def f(a):\n    return g(a) + h(b)\n\nclass C:\n    def m(self):\n        k()\n")
	var got []string
	for id := range tree.OfKind(Call, FunctionDefinition) {
		got = append(got, tree.Kind(id).String()+" "+strings.Fields(tree.Text(id))[0])
	}
	want := []string{"function_definition def", "call g(a)", "call h(b)", "function_definition def", "call k()"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("OfKind(Call, FunctionDefinition) = %q, want %q", got, want)
	}
	n := 0
	for range tree.OfKind(Call) {
		if n++; n == 2 {
			break
		}
	}
	if n != 2 {
		t.Errorf("stopping early: %d nodes", n)
	}
	if len(slices.Collect(tree.OfKind(Lambda))) != 0 {
		t.Error("a kind the tree lacks yields nodes")
	}
}

func TestRejectedCount(t *testing.T) {
	for src, want := range map[string]int{
		"async def f():\n    await g()\n":               0,
		"async def f():\n    await (await g())\n":       0,
		"async def f():\n    return await await g()\n":  1,
		"async def f():\n    await -g()\n":              1,
		"async def f():\n    await g() ** -2\n":         0,
		"async def f():\n    await await await g()\n":   2,
		"async def f():\n    x = [await -y for y in z]": 1,
	} {
		if got := parse(t, src).RejectedCount(); got != want {
			t.Errorf("%q: RejectedCount() = %d, want %d", src, got, want)
		}
	}
}

func TestTooManyTokensAreNotParsed(t *testing.T) {
	p := NewParser()
	defer p.Close()
	src := []byte("x = [" + strings.Repeat("1,", MaxTokens/2+1) + "]\n")
	_, err := p.Parse(src)
	if _, ok := err.(*TooComplexError); !ok {
		t.Fatalf("Parse of %d bytes of a list: err = %v, want a TooComplexError", len(src), err)
	}
	if n := countTokens([]byte("async def f(x):\n    return x.y + 1  # c\n")); n < 10 || n > 16 {
		t.Errorf("countTokens = %d, want about 12", n)
	}
}

func TestSameNodes(t *testing.T) {
	a := parse(t, "x = f(1)\ny = 2\n")
	b := parse(t, "# moved\nx = f(1)\ny = 2\n")
	c := parse(t, "x = f(y)\ny = 2\n")
	first, second := a.FirstChild(0), a.NextSibling(a.FirstChild(0))
	if !a.SameNodes(first, NodeID(len(a.Nodes)), b, 2) {
		t.Error("the statements moved by a comment differ")
	}
	if a.SameNodes(first, second, c, 1) {
		t.Error("f(1) is f(y)")
	}
	if !a.SameNodes(second, NodeID(len(a.Nodes)), c, c.NextSibling(c.FirstChild(0))) {
		t.Error("y = 2 differs")
	}
	if a.SameNodes(first, NodeID(len(a.Nodes)), b, 3) {
		t.Error("nodes past the end compare")
	}
}

// TestWithinSees: a tree seen through spans sees their nodes and yields
// only them; the whole tree sees every node.
func TestWithinSees(t *testing.T) {
	tree := parse(t, "a = 1\nb = 2\nc = 3\n")
	second := tree.NextSibling(tree.FirstChild(0))
	w := tree.Within([][2]NodeID{{second, tree.Nodes[second].After}})
	var seen []string
	for id := range w.OfKind(Identifier) {
		seen = append(seen, w.Text(id))
	}
	if len(seen) != 1 || seen[0] != "b" {
		t.Errorf("OfKind within the second statement: %q, want [b]", seen)
	}
	for id := NodeID(1); id < NodeID(len(tree.Nodes)); id++ {
		if want := id >= second && id < tree.Nodes[second].After; w.Sees(id) != want || !tree.Sees(id) {
			t.Errorf("node %d: Sees %v within, %v whole; want %v, true", id, w.Sees(id), tree.Sees(id), want)
		}
	}
}
