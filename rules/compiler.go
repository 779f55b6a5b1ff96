package rules

import (
	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/analysis/syntax"
)

// The AL1xx rules report what CPython's compiler rejects. They follow its
// symbol table: a scope is a "coroutine" when it is an async def, contains
// an await or an async for clause, or (from 3.11) contains an async
// comprehension; the compiler then checks each await, async statement and
// comprehension against the scope it is compiled in.

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

type compilerCheckKey struct{ moduleOnly bool }

// compilerChecks returns the compilerCheck of the pass's file, shared by
// the three rules.
func compilerChecks(p *analysis.Pass) *compilerCheck {
	return p.Memo(compilerCheckKey{}, func() any { return newCompilerCheck(p, false) }).(*compilerCheck)
}

// moduleCompilerCheck returns a compilerCheck of the pass's file that
// knows only the scopes its module's top level runs in: the module, its
// classes' bodies and their comprehensions (see AL101's Whole).
func moduleCompilerCheck(p *analysis.Pass) *compilerCheck {
	return p.Memo(compilerCheckKey{moduleOnly: true}, func() any { return newCompilerCheck(p, true) }).(*compilerCheck)
}

func newCompilerCheck(p *analysis.Pass, moduleOnly bool) *compilerCheck {
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
	// An await at the top level anywhere makes the module a coroutine
	// (from 3.11, one in a comprehension there too); of a file checked in
	// part, the functions outside the statements checked are not asked
	// about.
	focus, t := f.Tree, f.Tree.Whole()
	for id := range t.OfKind(syntax.Await, syntax.ForInClause) {
		if (!moduleOnly && focus.Sees(id) || f.ExecutingFunction(id) == semantic.NoScope) && (t.Kind(id) == syntax.Await || t.HasToken(id, syntax.AsyncKeyword)) {
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

func (c *compilerCheck) isAsyncDef(s semantic.ScopeID) bool {
	sc := &c.file.Scopes[s]
	return sc.Kind == semantic.FunctionScope && sc.Async
}
