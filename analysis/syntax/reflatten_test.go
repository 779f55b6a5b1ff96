package syntax

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	ts "github.com/tree-sitter/go-tree-sitter"
)

// edit applies e (offsets into src, text as the new bytes) to src and to
// tree-sitter's tree.
func applyEdit(tree *ts.Tree, src []byte, start, end int, text string) ([]byte, Edit) {
	next := slices.Concat(src[:start:start], []byte(text), src[end:])
	tree.Edit(&ts.InputEdit{
		StartByte: uint(start), OldEndByte: uint(end), NewEndByte: uint(start + len(text)),
		StartPosition: pointAt(src, start), OldEndPosition: pointAt(src, end),
		NewEndPosition: pointAt(next, start+len(text)),
	})
	return next, Edit{uint32(start), uint32(end), uint32(start + len(text))}
}

func pointAt(src []byte, off int) ts.Point {
	var p ts.Point
	for _, b := range src[:off] {
		if b == '\n' {
			p.Row, p.Column = p.Row+1, 0
		} else {
			p.Column++
		}
	}
	return p
}

// snippets are what the random edits type: code, and pieces that break it.
var snippets = []string{"", "x", "s", "await ", "async ", "(", ")", "'", "\"\"\"", ":", "\n", "\n    ", "# c\n",
	"def g():\n    pass\n", "class K:\n    x = 1\n", "[", "]", " if a else b", "\\\n", "lambda: 0", "\t"}

// TestReflattenMatchesFlatten edits sources at random, a few edits at a
// time, and checks that reusing the previous flat tree gives exactly the
// tree a full flattening gives.
func TestReflattenMatchesFlatten(t *testing.T) {
	sources := []string{
		"import asyncio\n\nasync def f(x):\n    await g(x)  # note\n    return [y async for y in z]\n\nclass C(B):\n    def m(self):\n        time.sleep(1)\n",
		"x = (1 +\n  2)\nif x:\n    y = f'{x!r}'\nelse:\n    pass\n",
	}
	if !testing.Short() {
		for _, src := range benchSources(t) {
			if len(src) < 20000 {
				sources = append(sources, string(src))
			}
			if len(sources) == 40 {
				break
			}
		}
	}
	seed, rounds := randomRounds(t, "REFLATTEN_SEED", 25, 200)
	p := NewParser()
	defer p.Close()
	rng := rand.New(rand.NewPCG(seed, 2))
	total, walked := 0, 0
	for si, text := range sources {
		src := []byte(text)
		tree, err := p.parse(src, nil)
		if err != nil {
			t.Fatal(err)
		}
		flat, ids := reflatten(tree, src, nil, nil, nil)
		for round := range rounds {
			var edits []Edit
			for range 1 + rng.IntN(3) {
				start := rng.IntN(len(src) + 1)
				end := min(len(src), start+rng.IntN(4))
				if rng.IntN(3) == 0 {
					end = start
				}
				var e Edit
				src, e = applyEdit(tree, src, start, end, snippets[rng.IntN(len(snippets))])
				edits = append(edits, e)
			}
			next, err := p.parse(src, tree)
			if err != nil {
				t.Fatal(err)
			}
			got, gotIDs := reflatten(next, src, flat, ids, edits)
			tree.Close()
			tree = next
			want := flattenTree(tree, src)
			if d := firstDifference(got, want); d != "" {
				t.Fatalf("source %d, round %d, edits %v: %s", si, round, edits, d)
			}
			flat, ids = got, gotIDs
			total += len(want.Nodes)
			walked += got.walked
		}
		tree.Close()
	}
	t.Logf("%d nodes compared; %d walked, the rest copied", total, walked)
}

func firstDifference(got, want *Tree) string {
	for i := range min(len(got.Nodes), len(want.Nodes)) {
		if g, w := got.Nodes[i], want.Nodes[i]; g.Start != w.Start || g.End != w.End || g.Kind != w.Kind {
			g, w := got.Nodes[i], want.Nodes[i]
			return fmt.Sprintf("node %d is %s %+v %q, want %s %+v %q", i, g.Kind, g, want.Src[g.Start:min(g.End, g.Start+40)], w.Kind, w, want.Src[w.Start:min(w.End, w.Start+40)])
		}
	}
	if len(got.Nodes) != len(want.Nodes) {
		return fmt.Sprintf("%d nodes, want %d", len(got.Nodes), len(want.Nodes))
	}
	return ""
}

// TestReflattenReuses types a character into an identifier of each long
// source, as in an editor, and checks that most of the tree is copied.
// What is walked again is what the parse built anew: the ancestors of the
// edit, and the parents that tree-sitter rebuilds around the subtrees it
// reuses after an edit, up to a sixth of the nodes in these sources.
func TestReflattenReuses(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the standard library")
	}
	p := NewParser()
	defer p.Close()
	rng := rand.New(rand.NewPCG(1, 2))
	checked := 0
	for _, src := range benchSources(t) {
		if len(src) < 20000 || len(src) > 200000 {
			continue
		}
		tree, err := p.parse(src, nil)
		if err != nil {
			t.Fatal(err)
		}
		flat, ids := reflatten(tree, src, nil, nil, nil)
		var names []NodeID
		for i, n := range flat.Nodes {
			if n.Kind == Identifier && !flat.HasError() {
				names = append(names, NodeID(i))
			}
		}
		if len(names) == 0 {
			tree.Close()
			continue
		}
		at := int(flat.Nodes[names[rng.IntN(len(names))]].End)
		next, e := applyEdit(tree, src, at, at, "x")
		again, err := p.parse(next, tree)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := reflatten(again, next, flat, ids, []Edit{e})
		if got.walked > len(got.Nodes)/5 {
			t.Errorf("typing x at %d of a %d-byte source walked %d of %d nodes again", at, len(src), got.walked, len(got.Nodes))
		}
		tree.Close()
		again.Close()
		if checked++; checked == 30 {
			break
		}
	}
}
