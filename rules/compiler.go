package rules

import (
	"fmt"
	"strings"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/fix"
	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/analysis/syntax"
)

// The AL1xx rules report what CPython's compiler rejects. They follow its
// symbol table: a scope is a "coroutine" when it is an async def, contains
// an await or an async for clause, or (from 3.11) contains an async
// comprehension; the compiler then checks each await, async statement and
// comprehension against the scope it is compiled in.

var awaitOutsideAsync = newRule(&analysis.Rule{
	Code:     "AL101",
	Severity: analysis.Error,
	Name:     "await-outside-async",
	Summary:  "`await`, `async for`, `async with` or an async comprehension outside an `async def`",
	Default:  true,
	SameAs:   []string{"PLE1142", "F704"},
	Run:      func(p *analysis.Pass) { compilerChecks(p).awaits(p) },
})

var yieldFromInAsync = newRule(&analysis.Rule{
	Code:     "AL102",
	Severity: analysis.Error,
	Name:     "yield-from-in-async",
	Summary:  "`yield from` inside an `async def`",
	Default:  true,
	FixKind:  analysis.FixUnsafe,
	SameAs:   []string{"PLE1700"},
	Run:      func(p *analysis.Pass) { compilerChecks(p).yieldFroms(p) },
})

var returnInAsyncGenerator = newRule(&analysis.Rule{
	Code:     "AL103",
	Severity: analysis.Error,
	Name:     "return-value-in-async-generator",
	Summary:  "`return <value>` in an async generator",
	Default:  true,
	SameAs:   []string{"B901"},
	Run:      func(p *analysis.Pass) { compilerChecks(p).returns(p) },
})

// compilerCheck holds CPython's view of each scope.
type compilerCheck struct {
	file *semantic.File
	// coroutine is CPython's ste_coroutine flag of each scope.
	coroutine []bool
	pre311    bool
	topLevel  bool
	// lazyAnnotations is set when "from __future__ import annotations"
	// keeps CPython (before 3.10) from compiling any annotation.
	lazyAnnotations bool
}

type compilerCheckKey struct{}

// compilerChecks returns the compilerCheck of the pass's file, shared by
// the three rules.
func compilerChecks(p *analysis.Pass) *compilerCheck {
	return p.Memo(compilerCheckKey{}, func() any { return newCompilerCheck(p) }).(*compilerCheck)
}

func newCompilerCheck(p *analysis.Pass) *compilerCheck {
	f := p.File
	c := &compilerCheck{
		file:            f,
		coroutine:       make([]bool, len(f.Scopes)),
		pre311:          !p.Settings.TargetVersion.AtLeast(3, 11),
		topLevel:        p.Settings.TopLevelAwait,
		lazyAnnotations: !p.Settings.TargetVersion.AtLeast(3, 10) && f.FutureImports("annotations"),
	}
	for s := range f.Scopes {
		c.coroutine[s] = f.Scopes[s].Async
	}
	t := f.Tree
	for id := range t.OfKind(syntax.Await, syntax.ForInClause) {
		if t.Kind(id) == syntax.Await || t.HasToken(id, syntax.AsyncKeyword) {
			c.coroutine[f.ScopeOf(id)] = true
		}
	}
	if !c.pre311 {
		// From 3.11 an async comprehension makes the scope around it a
		// coroutine too. Inner scopes have higher IDs: visit them first.
		for s := len(f.Scopes) - 1; s > 0; s-- {
			if f.Scopes[s].Kind == semantic.ComprehensionScope && c.coroutine[s] {
				c.coroutine[f.Scopes[s].Parent] = true
			}
		}
	}
	return c
}

// allowedAtModule reports whether top-level await applies in scope s.
func (c *compilerCheck) allowedAtModule(s semantic.ScopeID) bool {
	return c.topLevel && c.file.Scopes[s].Kind == semantic.ModuleScope
}

func (c *compilerCheck) isAsyncDef(s semantic.ScopeID) bool {
	sc := &c.file.Scopes[s]
	return sc.Kind == semantic.FunctionScope && sc.Async
}

