package rules

import (
	"fmt"
	"strings"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/fix"
	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/analysis/syntax"
)

var yieldFromInAsync = newRule(&analysis.Rule{
	Code:     "AL102",
	Severity: analysis.Error,
	Name:     "yield-from-in-async",
	Summary:  "`yield from` inside an `async def`",
	Default:  true,
	FixKind:  analysis.FixUnsafe,
	SameAs:   []string{"PLE1700"},
	// The loop variable of a fixed `yield from` statement is a fresh name.
	FreshNames: true,
	Run:        func(p *analysis.Pass) { compilerChecks(p).yieldFroms(p) },
})

// yieldFroms reports the yield from expressions of async defs.
func (c *compilerCheck) yieldFroms(p *analysis.Pass) {
	f := c.file
	t := f.Tree
	for id := range t.OfKind(syntax.Yield) {
		if !t.HasToken(id, syntax.FromKeyword) || !c.isAsyncDef(f.ScopeOf(id)) {
			continue
		}
		start, end := t.TokenRange(id, syntax.FromKeyword)
		p.Report(analysis.Diagnostic{Start: start, End: end,
			Message: "`yield from` inside an `async def`: Python rejects the module with SyntaxError",
			Fix:     yieldFromFix(f, id)})
	}
}

// yieldFromFix rewrites `yield from x` to `await x` when x is a call of a
// coroutine function, and a `yield from` statement over a plain iterable to
// a loop that yields its items. Other operands get no fix: which one was
// meant cannot be told.
func yieldFromFix(f *semantic.File, id syntax.NodeID) *analysis.Fix {
	t := f.Tree
	var operand syntax.NodeID = syntax.NoNode
	for c := range t.NamedChildren(id) {
		operand = c
	}
	if operand == syntax.NoNode {
		return nil
	}
	n := &t.Nodes[id]
	if isCoroutineCall(f, operand) {
		return &analysis.Fix{
			Message:       "Replace `yield from` with `await`",
			Applicability: analysis.Unsafe,
			Edits:         []analysis.TextEdit{{Start: int(n.Start), End: int(t.Nodes[operand].Start), NewText: "await "}},
		}
	}
	stmt := n.Parent
	if t.Kind(stmt) != syntax.ExpressionStatement || !isPlainIterable(f, operand) {
		return nil
	}
	indent, ok := fix.StatementIndent(t, stmt)
	if !ok {
		return nil
	}
	item := fix.FreshName(f, f.Scopes[f.ScopeOf(id)].Node, "item")
	return &analysis.Fix{
		Message:       "Replace `yield from` with a loop that yields each item",
		Applicability: analysis.Unsafe,
		Edits: []analysis.TextEdit{{Start: int(n.Start), End: int(n.End),
			NewText: fmt.Sprintf("for %s in %s:\n%s    yield %s", item, t.Text(operand), indent, item)}},
	}
}

// isCoroutineCall reports whether id calls an async def of this file or an
// asyncio function, whose results are awaitable.
func isCoroutineCall(f *semantic.File, id syntax.NodeID) bool {
	t := f.Tree
	if t.Kind(id) != syntax.Call {
		return false
	}
	callee := t.ChildByField(id, syntax.FieldFunction)
	if q := f.QualifiedName(callee); strings.HasPrefix(q, "asyncio.") {
		return true
	}
	if t.Kind(callee) != syntax.Identifier {
		return false
	}
	bindings := f.Lookup(callee)
	for _, b := range bindings {
		def := f.Bindings[b].Definition
		if f.Bindings[b].Kind != semantic.FunctionBinding || !f.Scopes[f.OwnedScope(def)].Async {
			return false
		}
	}
	return len(bindings) > 0
}
