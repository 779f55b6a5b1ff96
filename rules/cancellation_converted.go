package rules

import (
	"strings"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/analysis/syntax"
)

var cancellationConverted = newRule(&analysis.Rule{
	Code:    "AL619",
	Name:    "cancellation-converted",
	Summary: "a handler that catches cancellation raises another exception or yields",
	Default: true,
	SameAs:  []string{"ASYNC104"},
	Run:     reportCancellationConverted,
})

// reportCancellationConverted reports, in the handlers of coroutines that
// catch the task's own cancellation, the raise statements that raise
// something else and the yields, on paths that have not re-raised yet. A
// raise under a condition is left alone: the handler may be telling the
// cancellation from another exception it catches (isinstance), or its own
// cancellation from another's (a flag its code sets when it cancels).
func reportCancellationConverted(p *analysis.Pass) {
	f := p.File
	t := f.Tree
	for clause := range t.OfKind(syntax.ExceptClause) {
		if !f.InCoroutine(clause) {
			continue
		}
		caught, ok := caughtCancellation(f, clause)
		try := t.Parent(clause)
		body := t.ChildOfKind(clause, syntax.Block)
		if !ok || body == syntax.NoNode || cancellationCaughtEarlier(f, clause) || !hasCheckpoint(t, t.ChildByField(try, syntax.FieldBody)) ||
			callsMethod(t, body, "cancelling") || awaitsCancelledTasks(f, try) {
			continue
		}
		name := exceptName(t, clause)
		for id := body; id < t.Nodes[body].After; id++ {
			switch t.Kind(id) {
			case syntax.FunctionDefinition, syntax.ClassDefinition, syntax.Lambda, syntax.ExceptClause:
				id = t.Nodes[id].After - 1
			case syntax.RaiseStatement:
				exc := t.NamedChild(id, 0)
				if exc == syntax.NoNode || t.Nodes[exc].Field == syntax.FieldCause || reraises(f, exc, name) ||
					raisedBefore(f, id, body, name) || conditional(t, id, body) {
					continue
				}
				p.Reportf(id, nil, "`raise %s` in a handler of %s turns the task's cancellation into an error: the task "+
					"no longer ends as cancelled, so the timeout, TaskGroup or shutdown that cancelled it is not obeyed; "+
					"re-raise the cancellation with a bare `raise`", callText(t, t.Unwrap(exc)), caught)
			case syntax.Yield:
				if raisedBefore(f, id, body, name) {
					continue
				}
				p.Reportf(id, nil, "`yield` in a handler of %s hands the consumer a value while the task is being "+
					"cancelled, and the generator stops there until resumed; re-raise the cancellation first", caught)
			}
		}
	}
}

// reraises reports whether raising exc raises the cancellation again: the
// caught exception by its name, or a cancellation class or instance.
func reraises(f *semantic.File, exc syntax.NodeID, name string) bool {
	t := f.Tree
	exc = t.Unwrap(exc)
	if t.Kind(exc) == syntax.Identifier && t.Text(exc) == name {
		return true
	}
	if t.Kind(exc) == syntax.Call {
		exc = t.ChildByField(exc, syntax.FieldFunction)
	}
	if namesCancellation(t, exc) {
		return true
	}
	c := cancellationCatcher(f, exc, 0)
	return c != syntax.NoNode && f.QualifiedName(c) != "builtins.BaseException"
}

// raisedBefore reports whether a statement before node id, in its block or
// an enclosing one up to the handler's body, always raises, so that id is
// not reached, or re-raises the cancellation on some path, so that id is
// reached with something else: the handler catches more than cancellation
// and tells them apart.
func raisedBefore(f *semantic.File, id, body syntax.NodeID, name string) bool {
	t := f.Tree
	for stmt := id; stmt != body; stmt = t.Parent(stmt) {
		block := t.Parent(stmt)
		if t.Kind(block) != syntax.Block {
			continue
		}
		for s := t.FirstChild(block); s != stmt && s != syntax.NoNode; s = t.NextSibling(s) {
			if alwaysRaises(f, s) || reraisesSomewhere(f, s, name) {
				return true
			}
		}
	}
	return false
}

// reraisesSomewhere reports whether statement s has a raise of the
// cancellation, outside nested functions and handlers.
func reraisesSomewhere(f *semantic.File, s syntax.NodeID, name string) bool {
	t := f.Tree
	for id := s; id < t.Nodes[s].After; id++ {
		switch t.Kind(id) {
		case syntax.FunctionDefinition, syntax.ClassDefinition, syntax.Lambda, syntax.ExceptClause:
			id = t.Nodes[id].After - 1
		case syntax.RaiseStatement:
			if exc := t.NamedChild(id, 0); exc == syntax.NoNode || t.Nodes[exc].Field == syntax.FieldCause || reraises(f, exc, name) {
				return true
			}
		}
	}
	return false
}

// cancellationCaughtEarlier is caughtEarlier, also for an earlier clause
// that calls a function named get_cancelled_exc_class, as anyio's own
// modules import it.
func cancellationCaughtEarlier(f *semantic.File, clause syntax.NodeID) bool {
	if caughtEarlier(f, clause) {
		return true
	}
	t := f.Tree
	for c := t.FirstChild(t.Parent(clause)); c != clause; c = t.NextSibling(c) {
		if t.Kind(c) == syntax.ExceptClause && strings.Contains(t.Text(t.ChildByField(c, syntax.FieldValue)), "get_cancelled_exc_class") {
			return true
		}
	}
	return false
}

// conditional reports whether node id runs only under a condition within
// body: in a branch of an if or match, or in a loop.
func conditional(t *syntax.Tree, id, body syntax.NodeID) bool {
	for a := t.Parent(id); a != body && a != syntax.NoNode; a = t.Parent(a) {
		switch t.Kind(a) {
		case syntax.IfStatement, syntax.ElifClause, syntax.ElseClause, syntax.CaseClause,
			syntax.ForStatement, syntax.WhileStatement, syntax.ConditionalExpression, syntax.BooleanOperator:
			return true
		}
	}
	return false
}
