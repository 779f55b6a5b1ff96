package rules

import (
	"fmt"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/check"
	"github.com/asynclint/asynclint/analysis/config"
	"github.com/asynclint/asynclint/analysis/fix"
	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/analysis/syntax"
)

var legacyCoroutine = newRule(&analysis.Rule{
	Code:    "AL501",
	Name:    "legacy-coroutine",
	Summary: "a generator-based coroutine: `@asyncio.coroutine`, or `@types.coroutine` delegating with `yield from`",
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

// removedIn311 are the legacy decorators Python 3.11 removed.
var removedIn311 = map[string]bool{"asyncio.coroutine": true, "asyncio.coroutines.coroutine": true}

// reportLegacyCoroutines reports the defs decorated as generator-based
// coroutines, but not those with a removed decorator that only run on
// the Pythons that still have it.
func reportLegacyCoroutines(p *analysis.Pass) {
	f := p.File
	t := f.Tree
	for id := range t.OfKind(syntax.Decorator) {
		def := t.ChildByField(t.Parent(id), syntax.FieldDefinition)
		if def == syntax.NoNode || t.Kind(def) != syntax.FunctionDefinition {
			continue
		}
		name := f.QualifiedName(t.NamedChild(id, 0))
		if name == "types.coroutine" && !delegatesOnly(f, def) {
			continue
		}
		meaning, ok := legacyDecorators[name]
		if !ok || removedIn311[name] && onlyBefore311(f, def) {
			continue
		}
		if outer := f.ExecutingFunction(t.Parent(def)); removedIn311[name] && outer != semantic.NoScope {
			meaning = fmt.Sprintf("was removed in Python 3.11: `%s` fails with AttributeError when it runs",
				f.DefinitionName(f.Scopes[outer].Node))
		}
		p.Reportf(id, legacyCoroutineFix(f, id, def),
			"`@%s` %s; write `async def` and use `await` instead of `yield from`", name, meaning)
	}
}

// delegatesOnly reports whether a def yields, and only with yield from: a
// generator that delegates to other awaitables and reads as async def. A
// plain yield hands a value to the event loop itself, the trap at the
// bottom of every await, which no async def can write.
func delegatesOnly(f *semantic.File, def syntax.NodeID) bool {
	t := f.Tree
	scope := f.OwnedScope(def)
	if scope == semantic.NoScope || !f.Scopes[scope].Yields {
		return false
	}
	for id := def; id < t.Nodes[def].After; id++ {
		if t.Kind(id) == syntax.Yield && f.ScopeOf(id) == scope && !t.HasToken(id, syntax.FromKeyword) {
			return false
		}
	}
	return true
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

// onlyBefore311 reports whether a def runs only on Pythons older than
// 3.11: it lies in a branch that no Python from 3.11 on takes
// (`if sys.version_info < (3, 11):`), or in a function that pytest skips
// on all of them (`@pytest.mark.skipif(sys.version_info >= (3, 11), ...)`).
func onlyBefore311(f *semantic.File, def syntax.NodeID) bool {
	t := f.Tree
	v311 := config.Version{Major: 3, Minor: 11}
	child := def
	for a := range t.Ancestors(def) {
		switch t.Kind(a) {
		case syntax.IfStatement:
			if _, never := check.VersionTest(f, t.ChildByField(a, syntax.FieldCondition), v311); never &&
				t.ChildByField(a, syntax.FieldConsequence) == child {
				return true
			}
		case syntax.ElseClause:
			if stmt := t.Parent(a); t.Kind(stmt) == syntax.IfStatement {
				if always, _ := check.VersionTest(f, t.ChildByField(stmt, syntax.FieldCondition), v311); always {
					return true
				}
			}
		case syntax.DecoratedDefinition:
			for d := range t.NamedChildren(a) {
				call := t.Unwrap(t.NamedChild(d, 0))
				if t.Kind(d) != syntax.Decorator || t.Kind(call) != syntax.Call ||
					f.QualifiedName(t.ChildByField(call, syntax.FieldFunction)) != "pytest.mark.skipif" {
					continue
				}
				// The def's own decorators run where it is defined.
				if always, _ := check.VersionTest(f, t.FirstArgument(call, "condition"), v311); always && a != t.Parent(def) {
					return true
				}
			}
		}
		child = a
	}
	return false
}
