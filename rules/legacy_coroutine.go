package rules

import (
	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/fix"
	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/analysis/syntax"
)

var legacyCoroutine = newRule(&analysis.Rule{
	Code:    "AL501",
	Name:    "legacy-coroutine",
	Summary: "a generator-based coroutine: `@asyncio.coroutine` or `@types.coroutine`",
	Default: true,
	FixKind: analysis.FixUnsafe,
	SameAs:  []string{"W4905"},
	Run:     reportLegacyCoroutines,
})

// legacyDecorators maps the decorators that make generator-based
// coroutines to what they do on current Python.
var legacyDecorators = map[string]string{
	"asyncio.coroutine":            "was removed in Python 3.11: importing the module fails with AttributeError",
	"asyncio.coroutines.coroutine": "was removed in Python 3.11: importing the module fails with AttributeError",
	"types.coroutine": "still works but makes a legacy generator-based coroutine: " +
		"`inspect.iscoroutinefunction` is false for it, and it cannot use `await`, `async for` or `async with`",
}

// reportLegacyCoroutines reports the defs decorated as generator-based
// coroutines.
func reportLegacyCoroutines(p *analysis.Pass) {
	f := p.File
	t := f.Tree
	for id := range t.OfKind(syntax.Decorator) {
		def := t.ChildByField(t.Parent(id), syntax.FieldDefinition)
		if def == syntax.NoNode || t.Kind(def) != syntax.FunctionDefinition {
			continue
		}
		name := f.QualifiedName(t.NamedChild(id, 0))
		if meaning, ok := legacyDecorators[name]; ok {
			p.Reportf(id, legacyCoroutineFix(f, id, def),
				"`@%s` %s; write `async def` and use `await` instead of `yield from`", name, meaning)
		}
	}
}

// legacyCoroutineFix rewrites a generator-based coroutine as an async def:
// the decorator's line goes, def becomes async def and each yield from of
// the function itself becomes await, or pass for the `yield from []` idiom.
// A function with a bare yield, or no yield at all, gets no fix: it would
// become an async generator, or its callers would get a coroutine where
// they got a value. Nor does one that yields from another iterable, which
// await cannot take.
func legacyCoroutineFix(f *semantic.File, decorator, def syntax.NodeID) *analysis.Fix {
	t := f.Tree
	scope := f.OwnedScope(def)
	if scope == semantic.NoScope || !f.Scopes[scope].Yields || t.HasToken(def, syntax.AsyncKeyword) {
		return nil
	}
	line, ok := fix.DeleteLines(t, decorator, int(t.Nodes[decorator].End))
	if !ok {
		return nil
	}
	at := int(t.Nodes[def].Start)
	edits := []analysis.TextEdit{line, {Start: at, End: at, NewText: "async "}}
	for id := def; id < t.Nodes[def].After; id++ {
		if t.Kind(id) != syntax.Yield || f.ScopeOf(id) != scope {
			continue
		}
		operand := t.OnlyNamedChild(id)
		switch {
		case !t.HasToken(id, syntax.FromKeyword) || operand == syntax.NoNode:
			return nil
		case isPlainIterable(f, operand):
			// `yield from []` only made the function a generator.
			if !t.IsEmptyDisplay(operand) || t.Kind(t.Parent(id)) != syntax.ExpressionStatement {
				return nil
			}
			edits = append(edits, analysis.TextEdit{Start: int(t.Nodes[id].Start), End: int(t.Nodes[id].End), NewText: "pass"})
		default:
			edits = append(edits, fix.AwaitOperand(t, id, operand, "await ")...)
		}
	}
	return &analysis.Fix{
		Message:       "Rewrite as `async def` with `await`",
		Applicability: analysis.Unsafe,
		Edits:         edits,
	}
}
