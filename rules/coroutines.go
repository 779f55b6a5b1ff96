package rules

import (
	"slices"
	"strings"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/config"
	"github.com/asynclint/asynclint/analysis/fix"
	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/analysis/syntax"
)

// The AL3xx rules report async values that are not consumed the async way:
// coroutines dropped, kept and forgotten, tested for truth or read as if
// they were their result, and async context managers and iterables used
// with a plain with or for. asyncValueOf says what a call produces;
// asyncLocals follows that value into the locals it is assigned to.

var (
	withClause = syntax.NamedKind("with_clause")
	ifClause   = syntax.NamedKind("if_clause")
)

const coroutineWhat = " A coroutine is a call of an `async def` of the file (found through `self`, " +
	"`cls`, base classes and instances of its classes), of a known async API (asyncio, trio, anyio, " +
	"aiohttp, httpx.AsyncClient, aiofiles, asyncpg, redis.asyncio, motor, ...), or of a method of a " +
	"local whose constructor is known (`q = asyncio.Queue(); q.get()`)."

const coroutineWhy = "Calling an `async def` function does not run it: it creates a coroutine object, " +
	"which does nothing until it is awaited or scheduled as a task."

var unawaitedCoroutine = newRule(&analysis.Rule{
	Code:    "AL301",
	Name:    "unawaited-coroutine",
	Summary: "a coroutine call used as a statement, never awaited",
	Default: true,
	FixKind: analysis.FixSometimes,
	SameAs:  []string{"reportUnusedCoroutine", "unused-coroutine", "ASYNC105"},
	Run:     reportUnawaited,
})

var coroutineNeverAwaited = newRule(&analysis.Rule{
	Code:    "AL302",
	Name:    "coroutine-never-awaited",
	Summary: "a coroutine assigned to a local that is never awaited, returned or passed on",
	Default: true,
	Run:     reportNeverAwaited,
})

var coroutineInCondition = newRule(&analysis.Rule{
	Code:    "AL303",
	Name:    "coroutine-in-condition",
	Summary: "a coroutine used as a truth value, which is always true",
	Default: true,
	FixKind: analysis.FixUnsafe,
	Run:     reportInCondition,
})

var missingAsyncWith = newRule(&analysis.Rule{
	Code:    "AL304",
	Name:    "missing-async-with",
	Summary: "a plain `with` on an async context manager",
	Default: true,
	FixKind: analysis.FixSafe,
	SameAs:  []string{"E1145"},
	Run:     reportMissingAsyncWith,
})

var missingAsyncFor = newRule(&analysis.Rule{
	Code:    "AL305",
	Name:    "missing-async-for",
	Summary: "a plain `for` over an async generator or async iterator",
	Default: true,
	FixKind: analysis.FixSometimes,
	Run:     reportMissingAsyncFor,
})

var coroutineAttribute = newRule(&analysis.Rule{
	Code:    "AL306",
	Name:    "coroutine-attribute",
	Summary: "an attribute or item read from a coroutine instead of its result",
	Default: true,
	FixKind: analysis.FixUnsafe,
	Run:     reportCoroutineAttribute,
})

func reportUnawaited(p *analysis.Pass) {
	f := p.File
	t := f.Tree
	for stmt := range t.OfKind(syntax.ExpressionStatement) {
		call := t.Unwrap(onlyNamedChild(t, stmt))
		if call == syntax.NoNode || t.Kind(call) != syntax.Call {
			continue
		}
		v := asyncValueOf(p, call)
		if v.kind&awaitable == 0 {
			continue
		}
		text := callText(t, call)
		if fix := awaitFix(p, call, certainty(v.certain)); fix != nil {
			p.Reportf(call, fix, "`%s` creates a coroutine that is discarded without running; write `await %s`",
				text, text)
			continue
		}
		p.Reportf(call, nil, "`%s` creates a coroutine that is discarded without running (Python warns "+
			"\"coroutine ... was never awaited\" at best); await it in an `async def`, or run it with `%s.run`",
			text, asyncLibrary(f))
	}
}

