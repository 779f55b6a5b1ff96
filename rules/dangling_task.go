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
	Summary: "a task from `asyncio.create_task`, `ensure_future` or `loop.create_task` that nothing keeps",
	Default: true,
	SameAs:  []string{"RUF006", "ASYNC300"},
	Run:     reportDanglingTasks,
})

// taskFactories are the functions whose task only the caller keeps alive.
var taskFactories = []string{
	"asyncio.create_task", "asyncio.ensure_future",
	"asyncio.tasks.create_task", "asyncio.tasks.ensure_future",
}

const keepTaskAdvice = "the event loop keeps only a weak reference, so the task can be " +
	"garbage-collected mid-flight and its exception is lost; keep a reference " +
	"(a set and `add_done_callback(set.discard)`) or use a TaskGroup"

// reportDanglingTasks reports task-creating calls used as statements or
// assigned to a local that is never read.
func reportDanglingTasks(p *analysis.Pass) {
	f := p.File
	t := f.Tree
	for call := range t.OfKind(syntax.Call) {
		if !createsTask(f, call) {
			continue
		}
		name := shortText(t, t.ChildByField(call, syntax.FieldFunction))
		value, holder := call, t.Nodes[call].Parent
		for t.Kind(holder) == syntax.ParenthesizedExpression {
			value, holder = holder, t.Nodes[holder].Parent
		}
		switch t.Kind(holder) {
		case syntax.ExpressionStatement:
			p.Reportf(call, nil, "the task `%s` returns is discarded: %s", name, keepTaskAdvice)
		case syntax.Assignment:
			if t.Nodes[value].Field != syntax.FieldRight || t.Kind(t.Nodes[holder].Parent) == syntax.Assignment {
				continue // a chained assignment keeps the task in another name too
			}
			if b, ok := localTarget(f, holder); ok && !bindingRead(f, b) {
				p.Reportf(call, nil, "the task `%s` returns is kept in `%s`, which is never used: %s",
					name, f.Bindings[b].Name, keepTaskAdvice)
			}
		}
	}
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
