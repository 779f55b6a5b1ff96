package rules

import (
	"strings"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/config"
	"github.com/asynclint/asynclint/analysis/project"
	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/analysis/syntax"
)

// Summarizer computes what the rest of the project needs to know about a
// file: its imports, functions and classes, and for each synchronous
// function the blocking calls and project calls on its own frame.
var Summarizer = &analysis.Summarizer{Module: summarizeModule, Statements: summarizeStatements}

// Summarize returns the summary of the whole of f. The caller fills in
// Module, Path and Package.
func Summarize(f *semantic.File, settings *config.Settings) *project.Summary {
	return Summarizer.Summarize(f, settings, nil)
}

// summarizeModule returns what belongs to f's module as a whole.
func summarizeModule(f *semantic.File) *project.Summary {
	return &project.Summary{Imports: f.ModuleImports(), StarImports: f.StarImports(), All: dunderAll(f)}
}

// summarizeStatements returns the parts of the top-level statements stmts
// of f.
func summarizeStatements(f *semantic.File, settings *config.Settings, stmts []syntax.NodeID) []*project.Part {
	t := f.Tree
	parts := make([]*project.Part, len(stmts))
	methods := methodsByClass(f)
	for i, stmt := range stmts {
		parts[i] = summarizeStatement(f, t.Within([][2]syntax.NodeID{{stmt, t.Nodes[stmt].After}}), settings, methods)
	}
	return parts
}

// summarizeStatement returns the part of the statement that t, f's tree,
// is seen within.
func summarizeStatement(f *semantic.File, t *syntax.Tree, settings *config.Settings, methods map[semantic.ScopeID][]string) *project.Part {
	p := &project.Part{}
	functions := map[semantic.ScopeID]*project.Function{} // by the scope each def owns
	targets := map[project.Target]bool{}
	// In source order: a def comes before the calls in its body.
	for id := range t.OfKind(syntax.FunctionDefinition, syntax.ClassDefinition, syntax.Call) {
		switch t.Kind(id) {
		case syntax.FunctionDefinition:
			if !addressable(f, id) {
				continue
			}
			fn := &project.Function{Name: f.DefinitionName(id), Async: f.IsAsyncDef(id), AsyncGen: f.IsAsyncGenerator(id),
				Wrapped:   decoratedValue(f, id, asyncValue{kind: awaitable}).kind != awaitable,
				Loc:       location(t, t.ChildByField(id, syntax.FieldName)),
				Generator: !f.IsAsyncDef(id) && f.Scopes[f.OwnedScope(id)].Yields,
				Params:    functionParams(t, id)}
			fn.NoCleanup = fn.Generator && cleanupFree(f, id)
			p.Functions = append(p.Functions, fn)
			functions[f.OwnedScope(id)] = fn
		case syntax.ClassDefinition:
			if f.ScopeOf(id) == 0 {
				p.Classes = append(p.Classes, project.NamedClass{Name: f.DefinitionName(id), Class: summarizeClass(f, id, methods[f.OwnedScope(id)])})
			}
		case syntax.Call:
			callee := t.ChildByField(id, syntax.FieldFunction)
			target := f.CallTarget(callee)
			if target.Name != "" && !targets[target] {
				targets[target] = true
				p.Targets = append(p.Targets, target)
			}
			var fn *project.Function
			if caller := f.ExecutingFunction(id); caller != semantic.NoScope {
				fn = functions[caller]
			}
			if fn == nil || fn.Async {
				continue
			}
			if api := blockingAPIOf(f, nil, id, &settings.Blocking); api != nil && api.inChains() {
				fn.Blocking = append(fn.Blocking, project.BlockingCall{API: displayName(api.name), Loc: location(t, id),
					Reach: reachOf(f, id)})
			} else if target.Name != "" {
				fn.Calls = append(fn.Calls, project.Call{Target: target, Loc: location(t, id),
					Args: argumentsOf(f, id), Reach: reachOf(f, id)})
			}
		}
	}
	return p
}

// addressable reports whether a def can be called from another module:
// it is at module level or a method of a module-level class.
func addressable(f *semantic.File, def syntax.NodeID) bool {
	s := f.ScopeOf(def)
	return s == 0 || f.Scopes[s].Kind == semantic.ClassScope && f.Scopes[s].Parent == 0
}

// summarizeClass returns the summary of a module-level class: its bases,
// and its methods as methodsByClass found them.
func summarizeClass(f *semantic.File, class syntax.NodeID, methods []string) *project.Class {
	t := f.Tree
	c := &project.Class{Methods: methods}
	if args := t.ChildByField(class, syntax.FieldSuperclasses); args != syntax.NoNode {
		for base := range t.NamedChildren(args) {
			if k := t.Kind(base); k == syntax.KeywordArgument || k == syntax.ListSplat || k == syntax.DictionarySplat {
				continue
			}
			if def := f.ClassDefinition(base); def != syntax.NoNode {
				c.Bases = append(c.Bases, project.Target{Local: true, Name: f.DefinitionName(def)})
			} else if q := f.QualifiedName(base); q != "" {
				c.Bases = append(c.Bases, project.Target{Name: q})
			}
		}
	}
	return c
}

// methodsByClass returns the names of the methods of the module-level
// classes of f, by the scope of each class, in one pass over the bindings
// rather than one per class.
func methodsByClass(f *semantic.File) map[semantic.ScopeID][]string {
	methods := map[semantic.ScopeID][]string{}
	for i := range f.Bindings {
		b := &f.Bindings[i]
		if b.Kind == semantic.FunctionBinding && f.Scopes[b.Scope].Kind == semantic.ClassScope && f.Scopes[b.Scope].Parent == 0 {
			methods[b.Scope] = append(methods[b.Scope], strings.Clone(b.Name)) // the summary outlives the source
		}
	}
	return methods
}

// dunderAll returns the strings of a literal module-level __all__.
func dunderAll(f *semantic.File) []string {
	t := f.Tree
	for c := range t.NamedChildren(0) {
		if t.Kind(c) != syntax.ExpressionStatement {
			continue
		}
		a := t.FirstChild(c)
		if a == syntax.NoNode || t.Kind(a) != syntax.Assignment || t.Text(t.ChildByField(a, syntax.FieldLeft)) != "__all__" {
			continue
		}
		var names []string
		for e := range t.NamedChildren(t.ChildByField(a, syntax.FieldRight)) {
			if t.Kind(e) == syntax.String {
				names = append(names, stringValue(t, e))
			}
		}
		return names
	}
	return nil
}

// stringValue returns the content of a simple string literal.
func stringValue(t *syntax.Tree, s syntax.NodeID) string {
	text := t.Text(s)
	for len(text) > 0 && text[0] != '\'' && text[0] != '"' {
		text = text[1:] // prefixes such as r or b
	}
	if len(text) >= 2 {
		return text[1 : len(text)-1]
	}
	return text
}

func location(t *syntax.Tree, id syntax.NodeID) project.Location {
	n := &t.Nodes[id]
	return project.Location{Start: t.Position(int(n.Start)), End: t.Position(int(n.End))}
}
