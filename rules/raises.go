package rules

import (
	"slices"

	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/analysis/syntax"
)

// exitCalls end the process: a handler that ends with one stops the task.
var exitCalls = []string{"sys.exit", "os._exit", "os.abort", "builtins.exit", "builtins.quit"}

// alwaysRaises reports whether statement (or block) id ends by raising on
// every path that reaches its end: a raise or sys.exit(), or an if/else,
// try or with whose every branch ends so. Early exits are leavesEarly's concern.
func alwaysRaises(f *semantic.File, id syntax.NodeID) bool {
	t := f.Tree
	if id == syntax.NoNode {
		return false
	}
	switch t.Kind(id) {
	case syntax.Block:
		last := syntax.NoNode
		for c := range t.NamedChildren(id) {
			last = c
		}
		return last != syntax.NoNode && alwaysRaises(f, last)
	case syntax.RaiseStatement:
		return true
	case syntax.ExpressionStatement:
		call := t.Unwrap(t.FirstChild(id))
		return call != syntax.NoNode && t.Kind(call) == syntax.Call &&
			slices.Contains(exitCalls, f.QualifiedName(t.ChildByField(call, syntax.FieldFunction)))
	case syntax.IfStatement:
		return ifAlwaysRaises(f, id)
	case syntax.TryStatement:
		return tryAlwaysRaises(f, id)
	case syntax.WithStatement:
		return alwaysRaises(f, t.ChildByField(id, syntax.FieldBody))
	}
	return false
}

// ifAlwaysRaises requires an else and every branch to raise.
func ifAlwaysRaises(f *semantic.File, id syntax.NodeID) bool {
	t := f.Tree
	if !alwaysRaises(f, t.ChildByField(id, syntax.FieldConsequence)) {
		return false
	}
	hasElse := false
	for c := range t.Children(id) {
		switch t.Kind(c) {
		case syntax.ElifClause:
			if !alwaysRaises(f, t.ChildByField(c, syntax.FieldConsequence)) {
				return false
			}
		case syntax.ElseClause:
			hasElse = true
			if !alwaysRaises(f, t.ChildByField(c, syntax.FieldBody)) {
				return false
			}
		}
	}
	return hasElse
}

// tryAlwaysRaises: a finally that raises decides; otherwise the body (or
// its else) must raise and so must every handler.
func tryAlwaysRaises(f *semantic.File, id syntax.NodeID) bool {
	t := f.Tree
	raises := alwaysRaises(f, t.ChildByField(id, syntax.FieldBody))
	for c := range t.Children(id) {
		switch t.Kind(c) {
		case syntax.FinallyClause:
			if alwaysRaises(f, t.ChildOfKind(c, syntax.Block)) {
				return true
			}
		case syntax.ElseClause:
			raises = raises || alwaysRaises(f, t.ChildByField(c, syntax.FieldBody))
		case syntax.ExceptClause:
			if !alwaysRaises(f, t.ChildOfKind(c, syntax.Block)) {
				return false
			}
		}
	}
	return raises
}

// leavesEarly reports whether a handler's body can leave the handler
// without raising before its end: a return, or a break or continue of a
// loop around the handler. Nested functions and classes do not count.
func leavesEarly(t *syntax.Tree, body syntax.NodeID) bool {
	for id := body; id < t.Nodes[body].After; id++ {
		switch t.Kind(id) {
		case syntax.FunctionDefinition, syntax.ClassDefinition, syntax.Lambda:
			id = t.Nodes[id].After - 1
		case syntax.ReturnStatement:
			return true
		case syntax.BreakStatement, syntax.ContinueStatement:
			if !insideLoop(t, id, body) {
				return true
			}
		}
	}
	return false
}

// insideLoop reports whether a break or continue belongs to a loop within
// body.
func insideLoop(t *syntax.Tree, id, body syntax.NodeID) bool {
	for a := range t.Ancestors(id) {
		if a == body {
			return false
		}
		if k := t.Kind(a); k == syntax.ForStatement || k == syntax.WhileStatement {
			return true
		}
	}
	return false
}
