// Package rules holds asynclint's rules, one file per family. Each file
// registers its rules with analysis.Register from an init function.
package rules

import (
	"github.com/asynclint/asynclint/analysis/syntax"
)

// tokenRange returns the byte range from the start of node id to the end of
// its first anonymous child of kind k (the "yield from" of a yield), or the
// node's own range when it has none.
func tokenRange(t *syntax.Tree, id syntax.NodeID, k syntax.Kind) (start, end int) {
	n := &t.Nodes[id]
	start, end = int(n.Start), int(n.End)
	for c := range t.Children(id) {
		if t.Kind(c) == k && !t.Nodes[c].IsNamed() {
			return start, int(t.Nodes[c].End)
		}
	}
	return start, end
}