func reportNeverAwaited(p *analysis.Pass) {
	f := p.File
	t := f.Tree
	locals := asyncLocalsOf(p)
	for b := range f.Bindings {
		l := locals[semantic.BindingID(b)]
		if l == nil || l.value.kind&awaitable == 0 || l.escapes(t) {
			continue
		}
		name, call := f.Bindings[b].Name, callText(t, t.Unwrap(f.Bindings[b].Value))
		if name == "_" {
			p.Reportf(l.assign, nil, "`_ = %s` discards the coroutine without running it; write `await %s`", call, call)
			continue
		}
		p.Reportf(l.assign, nil, "`%s` holds the coroutine `%s` but is never awaited, returned or passed on: "+
			"the coroutine never runs; `await` it, or schedule it with `%s.create_task`", name, call, asyncLibrary(f))
	}
}

func reportInCondition(p *analysis.Pass) {
	f := p.File
	t := f.Tree
	locals := asyncLocalsOf(p)
	for _, id := range truthTestedValues(t) {
		v := locals.valueOf(p, id)
		if v.kind&awaitable == 0 {
			continue
		}
		advice := "test `await " + callText(t, id) + "` instead"
		if t.Kind(id) == syntax.Identifier {
			advice = "test the result of awaiting it instead"
		}
		p.Reportf(id, locals.awaitFix(p, id), "`%s` is a coroutine object, which is always true: the test "+
			"never sees its result and the coroutine never runs; %s", callText(t, id), advice)
	}
}

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

func reportMissingAsyncFor(p *analysis.Pass) {
	f := p.File
	t := f.Tree
	locals := asyncLocalsOf(p)
	for loop := range t.OfKind(syntax.ForStatement, syntax.ForInClause) {
		if t.HasToken(loop, syntax.AsyncKeyword) {
			continue
		}
		iter := t.ChildByField(loop, syntax.FieldRight)
		v := locals.valueOf(p, iter)
		if v.kind&asyncIterable == 0 {
			continue
		}
		fix := asyncKeywordFix(p, loop, syntax.ForKeyword, v.certain)
		advice := "use `async for`"
		if fix == nil {
			advice += asyncForWhere(p, loop)
		}
		p.Reportf(iter, fix, "`%s` is an async iterable: a plain `for` fails at run time with TypeError "+
			"because it has no `__iter__`; %s", callText(t, t.Unwrap(iter)), advice)
	}
}

func reportCoroutineAttribute(p *analysis.Pass) {
	f := p.File
	t := f.Tree
	locals := asyncLocalsOf(p)
	for id := range t.OfKind(syntax.Attribute, syntax.Subscript) {
		obj := readFrom(t, id)
		if obj == syntax.NoNode {
			continue
		}
		if k := t.Kind(obj); k != syntax.Call && k != syntax.Identifier {
			continue
		}
		v := locals.valueOf(p, obj)
		if v.kind&awaitable == 0 {
			continue
		}
		text := callText(t, obj)
		if t.Kind(id) == syntax.Subscript {
			p.Reportf(id, locals.awaitFix(p, obj), "`%s[...]` subscripts the coroutine object, not its result: "+
				"TypeError at run time, and the coroutine never runs; write `(await %s)[...]`", text, text)
			continue
		}
		attr := t.Text(t.ChildByField(id, syntax.FieldAttr))
		p.Reportf(id, locals.awaitFix(p, obj), "`%s.%s` reads `%s` from the coroutine object, not from its result: "+
			"AttributeError at run time, and the coroutine never runs; write `(await %s).%s`", text, attr, attr, text, attr)
	}
}

// asyncForWhere explains why a plain for cannot simply become async for.
func asyncForWhere(p *analysis.Pass, loop syntax.NodeID) string {
	f := p.File
	if f.Scopes[f.ScopeOf(loop)].Kind == semantic.GeneratorScope {
		return ", which makes the generator expression asynchronous"
	}
	latest := *p.Settings
	latest.TargetVersion = config.Version{Major: 3, Minor: 99}
	if fix.CanAwait(f, loop, &latest) {
		return " (in a nested comprehension, from Python 3.11: see target-version)"
	}
	return " in an `async def`"
}

