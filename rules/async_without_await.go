package rules

import (
	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/syntax"
)

var asyncWithoutAwait = newRule(&analysis.Rule{
	Code:    "AL617",
	Name:    "async-without-await",
	Summary: "an `async def` with no `await`, `async for` or `async with`",
	SameAs:  []string{"ASYNC124", "RUF029"},
	Run:     reportAsyncWithoutAwait,
})

// reportAsyncWithoutAwait reports the async defs that never suspend,
// leaving out those whose signature others decide: methods, stubs, and
// decorated functions (a decorator may require a coroutine function).
func reportAsyncWithoutAwait(p *analysis.Pass) {
	f := p.File
	t := f.Tree
	for def := range t.OfKind(syntax.FunctionDefinition) {
		if !f.IsAsyncDef(def) || isMethod(f, def) || isStub(t, def, true) || !keepsSignature(p, def) ||
			hasCheckpoint(t, t.ChildByField(def, syntax.FieldBody)) {
			continue
		}
		name := t.ChildByField(def, syntax.FieldName)
		p.Reportf(name, nil, "`%s` is an `async def` that never awaits: calling it only builds a coroutine "+
			"around synchronous work; make it a plain `def`, and drop the `await` where it is called", t.Text(name))
	}
}
