package rules

import (
	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/syntax"
)

var syncContextManagerInAsyncWith = newRule(&analysis.Rule{
	Code:    "AL307",
	Name:    "sync-context-manager-in-async-with",
	Summary: "`async with` on a context manager that is only synchronous",
	Default: true,
	FixKind: analysis.FixUnsafe,
	SameAs:  []string{"E1701"},
	Run:     reportSyncContextManagerInAsyncWith,
})

// reportSyncContextManagerInAsyncWith reports the synchronous context
// managers of async with statements in coroutines.
func reportSyncContextManagerInAsyncWith(p *analysis.Pass) {
	f := p.File
	t := f.Tree
	for stmt := range t.OfKind(syntax.WithStatement) {
		if !t.HasToken(stmt, syntax.AsyncKeyword) || !f.InCoroutine(stmt) {
			continue
		}
		values := withValues(t, stmt)
		kinds := make([]syncKind, len(values))
		names := make([]string, len(values))
		all := true
		for i, v := range values {
			kinds[i], names[i] = syncValueOf(f, v)
			all = all && kinds[i]&syncContext != 0
		}
		for i, v := range values {
			if kinds[i]&syncContext == 0 {
				continue
			}
			var withFix *analysis.Fix
			advice := "use a plain `with`"
			if all {
				withFix = dropAsyncFix(t, stmt, syntax.WithKeyword)
			} else {
				advice = "move it to a plain `with` of its own"
			}
			p.Reportf(v, withFix, "`%s` is a synchronous context manager: `async with` fails on it at run time "+
				"with TypeError, since it has no `__aenter__`; %s", names[i], advice)
		}
	}
}
