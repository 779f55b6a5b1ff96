package rules

import (
	"fmt"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/analysis/syntax"
)

var awaitOutsideAsync = newRule(&analysis.Rule{
	Code:     "AL101",
	Severity: analysis.Error,
	Name:     "await-outside-async",
	Summary:  "`await`, `async for`, `async with` or an async comprehension outside an `async def`",
	Default:  true,
	SameAs:   []string{"PLE1142", "F704"},
	Run:      func(p *analysis.Pass) { compilerChecks(p).awaits(p, false) },
	// Before Python 3.11, whether an async comprehension at module level
	// is rejected depends on an await at the top level anywhere.
	Whole: func(p *analysis.Pass) { moduleCompilerCheck(p).awaits(p, true) },
})

// awaits reports the awaits, async for and async with statements and async
// comprehensions of the scopes where CPython rejects them: with
// atModule, only the comprehensions evaluated at module level, else the
// others.
func (c *compilerCheck) awaits(p *analysis.Pass, atModule bool) {
	f := c.file
	t := f.Tree
	// OfKind yields the nodes in source order, whatever the order of kinds.
	kinds := []syntax.Kind{syntax.Type, syntax.ListComprehension, syntax.SetComprehension, syntax.DictionaryComprehension}
	if !atModule {
		kinds = append(kinds, syntax.Await, syntax.ForStatement, syntax.WithStatement)
	}
	skip := syntax.NodeID(0) // the nodes before skip are in an annotation that is not compiled
	for id := range t.OfKind(kinds...) {
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
			start, end := t.TokenRange(id, syntax.AwaitKeyword)
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
			start, end := t.TokenRange(id, token)
			p.Report(analysis.Diagnostic{Start: start, End: end,
				Message: fmt.Sprintf("`%s` %s: Python rejects the module with SyntaxError", kw, c.where(s))})
		case syntax.ListComprehension, syntax.SetComprehension, syntax.DictionaryComprehension:
			if (s == 0) != atModule {
				continue
			}
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

// allowedAtModule reports whether top-level await applies in scope s.
func (c *compilerCheck) allowedAtModule(s semantic.ScopeID) bool {
	return c.topLevel && c.file.Scopes[s].Kind == semantic.ModuleScope
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