// where describes a scope for messages.
func (c *compilerCheck) where(s semantic.ScopeID) string {
	f := c.file
	sc := &f.Scopes[s]
	switch sc.Kind {
	case semantic.ModuleScope:
		return "at module level"
	case semantic.ClassScope:
		return "in a class body"
	case semantic.LambdaScope:
		return "in a lambda"
	case semantic.FunctionScope:
		if name := f.Tree.ChildByField(sc.Node, syntax.FieldName); name != syntax.NoNode {
			return fmt.Sprintf("in the plain function `%s`", f.Tree.Text(name))
		}
	}
	return "outside an async function"
}

// compiled reports whether CPython compiles the annotation id: not the
// annotation of a variable inside a function, which is never evaluated,
// nor any annotation under lazyAnnotations.
func (c *compilerCheck) compiled(id syntax.NodeID) bool {
	t := c.file.Tree
	n := &t.Nodes[id]
	if c.lazyAnnotations && (n.Field == syntax.FieldType || n.Field == syntax.FieldReturnType) {
		return false
	}
	return !(t.Kind(n.Parent) == syntax.Assignment && n.Field == syntax.FieldType &&
		c.file.Scopes[c.file.ScopeOf(id)].Kind.IsFunction())
}

func (c *compilerCheck) awaits(p *analysis.Pass) {
	f := c.file
	t := f.Tree
	skip := syntax.NodeID(0) // the nodes before skip are in an annotation that is not compiled
	for id := range t.OfKind(syntax.Type, syntax.Await, syntax.ForStatement, syntax.WithStatement,
		syntax.ListComprehension, syntax.SetComprehension, syntax.DictionaryComprehension) {
		if id < skip {
			continue
		}
		s := f.ScopeOf(id)
		switch t.Kind(id) {
		case syntax.Type:
			if !c.compiled(id) {
				skip = t.Nodes[id].After
			}
		case syntax.Await:
			sc := f.Scopes[s]
			if c.allowedAtModule(s) || c.isAsyncDef(s) ||
				sc.Kind == semantic.ComprehensionScope || sc.Kind == semantic.GeneratorScope {
				continue // comprehensions are checked as a whole below
			}
			start, end := tokenRange(t, id, syntax.AwaitKeyword)
			p.Report(analysis.Diagnostic{Start: start, End: end,
				Message: fmt.Sprintf("`await` %s: Python rejects the module with SyntaxError", c.where(s))})
		case syntax.ForStatement, syntax.WithStatement:
			if !t.HasToken(id, syntax.AsyncKeyword) || c.allowedAtModule(s) || c.isAsyncDef(s) {
				continue
			}
			kw, token := "async for", syntax.ForKeyword
			if t.Kind(id) == syntax.WithStatement {
				kw, token = "async with", syntax.WithKeyword
			}
			start, end := tokenRange(t, id, token)
			p.Report(analysis.Diagnostic{Start: start, End: end,
				Message: fmt.Sprintf("`%s` %s: Python rejects the module with SyntaxError", kw, c.where(s))})
		case syntax.ListComprehension, syntax.SetComprehension, syntax.DictionaryComprehension:
			if msg := c.comprehension(f.OwnedScope(id)); msg != "" {
				p.Reportf(id, nil, "%s", msg)
			}
		}
	}
}

// comprehension checks an asynchronous list, set or dict comprehension
// against the scope it is evaluated in, and returns the problem or "".
func (c *compilerCheck) comprehension(s semantic.ScopeID) string {
	if s == semantic.NoScope || !c.coroutine[s] {
		return ""
	}
	outer := c.file.Scopes[s].Parent
	if c.allowedAtModule(outer) {
		return ""
	}
	if c.pre311 {
		if c.coroutine[outer] {
			return ""
		}
		if k := c.file.Scopes[outer].Kind; k == semantic.ComprehensionScope || k == semantic.GeneratorScope {
			return "asynchronous comprehension inside a synchronous comprehension or generator expression: " +
				"a SyntaxError before Python 3.11 (see target-version)"
		}
	} else if c.isAsyncDef(outer) {
		return ""
	} else if k := c.file.Scopes[outer].Kind; k == semantic.ComprehensionScope || k == semantic.GeneratorScope {
		return ""
	}
	return fmt.Sprintf("asynchronous comprehension %s: Python rejects the module with SyntaxError", c.where(outer))
}

