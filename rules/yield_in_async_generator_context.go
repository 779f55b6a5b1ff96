package rules

import (
	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/syntax"
)

var yieldInAsyncGeneratorContext = newRule(&analysis.Rule{
	Code:    "AL604",
	Name:    "yield-in-async-generator-context",
	Summary: "`yield` inside `with` or `async with` in an async generator",
	Default: true,
	SameAs:  []string{"ASYNC119"},
	Run:     reportYieldsInAsyncGeneratorContexts,
})

// reportYieldsInAsyncGeneratorContexts reports the yields of async
// generators that lie in the block of a with statement, unless a
// decorator makes the generator a context manager, a fixture or a channel.
func reportYieldsInAsyncGeneratorContexts(p *analysis.Pass) {
	f := p.File
	t := f.Tree
	for y := range t.OfKind(syntax.Yield) {
		def := generatorDef(f, y)
		if def == syntax.NoNode || !f.IsAsyncDef(def) || managedGenerator(f, def) {
			continue
		}
		for a := range frameAncestors(t, y) {
			if t.Kind(a) == syntax.WithStatement && inBody(t, a, y) {
				instead := "`@asynccontextmanager`"
				if f.Imports("trio") {
					instead += " or `@trio.as_safe_channel`"
				}
				p.Reportf(y, nil, "`yield` inside a `with` block of an async generator: when its consumer stops "+
					"iterating early, the block's cleanup waits until the generator is closed or garbage-collected, "+
					"where it can no longer await (PEP 533); use %s, or have every caller wrap the generator in "+
					"`async with contextlib.aclosing(...)`", instead)
				break
			}
		}
	}
}
