package syntax

import "sort"

// Within returns t seen through spans of its nodes, each a first node and
// the node after the last, in order: its OfKind yields only the nodes in
// them, so that what looks for nodes of some kinds looks only there. The
// rest is t's: the nodes, the source, the index of lines.
func (t *Tree) Within(spans [][2]NodeID) *Tree {
	t.indexKinds.Do(t.buildKindIndex)
	w := &Tree{Src: t.Src, Nodes: t.Nodes, lines: t.Lines(), byKind: t.byKind, kindStart: t.kindStart,
		walked: t.walked, spans: spans, whole: t.Whole()}
	w.indexLines.Do(func() {})
	w.indexKinds.Do(func() {})
	return w
}

// Whole returns the tree that t sees through spans, or t itself.
func (t *Tree) Whole() *Tree {
	if t.whole != nil {
		return t.whole
	}
	return t
}

// Sees reports whether node id lies in t's spans: any node of a tree not
// seen through spans.
func (t *Tree) Sees(id NodeID) bool {
	if t.spans == nil {
		return true
	}
	i := sort.Search(len(t.spans), func(i int) bool { return t.spans[i][1] > id })
	return i < len(t.spans) && t.spans[i][0] <= id
}

// inSpans returns the parts of list, nodes in order, that lie in t's spans.
func (t *Tree) inSpans(list []NodeID) [][]NodeID {
	if t.spans == nil {
		return [][]NodeID{list}
	}
	var parts [][]NodeID
	for _, s := range t.spans {
		lo := sort.Search(len(list), func(i int) bool { return list[i] >= s[0] })
		hi := sort.Search(len(list), func(i int) bool { return list[i] >= s[1] })
		if lo < hi {
			parts = append(parts, list[lo:hi])
		}
	}
	return parts
}
