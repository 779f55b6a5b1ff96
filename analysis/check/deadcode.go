package check

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/asynclint/asynclint/analysis/config"
	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/analysis/syntax"
)

// deadBranches returns the byte ranges of the branches of
// `if sys.version_info >= (3, 11):` statements that no Python from target
// on runs: the else and elif clauses of a test always true there, the
// body of one always false.
func deadBranches(f *semantic.File, target config.Version) [][2]int {
	t := f.Tree
	if !bytes.Contains(t.Src, []byte("version_info")) {
		return nil // every test it reads spells sys.version_info
	}
	var dead [][2]int
	for id := range t.OfKind(syntax.IfStatement) {
		taken := false // an earlier branch always runs
		branch := func(cond, body syntax.NodeID) {
			switch {
			case taken:
				dead = append(dead, span(t, body))
			default:
				switch versionTest(f, cond, target) {
				case always:
					taken = true
				case never:
					dead = append(dead, span(t, body))
				}
			}
		}
		branch(t.ChildByField(id, syntax.FieldCondition), t.ChildByField(id, syntax.FieldConsequence))
		for c := range t.Children(id) {
			switch t.Kind(c) {
			case syntax.ElifClause:
				branch(t.ChildByField(c, syntax.FieldCondition), c)
			case syntax.ElseClause:
				if taken {
					dead = append(dead, span(t, c))
				}
			}
		}
	}
	return dead
}

func span(t *syntax.Tree, id syntax.NodeID) [2]int {
	if id == syntax.NoNode {
		return [2]int{}
	}
	return [2]int{int(t.Nodes[id].Start), int(t.Nodes[id].End)}
}

// outcome is what a test is on every Python from the target on.
type outcome int

const (
	depends outcome = iota
	always
	never
)

// VersionTest reports what a comparison of sys.version_info (or a slice
// of it) with a tuple of integers is on every Python from version on:
// always true, always false, or neither.
func VersionTest(f *semantic.File, cond syntax.NodeID, version config.Version) (alwaysTrue, alwaysFalse bool) {
	o := versionTest(f, cond, version)
	return o == always, o == never
}

// versionTest returns what a comparison of sys.version_info (or a slice
// of it) with a tuple of integers is from the target version on: Python
// may be newer than the target, never older.
func versionTest(f *semantic.File, cond syntax.NodeID, target config.Version) outcome {
	t := f.Tree
	cond = t.Unwrap(cond)
	if cond == syntax.NoNode {
		return depends
	}
	if t.Kind(cond) == syntax.NotOperator {
		switch versionTest(f, t.ChildByField(cond, syntax.FieldArgument), target) {
		case always:
			return never
		case never:
			return always
		}
		return depends
	}
	if t.Kind(cond) != syntax.ComparisonOperator {
		return depends
	}
	var operands []syntax.NodeID
	var op string
	for c := range t.Children(cond) {
		if t.Nodes[c].IsNamed() {
			operands = append(operands, t.Unwrap(c))
		} else {
			op += t.Text(c)
		}
	}
	if len(operands) != 2 {
		return depends
	}
	running, tuple := operands[0], operands[1]
	if lowest, ok := lowestVersion(f, running, target); ok {
		return compareAtLeast(lowest, tuple, op, t)
	}
	if lowest, ok := lowestVersion(f, tuple, target); ok {
		// (3, 11) <= sys.version_info reads sys.version_info >= (3, 11).
		mirror := map[string]string{"<": ">", "<=": ">=", ">": "<", ">=": "<="}
		return compareAtLeast(lowest, running, mirror[op], t)
	}
	return depends
}

// lowestVersion returns the smallest value expr, sys.version_info or
// sys.version_info[:n], has from the target version on, as comparable
// numbers: the release level and serial of 3.11.0 alpha 0 count as -1.
func lowestVersion(f *semantic.File, expr syntax.NodeID, target config.Version) ([]int, bool) {
	t := f.Tree
	lowest := []int{target.Major, target.Minor, 0, -1, 0}
	if t.Kind(expr) == syntax.Subscript {
		slice := t.NamedChild(expr, 1)
		if slice == syntax.NoNode {
			return nil, false
		}
		end, ok := strings.CutPrefix(t.Text(slice), ":")
		n, err := strconv.Atoi(end)
		if !ok || err != nil || n < 1 || n > len(lowest) || t.NamedChild(expr, 2) != syntax.NoNode {
			return nil, false
		}
		lowest, expr = lowest[:n], t.Unwrap(t.ChildByField(expr, syntax.FieldValue))
	}
	return lowest, expr != syntax.NoNode && f.QualifiedName(expr) == "sys.version_info"
}

// compareAtLeast returns what `v op tuple` is for every v at least lowest.
func compareAtLeast(lowest []int, tuple syntax.NodeID, op string, t *syntax.Tree) outcome {
	if t.Kind(tuple) != syntax.Tuple {
		return depends
	}
	var want []int
	for c := range t.NamedChildren(tuple) {
		n, err := strconv.Atoi(t.Text(c))
		if t.Kind(c) != syntax.Integer || err != nil {
			return depends
		}
		want = append(want, n)
	}
	cmp := compareTuples(lowest, want)
	switch {
	case op == ">=" && cmp >= 0, op == ">" && cmp > 0:
		return always
	case op == "<" && cmp >= 0, op == "<=" && cmp > 0:
		return never
	}
	return depends
}

// compareTuples compares as Python compares tuples.
func compareTuples(a, b []int) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			if a[i] < b[i] {
				return -1
			}
			return 1
		}
	}
	return len(a) - len(b)
}
