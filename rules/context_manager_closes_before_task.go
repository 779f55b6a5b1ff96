package rules

import (
	"slices"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/analysis/syntax"
)

var contextManagerClosesBeforeTask = newRule(&analysis.Rule{
	Code:       "AL605",
	Name:       "context-manager-closes-before-task",
	Summary:    "a value from a context manager opened inside a TaskGroup block is passed to a task started there",
	Default:    true,
	SameAs:     []string{"ASYNC111"},
	Run:        reportClosedBeforeTask,
	CitesLines: true,
})

// allTaskStarters are the methods that start a task in a TaskGroup of any
// library.
var allTaskStarters = []string{"start", "start_soon", "create_task"}

// reportClosedBeforeTask reports the names, passed to a task started in a
// TaskGroup, that a with statement nested in the TaskGroup's block binds.
func reportClosedBeforeTask(p *analysis.Pass) {
	f := p.File
	t := f.Tree
	for call := range t.OfKind(syntax.Call) {
		if !slices.Contains(allTaskStarters, t.MethodName(call)) {
			continue
		}
		recv := t.Unwrap(t.ReadFrom(t.ChildByField(call, syntax.FieldFunction)))
		if recv == syntax.NoNode || t.Kind(recv) != syntax.Identifier {
			continue
		}
		// The items of the with statements around the call, outermost
		// first; the innermost binding recv is the TaskGroup.
		var items []syntax.NodeID
		for a := range frameAncestors(t, call) {
			if t.Kind(a) == syntax.WithStatement && inBody(t, a, call) {
				items = append(withItems(t, a), items...)
			}
		}
		group := innermostBinding(t, items, recv)
		if group < 0 {
			continue
		}
		stmt := t.Parent(t.Parent(items[group]))
		s, ok := itemScope(f, stmt, items[group])
		if !ok || s.kind != taskGroupScope || !refersTo(f, recv, s.target) {
			continue
		}
		for id := range frameNodes(t, t.ChildByField(call, syntax.FieldArguments)) {
			if t.Kind(id) != syntax.Identifier || !f.IsVariable(id) {
				continue
			}
			inner := innermostBinding(t, items, id)
			if inner <= group || !refersTo(f, id, asName(t, items[inner])) || !closesEarly(f, items[inner], call) {
				continue
			}
			p.Reportf(id, nil, "`%s` comes from a context manager opened on line %d inside the %s opened on line %d: "+
				"its block closes it while the task started here may still use it; open the %s inside that block instead",
				t.TextView(id), t.Position(int(t.Nodes[items[inner]].Start)).Line, taskGroupWord(s.library),
				t.Position(int(t.Nodes[s.call].Start)).Line, taskGroupWord(s.library))
		}
	}
}

// closesEarly reports whether the context manager of a with item can
// close while the task that call starts still uses its value. The value
// of a timeout or cancel scope can: a task only cancels it, which is
// harmless once it is closed. So can none whose block awaits the task
// (t = tg.create_task(...); await t).
func closesEarly(f *semantic.File, item, call syntax.NodeID) bool {
	t := f.Tree
	stmt := t.Parent(t.Parent(item))
	if s, ok := itemScope(f, stmt, item); ok && (s.kind == timeoutScope || s.kind == cancelScope) {
		return false
	}
	assign := t.Parent(call)
	if t.Kind(assign) != syntax.Assignment || t.Kind(t.ChildByField(assign, syntax.FieldLeft)) != syntax.Identifier {
		return true
	}
	task := t.ChildByField(assign, syntax.FieldLeft)
	for id := range frameNodes(t, t.ChildByField(stmt, syntax.FieldBody)) {
		if id > call && t.Kind(id) == syntax.Await && refersTo(f, t.Unwrap(t.NamedChild(id, 0)), task) {
			return false
		}
	}
	return true
}

// innermostBinding returns the index of the last item that binds the name
// of identifier id with "as", or -1.
func innermostBinding(t *syntax.Tree, items []syntax.NodeID, id syntax.NodeID) int {
	for i := len(items) - 1; i >= 0; i-- {
		if target := asName(t, items[i]); target != syntax.NoNode && t.TextView(target) == t.TextView(id) {
			return i
		}
	}
	return -1
}