// readFrom returns the object whose attribute or item id reads, without
// parentheses, or NoNode when id is neither or reads an attribute every
// coroutine has.
func readFrom(t *syntax.Tree, id syntax.NodeID) syntax.NodeID {
	switch t.Kind(id) {
	case syntax.Attribute:
		if coroutineAttr(t.TextView(t.ChildByField(id, syntax.FieldAttr))) {
			return syntax.NoNode
		}
		return t.Unwrap(t.ChildByField(id, syntax.FieldObject))
	case syntax.Subscript:
		return t.Unwrap(t.ChildByField(id, syntax.FieldValue))
	}
	return syntax.NoNode
}

// coroutineAttr reports whether name is an attribute of coroutine objects
// themselves, used by code that drives or closes one on purpose.
func coroutineAttr(name string) bool {
	switch name {
	case "close", "send", "throw":
		return true
	}
	return strings.HasPrefix(name, "cr_") || strings.HasPrefix(name, "__") && strings.HasSuffix(name, "__")
}

// asyncLocal is a local variable of a function assigned an async value by
// a plain assignment: c = fetch().
type asyncLocal struct {
	assign syntax.NodeID // the assignment
	value  asyncValue
	uses   []syntax.NodeID // the identifiers that read it
}

// escapes reports whether a use of the local may await the coroutine or
// hand it to other code.
func (l *asyncLocal) escapes(t *syntax.Tree) bool {
	return slices.ContainsFunc(l.uses, func(use syntax.NodeID) bool { return passesOn(t, use) })
}

// asyncLocals are the async locals of a file, by binding.
type asyncLocals map[semantic.BindingID]*asyncLocal

type asyncLocalsKey struct{}

func asyncLocalsOf(p *analysis.Pass) asyncLocals {
	return p.Memo(asyncLocalsKey{}, func() any { return findAsyncLocals(p) }).(asyncLocals)
}

// findAsyncLocals finds the async locals of a file and the identifiers
// that may read each. Bindings are flow-insensitive, so a read of a name
// that is also bound to something else counts as a read of every binding:
// a use is never missed.
func findAsyncLocals(p *analysis.Pass) asyncLocals {
	f := p.File
	ls := asyncLocals{}
	for i := range f.Bindings {
		id, b := semantic.BindingID(i), &f.Bindings[i]
		assign := plainAssignment(f, b)
		if assign == syntax.NoNode || !slices.Contains(f.Lookup(b.Node), id) { // global or nonlocal
			continue
		}
		if v := asyncValueOf(p, b.Value); v.kind != 0 {
			ls[id] = &asyncLocal{assign: assign, value: v}
		}
	}
	for b, l := range ls {
		for id := range f.Uses(b) {
			if isRead(f, id) {
				l.uses = append(l.uses, id)
			}
		}
	}
	return ls
}

// plainAssignment returns the assignment that binds b when it is a local
// of a function assigned a call by a single target (c = f(), c: T = f()),
// or NoNode.
func plainAssignment(f *semantic.File, b *semantic.Binding) syntax.NodeID {
	t := f.Tree
	if b.Kind != semantic.AssignmentBinding || b.Value == syntax.NoNode || f.Scopes[b.Scope].Kind != semantic.FunctionScope {
		return syntax.NoNode
	}
	assign := t.Parent(b.Node)
	if t.Kind(assign) != syntax.Assignment || t.Nodes[b.Node].Field != syntax.FieldLeft ||
		t.Parent(b.Value) != assign || t.Kind(t.Parent(assign)) == syntax.Assignment ||
		t.Kind(t.Unwrap(b.Value)) != syntax.Call {
		return syntax.NoNode
	}
	return assign
}

// isRead reports whether identifier id reads a variable: it is not an
// attribute or keyword name, nor the target of a plain assignment or del.
func isRead(f *semantic.File, id syntax.NodeID) bool {
	t := f.Tree
	n := &t.Nodes[id]
	switch pk := t.Kind(n.Parent); {
	case !f.IsVariable(id):
		return false
	case pk == syntax.Assignment, pk == syntax.NamedExpression:
		return n.Field != syntax.FieldName && n.Field != syntax.FieldLeft
	case pk == syntax.DeleteStatement:
		return false
	case pk == syntax.ExpressionList:
		return t.Kind(t.Parent(n.Parent)) != syntax.DeleteStatement
	}
	return true
}

