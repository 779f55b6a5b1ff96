package rules

import (
	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/analysis/syntax"
)

var yieldInCancelScope = newRule(&analysis.Rule{
	Code:    "AL602",
	Name:    "yield-in-cancel-scope",
	Summary: "`yield` inside a TaskGroup, nursery, timeout or cancel scope in a generator that is not a context manager",
	Default: true,
	SameAs:  []string{"ASYNC101"},
	Run:     reportYieldsInScopes,
})

// reportYieldsInScopes reports the yields of plain generators that lie
// in the block of a with statement opening a scope.
func reportYieldsInScopes(p *analysis.Pass) {
	f := p.File
	t := f.Tree
	for y := range t.OfKind(syntax.Yield) {
		def := generatorDef(f, y)
		if def == syntax.NoNode || managedGenerator(f, def) {
			continue
		}
		for a := range frameAncestors(t, y) {
			if t.Kind(a) != syntax.WithStatement || !inBody(t, a, y) {
				continue
			}
			if scopes := scopeItems(f, a); len(scopes) > 0 {
				p.Reportf(y, nil, "`yield` inside `%s` in a generator that is not a context manager: while the "+
					"generator is suspended here, its consumer's code runs inside the scope, and the scope's "+
					"cancellation or its tasks' errors strike that code; decorate it with `@contextmanager` or "+
					"`@asynccontextmanager` if it yields once, or move the yield out of the block",
					callText(t, scopes[0].call))
				break
			}
		}
	}
}

// generatorDef returns the def whose frame runs a yield, or NoNode for a
// yield in a lambda or outside any function.
func generatorDef(f *semantic.File, y syntax.NodeID) syntax.NodeID {
	s := f.ExecutingFunction(y)
	if s == semantic.NoScope || f.Scopes[s].Kind != semantic.FunctionScope {
		return syntax.NoNode
	}
	return f.Scopes[s].Node
}
