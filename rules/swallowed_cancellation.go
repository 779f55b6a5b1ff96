package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/analysis/syntax"
)

var swallowedCancellation = newRule(&analysis.Rule{
	Code:    "AL402",
	Name:    "swallowed-cancellation",
	Summary: "an `except` in a coroutine that catches cancellation and does not always re-raise it",
	Default: true,
	SameAs:  []string{"ASYNC103", "ASYNC104"},
	Run:     reportSwallowedCancellation,
})

// cancellationCatchers are the classes an except clause catches
// cancellation with; cancellationClassGetters return such a class.
var (
	cancellationCatchers = []string{
		"asyncio.CancelledError", "asyncio.exceptions.CancelledError",
		"concurrent.futures.CancelledError", "concurrent.futures._base.CancelledError",
		"trio.Cancelled", "builtins.BaseException",
	}
	cancellationClassGetters = []string{"anyio.get_cancelled_exc_class"}
)

// taskWaiters are calls that wait for the task given as their first
// argument, or as the keyword argument named here.
var taskWaiters = map[string]string{
	"asyncio.shield": "arg", "asyncio.wait_for": "fut",
	"asyncio.tasks.shield": "arg", "asyncio.tasks.wait_for": "fut",
}

// reportSwallowedCancellation reports except clauses in coroutines that
// catch cancellation and can end without raising.
func reportSwallowedCancellation(p *analysis.Pass) {
	f := p.File
	t := f.Tree
	for clause := range t.OfKind(syntax.ExceptClause) {
		if !f.InCoroutine(clause) {
			continue
		}
		caught, ok := caughtCancellation(f, clause)
		if !ok || caughtEarlier(f, clause) || !swallowsCancellation(f, clause) {
			continue
		}
		end := int(t.Nodes[t.FirstChild(clause)].End) // the except keyword
		if v := t.ChildByField(clause, syntax.FieldValue); v != syntax.NoNode {
			end = int(t.Nodes[v].End)
		}
		p.Report(analysis.Diagnostic{
			Start: int(t.Nodes[clause].Start),
			End:   end,
			Message: fmt.Sprintf("%s catches cancellation and can end without re-raising it: the task will "+
				"not stop when cancelled, which breaks timeouts, TaskGroups and shutdown; re-raise after cleanup", caught),
		})
	}
}

// swallowsCancellation reports whether an except clause can end without
// raising. A handler that asks cancelling() is telling its own task's
// cancellation from another's, and one whose try only awaits tasks the
// function cancelled catches their cancellation, not its own.
func swallowsCancellation(f *semantic.File, clause syntax.NodeID) bool {
	t := f.Tree
	body := t.ChildOfKind(clause, syntax.Block)
	if body == syntax.NoNode || alwaysRaises(f, body) && !leavesEarly(t, body) {
		return false
	}
	return !callsMethod(t, body, "cancelling") && !awaitsCancelledTasks(f, t.Nodes[clause].Parent)
}

// callsMethod reports whether the subtree of id calls a method called name.
func callsMethod(t *syntax.Tree, id syntax.NodeID, name string) bool {
	for c := id; c < t.Nodes[id].After; c++ {
		if t.Kind(c) == syntax.Call && t.MethodName(c) == name {
			return true
		}
	}
	return false
}

// awaitsCancelledTasks reports whether the body of a try statement awaits
// only tasks that its function cancelled earlier: the idiom of asyncio's
// documentation, task.cancel(); try: await task; except CancelledError:
// pass.
func awaitsCancelledTasks(f *semantic.File, try syntax.NodeID) bool {
	t := f.Tree
	body := t.ChildByField(try, syntax.FieldBody)
	if body == syntax.NoNode {
		return false
	}
	awaits := 0
	for id := body; id < t.Nodes[body].After; id++ {
		switch t.Kind(id) {
		case syntax.FunctionDefinition, syntax.ClassDefinition, syntax.Lambda:
			id = t.Nodes[id].After - 1
		case syntax.ForStatement, syntax.WithStatement:
			if t.HasToken(id, syntax.AsyncKeyword) {
				return false
			}
		case syntax.Await:
			if !cancelledBefore(f, awaitedTask(f, id), id) {
				return false
			}
			awaits++
		}
	}
	return awaits > 0
}

