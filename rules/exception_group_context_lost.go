package rules

import (
	"strings"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/syntax"
)

var exceptionGroupContextLost = newRule(&analysis.Rule{
	Code:    "AL608",
	Name:    "exception-group-context-lost",
	Summary: "raising one exception taken out of an `ExceptionGroup`",
	Default: true,
	SameAs:  []string{"ASYNC123"},
	Run:     reportExceptionGroupContextLost,
})

// reportExceptionGroupContextLost reports, in the handlers that catch an
// exception group, the raise statements that raise one of its members.
func reportExceptionGroupContextLost(p *analysis.Pass) {
	t := p.Tree()
	for clause := range t.OfKind(syntax.ExceptClause) {
		name := exceptName(t, clause)
		if name == "" || !catchesGroup(t, clause) {
			continue
		}
		g := groupNames{groups: map[string]bool{name: true}, lists: map[string]bool{}, members: map[string]bool{}}
		body := t.ChildOfKind(clause, syntax.Block)
		g.walk(p, body, name)
	}
}

// catchesGroup reports whether an except clause binds an exception group:
// it is an except* clause, or names a class called ...ExceptionGroup.
func catchesGroup(t *syntax.Tree, clause syntax.NodeID) bool {
	if isExceptStar(t, clause) {
		return true
	}
	value := t.ChildByField(clause, syntax.FieldValue)
	return strings.Contains(t.Text(t.FirstChild(value)), "ExceptionGroup")
}

// groupNames are the names a handler binds to exception groups, to their
// lists of exceptions (g.exceptions) and to members of those lists.
type groupNames struct {
	groups, lists, members map[string]bool
}

// walk follows the handler body in source order, learning names from
// assignments and for loops and reporting raises of members. Nested
// functions and classes, and nested handlers, which are checked as
// handlers of their own if they catch groups, are skipped.
func (g *groupNames) walk(p *analysis.Pass, body syntax.NodeID, group string) {
	t := p.Tree()
	for id := body; id < t.Nodes[body].After; id++ {
		switch t.Kind(id) {
		case syntax.FunctionDefinition, syntax.ClassDefinition, syntax.Lambda, syntax.ExceptClause:
			id = t.Nodes[id].After - 1
		case syntax.Assignment:
			g.assign(t, t.ChildByField(id, syntax.FieldLeft), t.ChildByField(id, syntax.FieldRight))
		case syntax.ForStatement:
			if left := t.ChildByField(id, syntax.FieldLeft); t.Kind(left) == syntax.Identifier && g.isList(t, t.ChildByField(id, syntax.FieldRight)) {
				g.members[t.Text(left)] = true
			}
		case syntax.RaiseStatement:
			exc := t.NamedChild(id, 0)
			if exc != syntax.NoNode && t.Nodes[exc].Field != syntax.FieldCause && g.isMember(t, exc) {
				p.Reportf(id, nil, "raising `%s`, an exception taken out of the group `%s`, mutates it: the group "+
					"becomes its context, replacing the context and cause it was raised with, and its traceback "+
					"gains this handler's frames, which the group's report of it then shows too; raise a new "+
					"exception `from %s`, or re-raise the group", shortText(t, exc), group, group)
			}
		}
	}
}

// assign learns the names an assignment binds to a member, a list of
// members or a group.
func (g *groupNames) assign(t *syntax.Tree, left, right syntax.NodeID) {
	if left == syntax.NoNode || right == syntax.NoNode {
		return
	}
	single := t.Kind(left) == syntax.Identifier
	switch {
	case g.isMember(t, right):
		if single {
			g.members[t.Text(left)] = true
		}
	case g.isList(t, right):
		if single {
			g.lists[t.Text(left)] = true
		}
	case g.isGroup(t, right):
		if single {
			g.groups[t.Text(left)] = true
			return
		}
		for c := range t.NamedChildren(left) {
			if t.Kind(c) == syntax.Identifier {
				g.groups[t.Text(c)] = true
			}
		}
	}
}

// isGroup reports whether expr is a group: a name bound to one, a member
// (which may itself be a group), or g.subgroup(...) or g.split(...).
func (g *groupNames) isGroup(t *syntax.Tree, expr syntax.NodeID) bool {
	expr = t.Unwrap(expr)
	switch t.Kind(expr) {
	case syntax.Identifier:
		if g.groups[t.Text(expr)] {
			return true
		}
	case syntax.Call:
		callee := t.ChildByField(expr, syntax.FieldFunction)
		if m := t.MethodName(expr); (m == "subgroup" || m == "split") && g.isGroup(t, t.ChildByField(callee, syntax.FieldObject)) {
			return true
		}
	}
	return g.isMember(t, expr)
}

// isList reports whether expr is a group's list of exceptions.
func (g *groupNames) isList(t *syntax.Tree, expr syntax.NodeID) bool {
	expr = t.Unwrap(expr)
	switch t.Kind(expr) {
	case syntax.Identifier:
		return g.lists[t.Text(expr)]
	case syntax.Attribute:
		return t.Text(t.ChildByField(expr, syntax.FieldAttr)) == "exceptions" && g.isGroup(t, t.ChildByField(expr, syntax.FieldObject))
	}
	return false
}

// isMember reports whether expr is one exception of a group's list.
func (g *groupNames) isMember(t *syntax.Tree, expr syntax.NodeID) bool {
	expr = t.Unwrap(expr)
	switch t.Kind(expr) {
	case syntax.Identifier:
		return g.members[t.Text(expr)]
	case syntax.Subscript:
		return g.isList(t, t.ChildByField(expr, syntax.FieldValue))
	}
	return false
}
