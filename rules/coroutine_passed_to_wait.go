package rules

import (
	"fmt"
	"slices"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/fix"
	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/analysis/syntax"
)

var coroutinePassedToWait = newRule(&analysis.Rule{
	Code:    "AL403",
	Name:    "coroutine-passed-to-wait",
	Summary: "coroutines passed to `asyncio.wait`",
	Default: true,
	FixKind: analysis.FixSafe,
	Run:     reportCoroutinesPassedToWait,
})

// waitFunctions reject coroutines since Python 3.11. The value is the
// name of the parameter that takes them.
var waitFunctions = map[string]string{"asyncio.wait": "fs", "asyncio.tasks.wait": "fs"}

// reportCoroutinesPassedToWait reports asyncio.wait calls given
// coroutines, with a fix that wraps each in asyncio.create_task.
func reportCoroutinesPassedToWait(p *analysis.Pass) {
	f := p.File
	t := f.Tree
	for call := range t.OfKind(syntax.Call) {
		keyword, ok := waitFunctions[f.QualifiedName(t.ChildByField(call, syntax.FieldFunction))]
		if !ok {
			continue
		}
		arg := t.FirstArgument(call, keyword)
		if arg == syntax.NoNode {
			continue
		}
		elems, inPlace := coroutineElements(f, arg)
		if !slices.ContainsFunc(elems, func(e syntax.NodeID) bool { return asyncValueOf(p, e).kind&awaitable != 0 }) {
			continue
		}
		var wrapFix *analysis.Fix
		if inPlace && f.InCoroutine(call) { // create_task needs a running loop
			wrapFix = wrapInTasksFix(p, call, elems)
		}
		p.Reportf(arg, wrapFix, "`%s` given coroutines: a TypeError since Python 3.11 (deprecated since 3.8); "+
			"wrap each in `asyncio.create_task`", shortText(t, t.ChildByField(call, syntax.FieldFunction)))
	}
}

// coroutineElements returns the elements a collection expression is made
// of: the items of a list, set or tuple, or the element of a
// comprehension. A name assigned once such an expression is looked
// through; inPlace is then false, as the fix would change the variable.
func coroutineElements(f *semantic.File, expr syntax.NodeID) (elems []syntax.NodeID, inPlace bool) {
	t := f.Tree
	expr = t.Unwrap(expr)
	if expr == syntax.NoNode {
		return nil, false
	}
	switch t.Kind(expr) {
	case syntax.List, syntax.Set, syntax.Tuple:
		return slices.Collect(t.NamedChildren(expr)), true
	case syntax.ListComprehension, syntax.SetComprehension, syntax.GeneratorExpression:
		return []syntax.NodeID{t.ChildByField(expr, syntax.FieldBody)}, true
	case syntax.Identifier:
		if refs := f.Lookup(expr); len(refs) == 1 && f.Bindings[refs[0]].Kind == semantic.AssignmentBinding {
			if value := f.Bindings[refs[0]].Value; value != syntax.NoNode && t.Kind(t.Unwrap(value)) != syntax.Identifier {
				elems, _ := coroutineElements(f, value)
				return elems, false
			}
		}
	}
	return nil, false
}

// wrapInTasksFix wraps each element in asyncio.create_task, when every
// element is certainly a coroutine call: create_task rejects anything
// else.
func wrapInTasksFix(p *analysis.Pass, call syntax.NodeID, elems []syntax.NodeID) *analysis.Fix {
	f := p.File
	t := f.Tree
	for _, e := range elems {
		v := asyncValueOf(p, e)
		if t.Kind(t.Unwrap(e)) != syntax.Call || v.kind&awaitable == 0 || !v.certain {
			return nil
		}
	}
	asyncio, importEdit, ok := fix.ImportModule(f, call, "asyncio")
	if !ok {
		return nil
	}
	var edits []analysis.TextEdit
	for _, e := range elems {
		n := &t.Nodes[e]
		edits = append(edits,
			analysis.TextEdit{Start: int(n.Start), End: int(n.Start), NewText: asyncio + ".create_task("},
			analysis.TextEdit{Start: int(n.End), End: int(n.End), NewText: ")"})
	}
	return &analysis.Fix{
		Message:       fmt.Sprintf("Wrap each coroutine in `%s.create_task`", asyncio),
		Applicability: analysis.Safe,
		Edits:         fix.WithImports(edits, importEdit),
	}
}
