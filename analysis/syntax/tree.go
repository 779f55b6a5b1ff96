package syntax

import (
	"iter"
	"slices"
	"sync"
	"unsafe"

	"github.com/asynclint/asynclint/analysis/source"
)

// NodeID indexes Tree.Nodes. The root is 0; nodes are in pre-order, which is
// also source order.
type NodeID = int32

// NoNode is the NodeID of an absent node.
const NoNode NodeID = -1

// Node is one node of a flattened syntax tree. Its layout matches al_node in
// flatten.h, which fills it.
type Node struct {
	Start, End    uint32 // byte offsets into the source
	Parent, After NodeID // parent (NoNode for the root); first node after this subtree
	Kind          Kind
	Field         Field // role within the parent, or NoField
	flags         uint8
}

const (
	flagNamed   = 1
	flagMissing = 2
	flagError   = 4
	flagExtra   = 8
)

func (n *Node) IsNamed() bool   { return n.flags&flagNamed != 0 }
func (n *Node) IsMissing() bool { return n.flags&flagMissing != 0 }
func (n *Node) IsError() bool   { return n.flags&flagError != 0 }
func (n *Node) IsExtra() bool   { return n.flags&flagExtra != 0 }

// Tree is a parsed Python file: its source and its nodes in pre-order.
// Its source must not change: the texts of nodes share its memory.
type Tree struct {
	Src        []byte
	Nodes      []Node
	indexLines sync.Once
	lines      *source.Lines
	// byKind lists the nodes kind by kind, in source order within each,
	// kind k at byKind[kindStart[k]:kindStart[k+1]]; built once, on first
	// use, since rules look for a few kinds among many nodes.
	indexKinds sync.Once
	byKind     []NodeID
	kindStart  []int32
	// kindsFrom, until the index is built, are the trees whose nodes this
	// one was stitched from, whose indexes make its own, and kindRoom an
	// array for it allocated ahead (see Room), or nil.
	kindsFrom []kindSource
	kindRoom  []NodeID
	// walked counts the nodes flattening visited, the others being copied
	// from the previous tree.
	walked int
	// spans, when set, are the only nodes OfKind yields, of the tree
	// whole (see Within).
	spans [][2]NodeID
	whole *Tree
	// firstError is FirstError's answer, found once: checking an edit asks
	// it several times of a tree of hundreds of thousands of nodes.
	findError  sync.Once
	firstError NodeID
}

// Kind returns the kind of node id.
func (t *Tree) Kind(id NodeID) Kind { return t.Nodes[id].Kind }

// Text returns the source text of node id.
func (t *Tree) Text(id NodeID) string {
	n := &t.Nodes[id]
	return string(t.Src[n.Start:n.End])
}

// TextView is Text without a copy: the string shares the source's memory,
// and keeping it keeps the whole source. It is for names looked up by the
// hundred thousand, where copying each would cost more than the lookup.
func (t *Tree) TextView(id NodeID) string {
	n := &t.Nodes[id]
	if n.Start >= n.End {
		return ""
	}
	return unsafe.String(&t.Src[n.Start], n.End-n.Start)
}

// Parent returns the parent of id, or NoNode for the root.
func (t *Tree) Parent(id NodeID) NodeID { return t.Nodes[id].Parent }

// FirstChild returns the first child of id, or NoNode.
func (t *Tree) FirstChild(id NodeID) NodeID {
	if c := id + 1; c < t.Nodes[id].After {
		return c
	}
	return NoNode
}

// NextSibling returns the sibling after id, or NoNode.
func (t *Tree) NextSibling(id NodeID) NodeID {
	n := &t.Nodes[id]
	if n.Parent == NoNode || n.After >= t.Nodes[n.Parent].After {
		return NoNode
	}
	return n.After
}

// Children yields the children of id, named and anonymous, in order.
func (t *Tree) Children(id NodeID) iter.Seq[NodeID] {
	return func(yield func(NodeID) bool) {
		for c := t.FirstChild(id); c != NoNode; c = t.NextSibling(c) {
			if !yield(c) {
				return
			}
		}
	}
}

// NamedChildren yields the named, non-comment children of id.
func (t *Tree) NamedChildren(id NodeID) iter.Seq[NodeID] {
	return func(yield func(NodeID) bool) {
		for c := t.FirstChild(id); c != NoNode; c = t.NextSibling(c) {
			if n := &t.Nodes[c]; n.IsNamed() && !n.IsExtra() && !yield(c) {
				return
			}
		}
	}
}

