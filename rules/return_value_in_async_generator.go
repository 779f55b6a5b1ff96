package rules

import (
	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/analysis/syntax"
)

var returnInAsyncGenerator = newRule(&analysis.Rule{
	Code:     "AL103",
	Severity: analysis.Error,
	Name:     "return-value-in-async-generator",
	Summary:  "`return <value>` in an async generator",
	Default:  true,
	SameAs:   []string{"B901"},
	Run:      func(p *analysis.Pass) { compilerChecks(p).returns(p) },
})

// returns reports the return statements with a value in async generators.
// In a def that yields only with yield from, a return after the first one
// is left to AL102: CPython reports that first, and replacing it with await
// leaves no generator.
func (c *compilerCheck) returns(p *analysis.Pass) {
	f := c.file
	t := f.Tree
	plainYields := map[semantic.ScopeID]bool{}
	firstYieldFrom := map[semantic.ScopeID]syntax.NodeID{}
	for id := range t.OfKind(syntax.Yield) {
		s := f.ScopeOf(id)
		if !t.HasToken(id, syntax.FromKeyword) {
			plainYields[s] = true
		} else if _, ok := firstYieldFrom[s]; !ok {
			firstYieldFrom[s] = id
		}
	}
	for id := range t.OfKind(syntax.ReturnStatement) {
		if t.FirstChild(id) == syntax.NoNode {
			continue
		}
		hasValue := false
		for range t.NamedChildren(id) {
			hasValue = true
		}
		s := f.ScopeOf(id)
		sc := &f.Scopes[s]
		if !hasValue || sc.Kind != semantic.FunctionScope || !sc.Yields || !c.coroutine[s] {
			continue
		}
		if first, ok := firstYieldFrom[s]; ok && !plainYields[s] && first < id {
			continue
		}
		p.Reportf(id, nil, "`return` with a value in an async generator: Python rejects the module with SyntaxError")
	}
}
