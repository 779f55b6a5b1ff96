package syntax

import (
	"strings"
	"testing"
	"unsafe"

	ts "github.com/tree-sitter/go-tree-sitter"
)

// al_node in flatten.h is statically asserted to be 20 bytes with this order.
func TestNodeLayoutMatchesC(t *testing.T) {
	var n Node
	if unsafe.Sizeof(n) != 20 || unsafe.Offsetof(n.Kind) != 16 || unsafe.Offsetof(n.Field) != 18 || unsafe.Offsetof(n.flags) != 19 {
		t.Fatalf("Node layout changed: size %d, Kind at %d, Field at %d, flags at %d",
			unsafe.Sizeof(n), unsafe.Offsetof(n.Kind), unsafe.Offsetof(n.Field), unsafe.Offsetof(n.flags))
	}
}

// cursorFlatten flattens tree through tree-sitter's public cursor API, the
// reference for al_flatten, which reads tree-sitter's internal layout.
func cursorFlatten(tree *ts.Tree) []Node {
	var out []Node
	c := tree.Walk()
	defer c.Close()
	cur := NoNode
	for {
		n := c.Node()
		sym := n.GrammarId()
		if !n.IsError() {
			sym = n.KindId()
		}
		kind := Kind(grammar.symbolKinds[min(int(sym), len(grammar.symbolKinds)-1)])
		if grammar.skip[kind] == 0 || n.IsMissing() {
			var flags uint8
			for _, f := range []struct {
				on   bool
				flag uint8
			}{{n.IsNamed(), flagNamed}, {n.IsMissing(), flagMissing}, {n.IsError(), flagError}, {n.IsExtra(), flagExtra}} {
				if f.on {
					flags |= f.flag
				}
			}
			out = append(out, Node{Start: uint32(n.StartByte()), End: uint32(n.EndByte()), Parent: cur,
				After: NodeID(len(out) + 1), Kind: kind, Field: Field(c.FieldId()), flags: flags})
			if c.GotoFirstChild() {
				cur = NodeID(len(out) - 1)
				continue
			}
		}
		for !c.GotoNextSibling() {
			if !c.GotoParent() {
				return out
			}
			out[cur].After = NodeID(len(out))
			cur = out[cur].Parent
		}
	}
}

// TestFlattenMatchesCursor checks that the direct walk over tree-sitter's
// subtrees gives, node for node, what its public cursor shows, on sources
// with errors, aliases, fields of hidden rules and extras.
func TestFlattenMatchesCursor(t *testing.T) {
	sources := []string{
		"",
		"import asyncio\n\nasync def f(x):\n    await g(x)  # note\n    return [y async for y in z]\n",
		"match p:\n    case [a, *rest] as whole if a:\n        pass\n    case {'k': v, **kw}:\n        pass\n",
		"x = f'{a!r:>{w}} {b=}'\nprint >> sys.stderr, 'x'\nexec 'code'\n",
		"def f(:\n    return (1 +\nclass\n  @@@ ) ]\n",
		"with (open(a) as f, open(b) as g):\n    yield from f\n\\\n",
		"lambda *a, b=1, **k: (yield)\nglobal a, b\ndel a[1:2, ::3]\n",
		// Nesting deeper than any call stack would take.
		"x = " + strings.Repeat("a + ", 200000) + "a\ny = " + strings.Repeat("(", 5000) + strings.Repeat(")", 5000) + "\n",
	}
	if !testing.Short() {
		for _, src := range benchSources(t) {
			sources = append(sources, string(src))
			if len(sources) == 300 {
				break
			}
		}
	}
	p := NewParser()
	defer p.Close()
	for i, src := range sources {
		tree, err := p.parse([]byte(src), nil)
		if err != nil {
			t.Fatal(err)
		}
		want := cursorFlatten(tree)
		got := flattenTree(tree, []byte(src)).Nodes
		tree.Close()
		if len(got) != len(want) {
			t.Errorf("source %d: %d nodes, want %d", i, len(got), len(want))
		}
		for j := range min(len(got), len(want)) {
			if got[j] != want[j] {
				t.Errorf("source %d, node %d: got %+v (%s), want %+v (%s)", i, j, got[j], got[j].Kind, want[j], want[j].Kind)
				break
			}
		}
	}
}
