package rules

import (
	"slices"

	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/analysis/syntax"
)

// taskStarters start the coroutine (or the async function) given as
// their first argument as a task of its own; callbackSchedulers call the
// function given first with the arguments after it.
var (
	taskStarters = []string{
		"create_task", "ensure_future", "run_coroutine_threadsafe", "run_until_complete",
		"start_soon", "start", "spawn_system_task",
	}
	callbackSchedulers = []string{"call_soon", "call_soon_threadsafe"}
)

// startedArgument returns what a call starts as a task, unwrapped, or
// NoNode when it starts none.
func startedArgument(f *semantic.File, call syntax.NodeID) syntax.NodeID {
	t := f.Tree
	name := lastNameOf(t, t.ChildByField(call, syntax.FieldFunction))
	q := f.QualifiedName(t.ChildByField(call, syntax.FieldFunction))
	switch {
	case slices.Contains(taskStarters, name), q == "asyncio.run", q == "trio.run", q == "anyio.run":
		return t.Unwrap(t.FirstArgument(call, ""))
	case slices.Contains(callbackSchedulers, name):
		positional, _, ok := t.CallArguments(call)
		if ok && len(positional) >= 2 && slices.Contains(taskStarters, lastNameOf(t, t.Unwrap(positional[0]))) {
			return t.Unwrap(positional[1])
		}
	}
	return syntax.NoNode
}

// lastNameOf returns the name an expression ends with: loop.create_task
// and create_task give create_task.
func lastNameOf(t *syntax.Tree, expr syntax.NodeID) string {
	if t.Kind(expr) == syntax.Attribute {
		expr = t.ChildByField(expr, syntax.FieldAttr)
	}
	return t.Text(expr)
}

// startedAsTask reports whether the expression id is what the call around
// it starts as a task: fetch() in create_task(fetch()).
func startedAsTask(f *semantic.File, id syntax.NodeID) bool {
	t := f.Tree
	args := t.Parent(t.OuterParens(id))
	return t.Kind(args) == syntax.ArgumentList && startedArgument(f, t.Parent(args)) == id
}