// valueOf is coroutineValueOf, extended to the async locals: a name all of
// whose bindings are async locals has the kinds they share.
func (ls asyncLocals) valueOf(p *analysis.Pass, expr syntax.NodeID) asyncValue {
	f := p.File
	t := f.Tree
	expr = t.Unwrap(expr)
	if expr == syntax.NoNode {
		return asyncValue{}
	}
	if v := asyncValueOf(p, expr); v.kind != 0 || t.Kind(expr) != syntax.Identifier {
		return v
	}
	bindings := f.Lookup(expr)
	if len(bindings) == 0 {
		return asyncValue{}
	}
	v := asyncValue{kind: ^asyncKind(0), certain: true}
	for _, b := range bindings {
		l := ls[b]
		if l == nil {
			return asyncValue{}
		}
		v.kind &= l.value.kind
		v.certain = v.certain && l.value.certain
	}
	v.name = t.Text(expr)
	return v
}

// awaitFix inserts await before expr, a coroutine call or a name that
// holds one, when an await can go there. For a name it must be the only
// read of the coroutine, outside any loop the assignment is not in:
// awaiting a coroutine twice raises RuntimeError.
func (ls asyncLocals) awaitFix(p *analysis.Pass, expr syntax.NodeID) *analysis.Fix {
	f := p.File
	t := f.Tree
	if t.Kind(expr) == syntax.Identifier {
		for _, b := range f.Lookup(expr) {
			l := ls[b]
			if l == nil || len(l.uses) != 1 || f.ScopeOf(expr) != f.Bindings[b].Scope || inLoopWithout(t, expr, l.assign) {
				return nil
			}
		}
	}
	return awaitFix(p, expr, analysis.Unsafe)
}

// inLoopWithout reports whether id is in a for or while loop (condition
// included) that does not also contain other.
func inLoopWithout(t *syntax.Tree, id, other syntax.NodeID) bool {
	for a := range t.Ancestors(id) {
		if k := t.Kind(a); (k == syntax.ForStatement || k == syntax.WhileStatement) && !t.Contains(a, other) {
			return true
		}
	}
	return false
}

// awaitFix inserts await before expr, parenthesised where needed, when it
// runs in a coroutine.
func awaitFix(p *analysis.Pass, expr syntax.NodeID, applicability analysis.Applicability) *analysis.Fix {
	if !fix.CanAwait(p.File, expr, p.Settings) {
		return nil
	}
	t := p.Tree()
	return &analysis.Fix{
		Message:       "Insert `await`",
		Applicability: applicability,
		Edits:         fix.AwaitCall(t, expr, int(t.Nodes[expr].Start), "await ", ""),
	}
}

// asyncKeywordFix makes a with statement, for statement or comprehension
// clause asynchronous by writing async before its keyword, when it runs in
// a coroutine.
func asyncKeywordFix(p *analysis.Pass, id syntax.NodeID, keyword syntax.Kind, certain bool) *analysis.Fix {
	t := p.Tree()
	kw := t.ChildOfKind(id, keyword)
	if kw == syntax.NoNode || !fix.CanAwait(p.File, id, p.Settings) {
		return nil
	}
	at := int(t.Nodes[kw].Start)
	return &analysis.Fix{
		Message:       "Use `async " + t.Text(kw) + "`",
		Applicability: certainty(certain),
		Edits:         []analysis.TextEdit{{Start: at, End: at, NewText: "async "}},
	}
}

// certainty is the applicability of a fix that relies on a value being
// async: unsafe when a subclass may override the method that produces it.
func certainty(certain bool) analysis.Applicability {
	if certain {
		return analysis.Safe
	}
	return analysis.Unsafe
}

