package rules

import (
	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/analysis/syntax"
)

var uselessTaskGroup = newRule(&analysis.Rule{
	Code:    "AL614",
	Name:    "useless-taskgroup",
	Summary: "a TaskGroup or nursery that starts at most one task and does nothing else",
	Default: true,
	SameAs:  []string{"ASYNC112"},
	Run:     reportUselessTaskGroups,
})

// reportUselessTaskGroups reports the TaskGroups of with statements whose
// block does nothing, or only starts one task that is not given the
// TaskGroup.
func reportUselessTaskGroups(p *analysis.Pass) {
	f := p.File
	t := f.Tree
	for stmt := range t.OfKind(syntax.WithStatement) {
		body := t.ChildByField(stmt, syntax.FieldBody)
		for _, s := range scopeItems(f, stmt) {
			if s.kind != taskGroupScope {
				continue
			}
			word := taskGroupWord(s.library)
			switch {
			case stubBody(t, body, true) && !hasRaise(t, body):
				p.Reportf(s.call, nil, "this %s starts no task: remove it", word)
			case onlyStartsOneTask(f, s, body):
				p.Reportf(s.call, nil, "this %s only runs one task, and waits for it: await the task's function "+
					"directly instead", word)
			}
		}
	}
}

// hasRaise reports whether a block holds a raise statement.
func hasRaise(t *syntax.Tree, block syntax.NodeID) bool {
	for s := range t.NamedChildren(block) {
		if t.Kind(s) == syntax.RaiseStatement {
			return true
		}
	}
	return false
}

// onlyStartsOneTask reports whether the block of TaskGroup s is a single
// statement that starts a task in it, without handing the TaskGroup to
// the task, as an argument or through the closure of its function.
func onlyStartsOneTask(f *semantic.File, s scopeItem, body syntax.NodeID) bool {
	t := f.Tree
	stmt := t.OnlyNamedChild(body)
	if stmt == syntax.NoNode || t.Kind(stmt) != syntax.ExpressionStatement {
		return false
	}
	call := t.Unwrap(t.OnlyNamedChild(stmt))
	if call != syntax.NoNode && t.Kind(call) == syntax.Await {
		call = t.Unwrap(t.NamedChild(call, 0))
	}
	if call == syntax.NoNode || t.Kind(call) != syntax.Call || !startsTask(f, s, call) {
		return false
	}
	args := t.ChildByField(call, syntax.FieldArguments)
	if args == syntax.NoNode {
		return false
	}
	for id := args; id < t.Nodes[args].After; id++ {
		if t.Kind(id) == syntax.Identifier && f.IsVariable(id) && t.TextView(id) == t.TextView(s.target) {
			return false
		}
	}
	return !taskUsesGroup(f, s, args)
}

// taskUsesGroup reports whether the task started with args is a function
// of this file that refers to the TaskGroup s itself, as a closure does to
// start more tasks in it.
func taskUsesGroup(f *semantic.File, s scopeItem, args syntax.NodeID) bool {
	t := f.Tree
	fn := t.Unwrap(t.NamedChild(args, 0))
	if t.Kind(fn) == syntax.Call {
		fn = t.ChildByField(fn, syntax.FieldFunction)
	}
	def, _ := f.Definition(fn)
	if def == syntax.NoNode || t.Contains(def, s.target) {
		return false // a recursive task refers to a TaskGroup of its own
	}
	for id := def; id < t.Nodes[def].After; id++ {
		if refersTo(f, id, s.target) {
			return true
		}
	}
	return false
}
