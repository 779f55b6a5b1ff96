package rules

import "github.com/asynclint/asynclint/analysis/syntax"

// Questions about except clauses that AL608, AL611 and AL619 share.

// exceptName returns the name an except clause binds with as, or "".
func exceptName(t *syntax.Tree, clause syntax.NodeID) string {
	value := t.ChildByField(clause, syntax.FieldValue)
	if value == syntax.NoNode || t.Kind(value) != syntax.AsPattern {
		return ""
	}
	target := t.ChildByField(value, syntax.FieldAlias)
	if id := t.NamedChild(target, 0); id != syntax.NoNode && t.Kind(id) == syntax.Identifier {
		return t.Text(id)
	}
	return ""
}

// isExceptStar reports whether clause is an except* clause.
func isExceptStar(t *syntax.Tree, clause syntax.NodeID) bool {
	for c := range t.Children(clause) {
		if !t.Nodes[c].IsNamed() && t.Text(c) == "*" {
			return true
		}
	}
	return false
}
