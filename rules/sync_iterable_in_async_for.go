package rules

import (
	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/syntax"
)

var syncIterableInAsyncFor = newRule(&analysis.Rule{
	Code:    "AL308",
	Name:    "sync-iterable-in-async-for",
	Summary: "`async for` over an iterable that is only synchronous",
	Default: true,
	FixKind: analysis.FixUnsafe,
	Run:     reportSyncIterableInAsyncFor,
})

// reportSyncIterableInAsyncFor reports the synchronous iterables of async
// for loops in coroutines and of async comprehension clauses.
func reportSyncIterableInAsyncFor(p *analysis.Pass) {
	f := p.File
	t := f.Tree
	for loop := range t.OfKind(syntax.ForStatement, syntax.ForInClause) {
		if !t.HasToken(loop, syntax.AsyncKeyword) || t.Kind(loop) == syntax.ForStatement && !f.InCoroutine(loop) {
			continue
		}
		iter := t.ChildByField(loop, syntax.FieldRight)
		kind, name := syncValueOf(f, iter)
		if kind&syncIterable == 0 {
			continue
		}
		p.Reportf(iter, dropAsyncFix(t, loop, syntax.ForKeyword), "`%s` is a synchronous iterable: `async for` "+
			"fails on it at run time with TypeError, since it has no `__aiter__`; use a plain `for`", name)
	}
}
