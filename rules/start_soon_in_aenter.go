package rules

import (
	"slices"
	"strings"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/analysis/syntax"
)

var startSoonInAenter = newRule(&analysis.Rule{
	Code:    "AL606",
	Name:    "start-soon-in-aenter",
	Summary: "trio/anyio: `start_soon` of a startable function in `__aenter__` or before the `yield` of an `@asynccontextmanager`",
	Default: true,
	SameAs:  []string{"ASYNC113"},
	Run:     reportStartSoonInAenter,
})

// reportStartSoonInAenter reports, in the code that enters an async
// context manager, start_soon calls of startable functions in a TaskGroup
// that outlives the entry.
func reportStartSoonInAenter(p *analysis.Pass) {
	f := p.File
	t := f.Tree
	library := levelCancellation(f)
	if library == "" {
		return
	}
	for call := range t.OfKind(syntax.Call) {
		if t.MethodName(call) != "start_soon" {
			continue
		}
		def := enteringDef(f, call)
		if def == syntax.NoNode {
			continue
		}
		recv := t.Unwrap(t.ReadFrom(t.ChildByField(call, syntax.FieldFunction)))
		if recv == syntax.NoNode || !isTaskGroup(f, recv) && !namedTaskGroup(f, recv) || closedBeforeEntry(f, recv, call) ||
			!isStartable(f, t.FirstArgument(call, ""), 0) {
			continue
		}
		p.Reportf(call, nil, "`%s` in the entry of an async context manager: the task may not have started when "+
			"the `async with` block begins; use `await %s.start(...)`, which returns once the task calls "+
			"`task_status.started()`", callText(t, call), shortText(t, recv))
	}
}

// enteringDef returns the function that enters an async context manager
// and runs call before the block of its user: an async __aenter__, or an
// @asynccontextmanager generator when call comes before a yield. It
// returns NoNode otherwise.
func enteringDef(f *semantic.File, call syntax.NodeID) syntax.NodeID {
	t := f.Tree
	s := f.ExecutingFunction(call)
	if s == semantic.NoScope || f.Scopes[s].Kind != semantic.FunctionScope || !f.Scopes[s].Async {
		return syntax.NoNode
	}
	def := f.Scopes[s].Node
	if name := t.ChildByField(def, syntax.FieldName); name != syntax.NoNode && t.TextView(name) == "__aenter__" {
		return def
	}
	if !slices.ContainsFunc(f.Decorators(def), func(d string) bool { return lastName(d) == "asynccontextmanager" }) {
		return syntax.NoNode
	}
	for y := range frameNodes(t, t.ChildByField(def, syntax.FieldBody)) {
		if y > call && t.Kind(y) == syntax.Yield {
			return def
		}
	}
	return syntax.NoNode
}

// namedTaskGroup reports whether expr is named as trio code names a
// nursery (nursery, self._nursery) or anyio code a task group
// (task_group), which is all that says what an attribute holds.
func namedTaskGroup(f *semantic.File, expr syntax.NodeID) bool {
	t := f.Tree
	var name string
	switch t.Kind(expr) {
	case syntax.Identifier:
		name = t.TextView(expr)
	case syntax.Attribute:
		name = t.TextView(t.ChildByField(expr, syntax.FieldAttr))
	default:
		return false
	}
	return f.Imports("trio") && strings.HasSuffix(name, "nursery") ||
		f.Imports("anyio") && strings.HasSuffix(name, "task_group")
}

// closedBeforeEntry reports whether the TaskGroup recv is opened by a with
// statement around call that closes before the function yields or
// returns: its exit waits for the task, which has then started.
func closedBeforeEntry(f *semantic.File, recv, call syntax.NodeID) bool {
	t := f.Tree
	if t.Kind(recv) != syntax.Identifier {
		return false
	}
	for a := range frameAncestors(t, call) {
		if t.Kind(a) != syntax.WithStatement || !inBody(t, a, call) {
			continue
		}
		items := withItems(t, a)
		if i := innermostBinding(t, items, recv); i >= 0 {
			for y := range frameNodes(t, t.ChildByField(a, syntax.FieldBody)) {
				if t.Kind(y) == syntax.Yield {
					return false
				}
			}
			return true
		}
	}
	return false
}

// maxAliasDepth bounds the assignments followed to find a function.
const maxAliasDepth = 4

// isStartable reports whether expr is a function that takes a
// task_status: a startable API, a def of this file with a task status
// parameter (also through names assigned from it), or a call that binds
// arguments to one, such as functools.partial(fn, ...).
func isStartable(f *semantic.File, expr syntax.NodeID, depth int) bool {
	t := f.Tree
	expr = t.Unwrap(expr)
	if expr == syntax.NoNode || depth > maxAliasDepth {
		return false
	}
	switch t.Kind(expr) {
	case syntax.Call:
		positional, _, _ := t.CallArguments(expr)
		return slices.ContainsFunc(positional, func(a syntax.NodeID) bool { return isStartable(f, a, depth+1) })
	case syntax.Identifier, syntax.Attribute:
		if slices.Contains(startableAPIs, f.QualifiedName(expr)) {
			return true
		}
		if def, _ := f.Definition(expr); def != syntax.NoNode {
			return taskStatusParameter(f, def) != syntax.NoNode
		}
		if t.Kind(expr) == syntax.Identifier {
			for _, b := range f.Lookup(expr) {
				if v := f.Bindings[b].Value; f.Bindings[b].Kind == semantic.AssignmentBinding && isStartable(f, v, depth+1) {
					return true
				}
			}
		}
	}
	return false
}
