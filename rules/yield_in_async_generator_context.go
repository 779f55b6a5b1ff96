package rules

import (
	"slices"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/semantic"
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
// decorator makes the generator a context manager, a fixture or a channel,
// or the with statement has nothing to clean up.
func reportYieldsInAsyncGeneratorContexts(p *analysis.Pass) {
	f := p.File
	t := f.Tree
	for y := range t.OfKind(syntax.Yield) {
		def := generatorDef(f, y)
		if def == syntax.NoNode || !f.IsAsyncDef(def) || managedGenerator(f, def) {
			continue
		}
		for a := range frameAncestors(t, y) {
			if t.Kind(a) == syntax.WithStatement && inBody(t, a, y) && !cleansNothingUp(p, a) {
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

// cleansNothingUp reports whether a with statement only enters context
// managers that run nothing when its block ends or is abandoned: sync
// generators of the project whose code after the yield is all in except
// clauses (see cleanupFree), which translate the errors of the block.
func cleansNothingUp(p *analysis.Pass, stmt syntax.NodeID) bool {
	t := p.File.Tree
	if t.HasToken(stmt, syntax.AsyncKeyword) {
		return false
	}
	items := withItems(t, stmt)
	for _, item := range items {
		value := t.Unwrap(t.WithItemValue(item))
		if value == syntax.NoNode || t.Kind(value) != syntax.Call {
			return false
		}
		if facts := p.Function(t.ChildByField(value, syntax.FieldFunction)); facts == nil || !facts.NoCleanup {
			return false
		}
	}
	return len(items) > 0
}

// cleanupFree reports whether a generator's only yield is the last
// statement of a try that ends the function and has except clauses
// alone, none of which catches GeneratorExit: after the yield, the
// generator runs nothing but the handlers of the errors its consumer
// raises into it.
func cleanupFree(f *semantic.File, def syntax.NodeID) bool {
	t := f.Tree
	body := t.ChildByField(def, syntax.FieldBody)
	try := lastStatement(t, body)
	if try == syntax.NoNode || t.Kind(try) != syntax.TryStatement {
		return false
	}
	yield := lastStatement(t, t.ChildByField(try, syntax.FieldBody))
	if t.Kind(yield) != syntax.ExpressionStatement || t.Kind(t.Unwrap(t.OnlyNamedChild(yield))) != syntax.Yield {
		return false
	}
	yields := 0
	for id := range frameNodes(t, body) {
		if t.Kind(id) == syntax.Yield {
			yields++
		}
	}
	if yields != 1 {
		return false
	}
	clauses := 0
	for c := range t.NamedChildren(try) {
		switch t.Kind(c) {
		case syntax.Block, syntax.Comment:
		case syntax.ExceptClause:
			spec := t.ChildByField(c, syntax.FieldValue)
			if spec != syntax.NoNode && t.Kind(spec) == syntax.AsPattern {
				spec = t.FirstChild(spec)
			}
			if spec == syntax.NoNode || catchesGeneratorExit(f, spec) {
				return false
			}
			clauses++
		default:
			return false // else, finally, except*
		}
	}
	return clauses > 0
}

// catchesGeneratorExit reports whether an exception specification names
// BaseException or GeneratorExit, alone or in a tuple.
func catchesGeneratorExit(f *semantic.File, spec syntax.NodeID) bool {
	t := f.Tree
	spec = t.Unwrap(spec)
	classes := []syntax.NodeID{spec}
	if t.Kind(spec) == syntax.Tuple {
		classes = slices.Collect(t.NamedChildren(spec))
	}
	for _, c := range classes {
		switch f.QualifiedName(c) {
		case "builtins.BaseException", "builtins.GeneratorExit":
			return true
		}
	}
	return false
}

// lastStatement returns the last statement of a block, or NoNode.
func lastStatement(t *syntax.Tree, block syntax.NodeID) syntax.NodeID {
	last := syntax.NoNode
	for s := range t.NamedChildren(block) {
		if t.Kind(s) != syntax.Comment {
			last = s
		}
	}
	return last
}