// awaitedTask returns the expression an await waits for, looking into
// asyncio.shield(task) and asyncio.wait_for(task, timeout).
func awaitedTask(f *semantic.File, await syntax.NodeID) syntax.NodeID {
	t := f.Tree
	var operand syntax.NodeID = syntax.NoNode
	for c := range t.NamedChildren(await) {
		operand = t.Unwrap(c)
	}
	if operand == syntax.NoNode || t.Kind(operand) != syntax.Call {
		return operand
	}
	if keyword, ok := taskWaiters[f.QualifiedName(t.ChildByField(operand, syntax.FieldFunction))]; ok {
		return t.FirstArgument(operand, keyword)
	}
	return operand
}

// cancelledBefore reports whether, before node at, the function running it
// calls cancel() on an expression spelled like task.
func cancelledBefore(f *semantic.File, task, at syntax.NodeID) bool {
	if task == syntax.NoNode {
		return false
	}
	t := f.Tree
	fn := f.ExecutingFunction(at)
	if fn == semantic.NoScope {
		return false
	}
	text := t.Text(task)
	for id := f.Scopes[fn].Node; id < at; id++ {
		if t.Kind(id) == syntax.Call && t.MethodName(id) == "cancel" && f.ExecutingFunction(id) == fn &&
			t.Text(t.ChildByField(t.ChildByField(id, syntax.FieldFunction), syntax.FieldObject)) == text {
			return true
		}
	}
	return false
}

// caughtCancellation describes how an except clause catches cancellation,
// and reports whether it does.
func caughtCancellation(f *semantic.File, clause syntax.NodeID) (string, bool) {
	t := f.Tree
	value := t.ChildByField(clause, syntax.FieldValue)
	if value == syntax.NoNode {
		return "bare `except:`", true
	}
	if t.Kind(value) == syntax.AsPattern {
		value = t.FirstChild(value)
	}
	if c := cancellationCatcher(f, value, 0); c != syntax.NoNode {
		return "`except " + shortText(t, c) + "`", true
	}
	return "", false
}

// caughtEarlier reports whether an except clause before clause in its try
// statement catches cancellation, which then never reaches clause. A class
// named like CancelledError counts: projects re-export their library's.
func caughtEarlier(f *semantic.File, clause syntax.NodeID) bool {
	t := f.Tree
	for c := t.FirstChild(t.Nodes[clause].Parent); c != clause; c = t.NextSibling(c) {
		if t.Kind(c) != syntax.ExceptClause {
			continue
		}
		if _, ok := caughtCancellation(f, c); ok || namesCancellation(t, t.ChildByField(c, syntax.FieldValue)) {
			return true
		}
	}
	return false
}

// namesCancellation reports whether an exception specification names a
// class called CancelledError or Cancelled, whatever it resolves to.
func namesCancellation(t *syntax.Tree, spec syntax.NodeID) bool {
	if spec == syntax.NoNode {
		return false
	}
	for id := spec; id < t.Nodes[spec].After; id++ {
		if t.Kind(id) != syntax.Identifier {
			continue
		}
		if name := t.Text(id); strings.HasSuffix(name, "CancelledError") || strings.HasSuffix(name, "Cancelled") {
			return true
		}
	}
	return false
}

// cancellationCatcher returns the part of an exception specification that
// catches cancellation, or NoNode. It looks into tuples, and through names
// assigned once.
func cancellationCatcher(f *semantic.File, spec syntax.NodeID, depth int) syntax.NodeID {
	t := f.Tree
	spec = t.Unwrap(spec)
	if spec == syntax.NoNode || depth > 4 {
		return syntax.NoNode
	}
	switch t.Kind(spec) {
	case syntax.Tuple:
		for c := range t.NamedChildren(spec) {
			if cancellationCatcher(f, c, depth+1) != syntax.NoNode {
				return c
			}
		}
		return syntax.NoNode
	case syntax.Call:
		if slices.Contains(cancellationClassGetters, f.QualifiedName(t.ChildByField(spec, syntax.FieldFunction))) {
			return spec
		}
		return syntax.NoNode
	}
	if slices.Contains(cancellationCatchers, f.QualifiedName(spec)) {
		return spec
	}
	if t.Kind(spec) == syntax.Identifier {
		refs := f.Lookup(spec)
		if len(refs) == 1 && cancellationCatcher(f, f.Bindings[refs[0]].Value, depth+1) != syntax.NoNode {
			return spec
		}
	}
	return syntax.NoNode
}
