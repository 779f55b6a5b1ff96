package rules

import (
	"strings"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/analysis/syntax"
)

// asyncValue says what an expression evaluates to when that value must be
// awaited, entered with async with, or iterated with async for.
type asyncValue struct {
	kind asyncKind // 0 when the value is not known to be async
	name string    // what was called or named, for messages
	// certain is set for catalog entries and functions of this file; it is
	// clear for methods found through self or an instance, which a
	// subclass might override with a plain function.
	certain bool
}

// asyncValueOf answers "is this a coroutine (or async context manager, or
// async iterable)?" from the catalog of async APIs, the async defs and
// classes of this file, and receivers whose constructor is known. Unknown
// means no: precision first.
func asyncValueOf(p *analysis.Pass, expr syntax.NodeID) asyncValue {
	f := p.File
	t := f.Tree
	expr = t.Unwrap(expr)
	if expr == syntax.NoNode {
		return asyncValue{}
	}
	switch t.Kind(expr) {
	case syntax.Call:
		return asyncCallValue(p, expr)
	case syntax.Identifier, syntax.Attribute:
		if typ := f.TypeOf(expr, asyncTypes); typ != "" {
			return asyncValue{kind: asyncTypeKinds[typ], name: typ, certain: true}
		}
		if class := f.InstanceClass(expr); class != syntax.NoNode {
			return classValue(f, class, shortText(t, expr))
		}
	}
	return asyncValue{}
}

func asyncCallValue(p *analysis.Pass, call syntax.NodeID) asyncValue {
	f := p.File
	t := f.Tree
	callee := t.ChildByField(call, syntax.FieldFunction)
	if q := f.QualifiedName(callee); q != "" && asyncAPIs[q] != 0 {
		return asyncValue{kind: asyncAPIs[q], name: displayName(q), certain: true}
	}
	name := shortText(t, callee)
	if def, dynamic := f.Definition(callee); def != syntax.NoNode {
		switch {
		case f.IsAsyncGenerator(def):
			return decoratedValue(f, def, asyncValue{kind: asyncIterable, name: name, certain: !dynamic})
		case f.IsAsyncDef(def):
			return decoratedValue(f, def, asyncValue{kind: awaitable, name: name, certain: !dynamic})
		}
		return asyncValue{}
	}
	if v, ok := projectValue(p, callee, name); ok {
		return v
	}
	if class := f.InstanceClass(call); class != syntax.NoNode {
		return classValue(f, class, name)
	}
	if t.Kind(callee) == syntax.Attribute {
		if typ := f.TypeOf(t.ChildByField(callee, syntax.FieldObject), asyncTypes); typ != "" {
			method := typ + "." + t.Text(t.ChildByField(callee, syntax.FieldAttr))
			return asyncValue{kind: asyncAPIs[method], name: method, certain: true}
		}
	}
	return asyncValue{}
}

// projectValue describes a call of a function of another module of the
// project (or of a base class defined there), as the project index knows it.
func projectValue(p *analysis.Pass, callee syntax.NodeID, name string) (asyncValue, bool) {
	facts := p.Function(callee)
	if facts == nil {
		return asyncValue{}, false
	}
	if facts.Wrapped {
		return asyncValue{name: name}, true // a decorator may return anything
	}
	// A method reached through self may be overridden in a subclass.
	target := p.File.CallTarget(callee)
	certain := !target.Local || !strings.Contains(target.Name, ".")
	switch {
	case facts.AsyncGen:
		return asyncValue{kind: asyncIterable, name: name, certain: certain}, true
	case facts.Async:
		return asyncValue{kind: awaitable, name: name, certain: certain}, true
	}
	return asyncValue{name: name}, true
}

// transparentDecorators keep what a function returns; any other
// decorator may replace the function with anything (start it in the
// background, cache it, make it callable from sync code).
var transparentDecorators = map[string]bool{
	"builtins.staticmethod": true, "builtins.classmethod": true, "abc.abstractmethod": true,
	"functools.wraps": true, "typing.override": true, "typing_extensions.override": true,
	"typing.final": true, "typing_extensions.final": true,
}

// decoratedValue returns what a call of def produces given its decorators,
// v being what the undecorated def would produce.
func decoratedValue(f *semantic.File, def syntax.NodeID, v asyncValue) asyncValue {
	for _, name := range f.Decorators(def) {
		switch {
		case transparentDecorators[name]:
		case name == "contextlib.asynccontextmanager":
			v.kind = asyncContext
		default:
			return asyncValue{}
		}
	}
	return v
}

// classValue describes an instance of a class of this file: an async
// context manager when it defines __aenter__ but not __enter__, an async
// iterable when it defines __aiter__ but not __iter__. A base defined
// elsewhere could add the sync method, so then nothing is known.
func classValue(f *semantic.File, class syntax.NodeID, name string) asyncValue {
	var kind asyncKind
	for _, pair := range []struct {
		async, sync string
		kind        asyncKind
	}{{"__aenter__", "__enter__", asyncContext}, {"__aiter__", "__iter__", asyncIterable}} {
		hasAsync, unknownA := f.HasMethod(class, pair.async)
		hasSync, unknownS := f.HasMethod(class, pair.sync)
		if hasAsync && !hasSync && !unknownA && !unknownS {
			kind |= pair.kind
		}
	}
	return asyncValue{kind: kind, name: name, certain: true}
}
