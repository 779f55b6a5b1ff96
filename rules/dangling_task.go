package rules

import (
	"slices"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/analysis/syntax"
)

var danglingTask = newRule(&analysis.Rule{
	Code:    "AL401",
	Name:    "dangling-task",
	Summary: "a task from `asyncio.create_task`, `ensure_future` or `loop.create_task`, or a `gather` or `shield`, that nothing keeps",
	Default: true,
	SameAs:  []string{"RUF006", "ASYNC300"},
	Run:     reportDanglingTasks,
})

// taskFactories are the functions whose task only the caller keeps alive.
var taskFactories = []string{
	"asyncio.create_task", "asyncio.ensure_future",
	"asyncio.tasks.create_task", "asyncio.tasks.ensure_future",
}

// futureFactories wrap coroutines in tasks that only the future they
// return keeps: gather's children, shield's inner task.
var futureFactories = []string{
	"asyncio.gather", "asyncio.shield", "asyncio.tasks.gather", "asyncio.tasks.shield",
}

const keepTaskAdvice = "the event loop keeps only a weak reference, so the task can be " +
	"garbage-collected mid-flight and its exception is lost; keep a reference " +
	"(a set and `add_done_callback(set.discard)`) or use a TaskGroup"

const keepFutureAdvice = "its tasks can be garbage-collected mid-flight and their exceptions " +
	"are lost; await it, or keep it and give it a done callback"

// reportDanglingTasks reports task-creating calls whose value is dropped
// or assigned to a local that is never read, and the same of gather and
// shield in coroutines.
func reportDanglingTasks(p *analysis.Pass) {
	f := p.File
	t := f.Tree
	for call := range t.OfKind(syntax.Call) {
		what, advice := "task", keepTaskAdvice
		if !createsTask(f, call) {
			if !slices.Contains(futureFactories, f.QualifiedName(t.ChildByField(call, syntax.FieldFunction))) ||
				!f.InCoroutine(call) {
				continue
			}
			what, advice = "future", keepFutureAdvice
		}
		name := shortText(t, t.ChildByField(call, syntax.FieldFunction))
		if dropped(t, call) {
			p.Reportf(call, nil, "the %s `%s` returns is discarded: %s", what, name, advice)
			continue
		}
		value := t.OuterParens(call)
		holder := t.Parent(value)
		if t.Kind(holder) != syntax.Assignment || t.Nodes[value].Field != syntax.FieldRight ||
			t.Kind(t.Parent(holder)) == syntax.Assignment {
			continue // a chained assignment keeps the task in another name too
		}
		if b, ok := localTarget(f, holder); ok && !bindingRead(f, b) {
			p.Reportf(call, nil, "the %s `%s` returns is kept in `%s`, which is never used: %s",
				what, name, f.Bindings[b].Name, advice)
		}
	}
}

// dropped reports whether the value of expression id is thrown away: used
// as a statement or only tested for truth; entered by a with statement,
// which fails on a task; or an item of a display or comprehension, an
// operand of and/or or a branch of a conditional expression, whose own
// value is dropped.
func dropped(t *syntax.Tree, id syntax.NodeID) bool {
	id = t.OuterParens(id)
	if onlyTested(t, id) {
		return true
	}
	n := &t.Nodes[id]
	switch t.Kind(n.Parent) {
	case syntax.ExpressionStatement:
		return true
	case syntax.WithItem:
		return n.Field == syntax.FieldValue
	case syntax.AsPattern: // with value as target
		return t.Kind(t.Parent(n.Parent)) == syntax.WithItem && t.FirstChild(n.Parent) == id
	case syntax.BooleanOperator, syntax.ConditionalExpression, syntax.List, syntax.Tuple, syntax.Set,
		syntax.ExpressionList, syntax.Dictionary, syntax.Pair:
		return dropped(t, n.Parent)
	case syntax.ListComprehension, syntax.SetComprehension, syntax.DictionaryComprehension:
		return n.Field == syntax.FieldBody && dropped(t, n.Parent)
	}
	return false
}

// createsTask reports whether call schedules a task that the event loop
// references only weakly: asyncio.create_task, ensure_future, or
// create_task on an event loop. A TaskGroup or nursery keeps its tasks.
func createsTask(f *semantic.File, call syntax.NodeID) bool {
	t := f.Tree
	callee := t.ChildByField(call, syntax.FieldFunction)
	if slices.Contains(taskFactories, f.QualifiedName(callee)) {
		return true
	}
	if t.Kind(callee) != syntax.Attribute || t.Text(t.ChildByField(callee, syntax.FieldAttr)) != "create_task" {
		return false
	}
	return isEventLoop(f, t.ChildByField(callee, syntax.FieldObject))
}

// localTarget returns the binding an assignment makes when its target is a
// single name local to a function. Globals, nonlocals, attributes and
// unpacking targets keep the value somewhere else.
func localTarget(f *semantic.File, assign syntax.NodeID) (semantic.BindingID, bool) {
	t := f.Tree
	target := t.ChildByField(assign, syntax.FieldLeft)
	if target == syntax.NoNode || t.Kind(target) != syntax.Identifier {
		return 0, false
	}
	for _, b := range f.Lookup(target) {
		bb := &f.Bindings[b]
		if bb.Node == target {
			return b, f.Scopes[bb.Scope].Kind == semantic.FunctionScope
		}
	}
	return 0, false // declared global or nonlocal: bound elsewhere
}

// bindingRead reports whether any name in the scope of binding b, nested
// functions included, reads it. Bindings are flow-insensitive, so a read
// anywhere counts, even before the assignment: precision first.
func bindingRead(f *semantic.File, b semantic.BindingID) bool {
	for id := range f.Uses(b) {
		if !f.IsBindingOccurrence(id) {
			return true
		}
	}
	return false
}