// ChildCount returns the number of children of id.
func (t *Tree) ChildCount(id NodeID) int {
	n := 0
	for c := t.FirstChild(id); c != NoNode; c = t.NextSibling(c) {
		n++
	}
	return n
}

// ChildByField returns the first child of id in the role f, or NoNode.
func (t *Tree) ChildByField(id NodeID, f Field) NodeID {
	for c := t.FirstChild(id); c != NoNode; c = t.NextSibling(c) {
		if t.Nodes[c].Field == f {
			return c
		}
	}
	return NoNode
}

// ChildOfKind returns the first child of id of kind k, or NoNode.
func (t *Tree) ChildOfKind(id NodeID, k Kind) NodeID {
	for c := t.FirstChild(id); c != NoNode; c = t.NextSibling(c) {
		if t.Nodes[c].Kind == k {
			return c
		}
	}
	return NoNode
}

// HasToken reports whether id has a direct anonymous child of kind k, such
// as the "async" of an async def or async for.
func (t *Tree) HasToken(id NodeID, k Kind) bool {
	c := t.ChildOfKind(id, k)
	return c != NoNode && !t.Nodes[c].IsNamed()
}

// Ancestors yields the ancestors of id, innermost first.
func (t *Tree) Ancestors(id NodeID) iter.Seq[NodeID] {
	return func(yield func(NodeID) bool) {
		for p := t.Nodes[id].Parent; p != NoNode; p = t.Nodes[p].Parent {
			if !yield(p) {
				return
			}
		}
	}
}

// Contains reports whether inner lies in the subtree of outer (or is outer).
func (t *Tree) Contains(outer, inner NodeID) bool {
	return inner >= outer && inner < t.Nodes[outer].After
}

// Unwrap strips parentheses around an expression.
func (t *Tree) Unwrap(id NodeID) NodeID {
	if id == NoNode || t.Nodes[id].Kind != ParenthesizedExpression {
		return id // most expressions: the call is inlined
	}
	return t.unwrapParentheses(id)
}

func (t *Tree) unwrapParentheses(id NodeID) NodeID {
	for id != NoNode && t.Nodes[id].Kind == ParenthesizedExpression {
		var inner NodeID = NoNode
		for c := range t.NamedChildren(id) {
			inner = c
			break
		}
		id = inner
	}
	return id
}

// SameNodes reports whether nodes i to j of t, top-level nodes with
// their subtrees, are the nodes of u from k on but for where they are:
// moved by k-i places and by as many bytes as the first of them.
func (t *Tree) SameNodes(i, j NodeID, u *Tree, k NodeID) bool {
	if j-i > NodeID(len(u.Nodes))-k {
		return false
	}
	if i == j {
		return true
	}
	move, shift := k-i, u.Nodes[k].Start-t.Nodes[i].Start // wrapping around for a move back
	for n := i; n < j; n++ {
		m := t.Nodes[n]
		m.Start += shift
		m.End += shift
		m.After += move
		if m.Parent != 0 {
			m.Parent += move
		}
		if m != u.Nodes[n+move] {
			return false
		}
	}
	return true
}

// HasError reports whether the tree has a syntax error anywhere.
func (t *Tree) HasError() bool { return t.FirstError() != NoNode }

// FirstError returns the first ERROR or MISSING node, or NoNode.
func (t *Tree) FirstError() NodeID {
	t.findError.Do(func() {
		t.firstError = NoNode
		for i := range t.Nodes {
			if n := &t.Nodes[i]; n.IsError() || n.IsMissing() {
				t.firstError = NodeID(i)
				return
			}
		}
	})
	return t.firstError
}

// knownClean records that t has no syntax errors, as the parts it was
// stitched from told: FirstError need not look.
func (t *Tree) knownClean() {
	t.findError.Do(func() { t.firstError = NoNode })
}

// ErrorCount returns the number of ERROR and MISSING nodes.
func (t *Tree) ErrorCount() int {
	count := 0
	for i := range t.Nodes {
		if n := &t.Nodes[i]; n.IsError() || n.IsMissing() {
			count++
		}
	}
	return count
}

// RejectedCount returns ErrorCount plus the number of constructs that
// tree-sitter's grammar accepts and CPython's parser rejects: an await
// whose operand is another await or a unary operation ("await await f()",
// "await -x"), which only parentheses make valid.
func (t *Tree) RejectedCount() int {
	count := t.ErrorCount()
	for id := range t.OfKind(Await) {
		for operand := range t.NamedChildren(id) {
			if k := t.Kind(operand); k == Await || k == UnaryOperator {
				count++
			}
			break
		}
	}
	return count
}

