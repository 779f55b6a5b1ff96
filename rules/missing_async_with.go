package rules

import (
	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/fix"
	"github.com/asynclint/asynclint/analysis/syntax"
)

var missingAsyncWith = newRule(&analysis.Rule{
	Code:    "AL304",
	Name:    "missing-async-with",
	Summary: "a plain `with` on an async context manager",
	Default: true,
	FixKind: analysis.FixSafe,
	SameAs:  []string{"E1145"},
	Run:     reportMissingAsyncWith,
})

// reportMissingAsyncWith reports the async context managers of plain with
// statements.
func reportMissingAsyncWith(p *analysis.Pass) {
	f := p.File
	t := f.Tree
	locals := asyncLocalsOf(p)
	for stmt := range t.OfKind(syntax.WithStatement) {
		if t.HasToken(stmt, syntax.AsyncKeyword) {
			continue
		}
		values := withValues(t, stmt)
		async := make([]asyncValue, len(values))
		all := true
		for j, value := range values {
			async[j] = locals.valueOf(p, value)
			all = all && async[j].kind&asyncContext != 0
		}
		for j, value := range values {
			v := async[j]
			if v.kind&asyncContext == 0 {
				continue
			}
			var withFix *analysis.Fix
			advice := "use `async with`"
			if all {
				withFix = asyncKeywordFix(p, stmt, syntax.WithKeyword, v.certain)
			} else {
				advice = "use `async with`, moving the synchronous items to a plain `with` of their own"
			}
			if withFix == nil && !fix.CanAwait(f, stmt, p.Settings) {
				advice += " in an `async def`"
			}
			p.Reportf(value, withFix, "`%s` is an async context manager, which a plain `with` cannot enter: "+
				"it fails at run time before the body runs; %s", shortText(t, value), advice)
		}
	}
}

// withClause holds the items of a with statement.
var withClause = syntax.NamedKind("with_clause")

// withValues returns the context expressions of a with statement's items.
func withValues(t *syntax.Tree, stmt syntax.NodeID) []syntax.NodeID {
	clause := t.ChildOfKind(stmt, withClause)
	if clause == syntax.NoNode {
		return nil
	}
	var values []syntax.NodeID
	for item := range t.NamedChildren(clause) {
		if t.Kind(item) != syntax.WithItem {
			continue
		}
		if value := t.WithItemValue(item); value != syntax.NoNode {
			values = append(values, value)
		}
	}
	return values
}
