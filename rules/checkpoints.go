package rules

import (
	"slices"

	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/analysis/syntax"
)

// Checkpoints are the points where a task can be suspended and cancelled:
// an await, and the implicit awaits of async for and async with. Rules
// about them (AL612, AL617, AL618, AL619) share the questions answered here.

// isStub reports whether the body of def holds only docstrings, pass and
// "...", as the bodies of overloads, protocols and abstract methods do, or,
// with raises, also raise statements.
func isStub(t *syntax.Tree, def syntax.NodeID, raises bool) bool {
	body := t.ChildByField(def, syntax.FieldBody)
	return body != syntax.NoNode && stubBody(t, body, raises)
}

// stubBody reports whether a block holds only docstrings, pass and "...",
// or, with raises, also raise statements: a block that does nothing.
func stubBody(t *syntax.Tree, body syntax.NodeID, raises bool) bool {
	for stmt := range t.NamedChildren(body) {
		switch t.Kind(stmt) {
		case syntax.PassStatement:
		case syntax.RaiseStatement:
			if !raises {
				return false
			}
		case syntax.ExpressionStatement:
			e := t.OnlyNamedChild(stmt)
			if e == syntax.NoNode || t.Kind(e) != syntax.String && t.Kind(e) != ellipsis {
				return false
			}
		default:
			return false
		}
	}
	return true
}

var ellipsis = syntax.NamedKind("ellipsis")

// hasCheckpoint reports whether code id, run in a coroutine, contains an
// await, async for or async with that runs as part of it: not in nested
// functions, lambdas and classes (but in the default values of nested
// functions), and of a generator expression only in its first iterable,
// the one part evaluated when it is created.
func hasCheckpoint(t *syntax.Tree, id syntax.NodeID) bool {
	for c := id; c < t.Nodes[id].After; c++ {
		switch t.Kind(c) {
		case syntax.Await:
			return true
		case syntax.ForStatement, syntax.WithStatement, syntax.ForInClause:
			if t.HasToken(c, syntax.AsyncKeyword) {
				return true
			}
		case syntax.FunctionDefinition:
			for param := range t.NamedChildren(t.ChildByField(c, syntax.FieldParameters)) {
				if v := t.ChildByField(param, syntax.FieldValue); v != syntax.NoNode && hasCheckpoint(t, v) {
					return true
				}
			}
			c = t.Nodes[c].After - 1
		case syntax.Lambda, syntax.ClassDefinition:
			c = t.Nodes[c].After - 1
		case syntax.GeneratorExpression:
			if first := t.ChildOfKind(c, syntax.ForInClause); first != syntax.NoNode && hasCheckpoint(t, t.ChildByField(first, syntax.FieldRight)) {
				return true
			}
			c = t.Nodes[c].After - 1
		}
	}
	return false
}

// containsOwn reports whether code id has a node of kind k outside nested
// functions, lambdas and classes.
func containsOwn(t *syntax.Tree, id syntax.NodeID, k syntax.Kind) bool {
	for c := id; c < t.Nodes[id].After; c++ {
		switch t.Kind(c) {
		case k:
			return true
		case syntax.FunctionDefinition, syntax.ClassDefinition, syntax.Lambda:
			c = t.Nodes[c].After - 1
		}
	}
	return false
}

// catchesOnlyCancellation reports whether an except clause catches
// cancellation and nothing else.
func catchesOnlyCancellation(f *semantic.File, clause syntax.NodeID) bool {
	t := f.Tree
	spec := t.ChildByField(clause, syntax.FieldValue)
	if spec != syntax.NoNode && t.Kind(spec) == syntax.AsPattern {
		spec = t.FirstChild(spec)
	}
	if spec == syntax.NoNode {
		return false
	}
	classes := []syntax.NodeID{t.Unwrap(spec)}
	if t.Kind(classes[0]) == syntax.Tuple {
		classes = slices.Collect(t.NamedChildren(classes[0]))
	}
	for _, c := range classes {
		if !namesCancellation(t, c) && (cancellationCatcher(f, c, 0) == syntax.NoNode || f.QualifiedName(c) == "builtins.BaseException") {
			return false
		}
	}
	return true
}

// taskGroupFactories open a trio nursery or an anyio task group. Entering
// and leaving one lets other tasks run, but is no cancellation point
// unless a task was started in it.
var taskGroupFactories = [2]string{"trio.open_nursery", "anyio.create_task_group"}