// truthTestedValues returns, in source order, the calls and names whose
// value is tested for truth (see truthTested).
func truthTestedValues(t *syntax.Tree) []syntax.NodeID {
	var found []syntax.NodeID
	var visit func(syntax.NodeID)
	visit = func(id syntax.NodeID) {
		switch t.Kind(id) {
		case syntax.ParenthesizedExpression:
			for c := range t.NamedChildren(id) {
				visit(c)
			}
		case syntax.Call, syntax.Identifier:
			if truthTested(t, id) {
				found = append(found, id)
			}
		}
	}
	// The outermost parentheses around such a value are an operand of one
	// of these, which are far fewer than the calls and names.
	for test := range t.OfKind(syntax.IfStatement, syntax.ElifClause, syntax.WhileStatement, syntax.NotOperator,
		ifClause, syntax.AssertStatement, syntax.ConditionalExpression, syntax.BooleanOperator) {
		for operand := range t.NamedChildren(test) {
			visit(operand)
		}
	}
	slices.Sort(found)
	return found
}

// truthTested reports whether the value of expression id is tested for
// truth, including as the left operand of and/or, whose value may then
// flow on as the result.
func truthTested(t *syntax.Tree, id syntax.NodeID) bool {
	id = outerParens(t, id)
	n := &t.Nodes[id]
	if t.Kind(n.Parent) == syntax.BooleanOperator && n.Field == syntax.FieldLeft {
		return true
	}
	return onlyTested(t, id)
}

// onlyTested reports whether the value of expression id is used only as a
// truth value: a condition, the operand of not, or an operand of an
// and/or that is itself only tested.
func onlyTested(t *syntax.Tree, id syntax.NodeID) bool {
	id = outerParens(t, id)
	n := &t.Nodes[id]
	switch t.Kind(n.Parent) {
	case syntax.IfStatement, syntax.ElifClause, syntax.WhileStatement:
		return n.Field == syntax.FieldCondition
	case syntax.NotOperator, ifClause:
		return true
	case syntax.AssertStatement:
		return namedChild(t, n.Parent, 0) == id
	case syntax.ConditionalExpression:
		return namedChild(t, n.Parent, 1) == id // body if condition else alternative
	case syntax.BooleanOperator:
		return onlyTested(t, n.Parent)
	}
	return false
}

// passesOn reports whether a read of a coroutine local may await it or
// hand it to other code: anything but a truth test (AL303), or reading an
// attribute or item that coroutines lack (AL306).
func passesOn(t *syntax.Tree, use syntax.NodeID) bool {
	outer := outerParens(t, use)
	return !onlyTested(t, outer) && readFrom(t, t.Parent(outer)) != use
}

// outerParens returns the outermost parenthesized expression around id, or
// id itself.
func outerParens(t *syntax.Tree, id syntax.NodeID) syntax.NodeID {
	for p := t.Parent(id); p != syntax.NoNode && t.Kind(p) == syntax.ParenthesizedExpression; p = t.Parent(p) {
		id = p
	}
	return id
}

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
		value := t.ChildByField(item, syntax.FieldValue)
		if value != syntax.NoNode && t.Kind(value) == syntax.AsPattern {
			value = t.FirstChild(value)
		}
		if value != syntax.NoNode {
			values = append(values, value)
		}
	}
	return values
}

// callText returns a call as a message shows it, "fetch()" or "fetch(...)",
// or the short text of any other expression.
func callText(t *syntax.Tree, id syntax.NodeID) string {
	if t.Kind(id) != syntax.Call {
		return shortText(t, id)
	}
	args := t.ChildByField(id, syntax.FieldArguments)
	if args != syntax.NoNode && namedChild(t, args, 0) == syntax.NoNode {
		return shortText(t, t.ChildByField(id, syntax.FieldFunction)) + "()"
	}
	return shortText(t, t.ChildByField(id, syntax.FieldFunction)) + "(...)"
}

// namedChild returns the i-th named child of id, or NoNode.
func namedChild(t *syntax.Tree, id syntax.NodeID, i int) syntax.NodeID {
	for c := range t.NamedChildren(id) {
		if i == 0 {
			return c
		}
		i--
	}
	return syntax.NoNode
}

// onlyNamedChild returns the single named child of id, or NoNode when it
// has none or several.
func onlyNamedChild(t *syntax.Tree, id syntax.NodeID) syntax.NodeID {
	if namedChild(t, id, 1) != syntax.NoNode {
		return syntax.NoNode
	}
	return namedChild(t, id, 0)
}