// Position is a 1-based line and column, counted in characters.
type Position = source.Position

// Lines returns the index of the tree's lines, built on first use.
func (t *Tree) Lines() *source.Lines {
	t.indexLines.Do(func() { t.lines = source.NewLines(t.Src) })
	return t.lines
}

// LineStart returns the byte offset of the start of 1-based line.
func (t *Tree) LineStart(line int) int { return t.Lines().Start(line) }

// LineOf returns the 1-based line containing byte offset off.
func (t *Tree) LineOf(off int) int { return t.Lines().Line(off) }

// Position converts a byte offset to a line and column.
func (t *Tree) Position(off int) Position { return t.Lines().Position(off) }

// LineText returns the text of 1-based line, without its line ending.
func (t *Tree) LineText(line int) string { return t.Lines().Text(line) }

// OfKind yields the nodes of the given kinds in source order, within the
// tree's spans if it has them.
func (t *Tree) OfKind(kinds ...Kind) iter.Seq[NodeID] {
	t.indexKinds.Do(t.buildKindIndex)
	lists := make([][]NodeID, 0, len(kinds))
	for _, k := range kinds {
		if int(k)+1 < len(t.kindStart) {
			for _, l := range t.inSpans(t.byKind[t.kindStart[k]:t.kindStart[k+1]]) {
				if len(l) > 0 {
					lists = append(lists, l)
				}
			}
		}
	}
	return func(yield func(NodeID) bool) {
		if len(lists) == 1 {
			for _, id := range lists[0] {
				if !yield(id) {
					return
				}
			}
			return
		}
		for len(lists) > 0 {
			first := 0 // the list whose next node comes first
			for i := range lists {
				if lists[i][0] < lists[first][0] {
					first = i
				}
			}
			if !yield(lists[first][0]) {
				return
			}
			if lists[first] = lists[first][1:]; len(lists[first]) == 0 {
				lists = append(lists[:first], lists[first+1:]...)
			}
		}
	}
}

func (t *Tree) buildKindIndex() {
	if t.kindsFrom != nil {
		t.deriveKindIndex()
		t.kindsFrom = nil
		return
	}
	n := len(grammar.names) // every kind is below
	t.kindStart = make([]int32, n+1)
	for i := range t.Nodes {
		t.kindStart[t.Nodes[i].Kind+1]++
	}
	for k := 1; k <= n; k++ {
		t.kindStart[k] += t.kindStart[k-1]
	}
	next := append([]int32(nil), t.kindStart[:n]...)
	t.byKind = t.kindArray()
	for i := range t.Nodes {
		k := t.Nodes[i].Kind
		t.byKind[next[k]] = NodeID(i)
		next[k]++
	}
}

// kindArray returns an array for the index by kind: the room's, if any.
func (t *Tree) kindArray() []NodeID {
	a := t.kindRoom
	if a == nil {
		a = make([]NodeID, len(t.Nodes))
	}
	t.kindRoom = nil
	return a
}

// A kindSource is a run of a tree's nodes that another tree holds from at
// on.
type kindSource struct {
	tree         *Tree
	first, count NodeID
	at           NodeID
}

// deriveKindIndex builds the index of a tree stitched from runs of other
// trees' nodes from their indexes: each kind's nodes are the sources' in
// turn, renumbered, which costs less than sorting every node again. A
// source not indexed yet is indexed from its own nodes, so that no chain
// of older trees is kept.
func (t *Tree) deriveKindIndex() {
	for _, s := range t.kindsFrom {
		s.tree.indexKinds.Do(func() {
			s.tree.kindsFrom = nil
			s.tree.buildKindIndex()
		})
	}
	n := len(grammar.names)
	t.kindStart = make([]int32, n+1)
	t.byKind = t.kindArray()
	at := int32(0)
	for k := range n {
		t.kindStart[k] = at
		if Kind(k) == Module {
			t.byKind[at] = 0 // the root
			at++
		}
		for _, s := range t.kindsFrom {
			o := s.tree
			list := o.byKind[o.kindStart[k]:o.kindStart[k+1]]
			lo, _ := slices.BinarySearch(list, s.first)
			hi, _ := slices.BinarySearch(list, s.first+s.count)
			move := s.at - s.first
			for _, id := range list[lo:hi] {
				t.byKind[at] = id + move
				at++
			}
		}
	}
	t.kindStart[n] = at
}
