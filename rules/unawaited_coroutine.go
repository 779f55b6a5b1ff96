package rules

import (
	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/syntax"
)

var unawaitedCoroutine = newRule(&analysis.Rule{
	Code:    "AL301",
	Name:    "unawaited-coroutine",
	Summary: "a coroutine call used as a statement, never awaited",
	Default: true,
	FixKind: analysis.FixSometimes,
	SameAs:  []string{"reportUnusedCoroutine", "unused-coroutine", "ASYNC105"},
	Run:     reportUnawaited,
})

// reportUnawaited reports the calls of coroutines used as statements, and
// those entered with async with instead of awaited.
func reportUnawaited(p *analysis.Pass) {
	f := p.File
	t := f.Tree
	for stmt := range t.OfKind(syntax.ExpressionStatement) {
		call := t.Unwrap(t.OnlyNamedChild(stmt))
		if call == syntax.NoNode || t.Kind(call) != syntax.Call {
			continue
		}
		v := asyncValueOf(p, call)
		if v.kind&awaitable == 0 {
			continue
		}
		text := callText(t, call)
		if awaited := awaitFix(p, call, certainty(v.certain)); awaited != nil {
			p.Reportf(call, awaited, "`%s` creates a coroutine that is discarded without running; write `await %s`",
				text, text)
			continue
		}
		p.Reportf(call, nil, "`%s` creates a coroutine that is discarded without running (Python warns "+
			"\"coroutine ... was never awaited\" at best); await it in an `async def`, or run it with `%s.run`",
			text, asyncLibrary(f))
	}
	for item := range t.OfKind(syntax.WithItem) {
		call := t.Unwrap(t.WithItemValue(item))
		if call == syntax.NoNode || t.Kind(call) != syntax.Call || !t.HasToken(t.Parent(t.Parent(item)), syntax.AsyncKeyword) {
			continue
		}
		v := asyncValueOf(p, call)
		if v.kind&awaitable == 0 || v.kind&asyncContext != 0 {
			continue
		}
		text := callText(t, call)
		p.Reportf(call, awaitFix(p, call, certainty(v.certain)), "`%s` creates a coroutine, which `async with` cannot "+
			"enter: TypeError at run time, and the coroutine never runs; write `async with await %s`", text, text)
	}
}