func (c *compilerCheck) yieldFroms(p *analysis.Pass) {
	f := c.file
	t := f.Tree
	for id := range t.OfKind(syntax.Yield) {
		if !t.HasToken(id, syntax.FromKeyword) || !c.isAsyncDef(f.ScopeOf(id)) {
			continue
		}
		start, end := tokenRange(t, id, syntax.FromKeyword)
		p.Report(analysis.Diagnostic{Start: start, End: end,
			Message: "`yield from` inside an `async def`: Python rejects the module with SyntaxError",
			Fix:     yieldFromFix(f, id)})
	}
}

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

// yieldFromFix rewrites `yield from x` to `await x` when x is a call of a
// coroutine function, and a `yield from` statement over a plain iterable to
// a loop that yields its items. Other operands get no fix: which one was
// meant cannot be told.
func yieldFromFix(f *semantic.File, id syntax.NodeID) *analysis.Fix {
	t := f.Tree
	var operand syntax.NodeID = syntax.NoNode
	for c := range t.NamedChildren(id) {
		operand = c
	}
	if operand == syntax.NoNode {
		return nil
	}
	n := &t.Nodes[id]
	if isCoroutineCall(f, operand) {
		return &analysis.Fix{
			Message:       "Replace `yield from` with `await`",
			Applicability: analysis.Unsafe,
			Edits:         []analysis.TextEdit{{Start: int(n.Start), End: int(t.Nodes[operand].Start), NewText: "await "}},
		}
	}
	stmt := n.Parent
	if t.Kind(stmt) != syntax.ExpressionStatement || !isPlainIterable(f, operand) {
		return nil
	}
	indent, ok := fix.StatementIndent(t, stmt)
	if !ok {
		return nil
	}
	item := fix.FreshName(f, f.Scopes[f.ScopeOf(id)].Node, "item")
	return &analysis.Fix{
		Message:       "Replace `yield from` with a loop that yields each item",
		Applicability: analysis.Unsafe,
		Edits: []analysis.TextEdit{{Start: int(n.Start), End: int(n.End),
			NewText: fmt.Sprintf("for %s in %s:\n%s    yield %s", item, t.Text(operand), indent, item)}},
	}
}

// isCoroutineCall reports whether id calls an async def of this file or an
// asyncio function, whose results are awaitable.
func isCoroutineCall(f *semantic.File, id syntax.NodeID) bool {
	t := f.Tree
	if t.Kind(id) != syntax.Call {
		return false
	}
	callee := t.ChildByField(id, syntax.FieldFunction)
	if q := f.QualifiedName(callee); strings.HasPrefix(q, "asyncio.") {
		return true
	}
	if t.Kind(callee) != syntax.Identifier {
		return false
	}
	bindings := f.Lookup(callee)
	for _, b := range bindings {
		def := f.Bindings[b].Definition
		if f.Bindings[b].Kind != semantic.FunctionBinding || !f.Scopes[f.OwnedScope(def)].Async {
			return false
		}
	}
	return len(bindings) > 0
}

// isPlainIterable reports whether id is a literal collection, a
// comprehension or a call of a builtin that returns an iterator.
func isPlainIterable(f *semantic.File, id syntax.NodeID) bool {
	t := f.Tree
	switch t.Kind(id) {
	case syntax.List, syntax.Tuple, syntax.Set, syntax.ListComprehension,
		syntax.SetComprehension, syntax.GeneratorExpression:
		return true
	case syntax.Call:
		switch f.QualifiedName(t.ChildByField(id, syntax.FieldFunction)) {
		case "builtins.range", "builtins.zip", "builtins.enumerate", "builtins.map",
			"builtins.filter", "builtins.reversed", "builtins.sorted", "builtins.iter":
			return true
		}
	}
	return false
}
