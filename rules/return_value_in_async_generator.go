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
func (c *compilerCheck) returns(p *analysis.Pass) {
	f := c.file
	t := f.Tree
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
		p.Reportf(id, nil, "`return` with a value in an async generator: Python rejects the module with SyntaxError")
	}
}
