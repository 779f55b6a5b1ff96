package rules

import (
	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/config"
	"github.com/asynclint/asynclint/analysis/fix"
	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/analysis/syntax"
)

var missingAsyncFor = newRule(&analysis.Rule{
	Code:    "AL305",
	Name:    "missing-async-for",
	Summary: "a plain `for` over an async generator or async iterator",
	Default: true,
	FixKind: analysis.FixSafe,
	Run:     reportMissingAsyncFor,
})

// reportMissingAsyncFor reports the async iterables of plain for loops and
// comprehensions.
func reportMissingAsyncFor(p *analysis.Pass) {
	f := p.File
	t := f.Tree
	locals := asyncLocalsOf(p)
	for loop := range t.OfKind(syntax.ForStatement, syntax.ForInClause) {
		if t.HasToken(loop, syntax.AsyncKeyword) {
			continue
		}
		iter := t.ChildByField(loop, syntax.FieldRight)
		v := locals.valueOf(p, iter)
		if v.kind&asyncIterable == 0 {
			continue
		}
		forFix := asyncKeywordFix(p, loop, syntax.ForKeyword, v.certain)
		advice := "use `async for`"
		if forFix == nil {
			advice += asyncForWhere(p, loop)
		}
		p.Reportf(iter, forFix, "`%s` is an async iterable: a plain `for` fails at run time with TypeError "+
			"because it has no `__iter__`; %s", callText(t, t.Unwrap(iter)), advice)
	}
}

// asyncForWhere explains why a plain for cannot simply become async for.
func asyncForWhere(p *analysis.Pass, loop syntax.NodeID) string {
	f := p.File
	if f.Scopes[f.ScopeOf(loop)].Kind == semantic.GeneratorScope {
		return ", which makes the generator expression asynchronous"
	}
	latest := *p.Settings
	latest.TargetVersion = config.Version{Major: 3, Minor: 99}
	if fix.CanAwait(f, loop, &latest) {
		return " (in a nested comprehension, from Python 3.11: see target-version)"
	}
	return " in an `async def`"
}
