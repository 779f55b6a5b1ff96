package semantic

import "github.com/asynclint/asynclint/analysis/syntax"

// Project answers questions about the other modules of the project. The
// program running the analysis sets File.Project; it is nil when a file is
// checked on its own.
type Project interface {
	// Function returns what is known of the project function that a call
	// target names, as CallTarget spells it, or nil.
	Function(target string) *FunctionFacts
}

// FunctionFacts are what the project index derived about a function.
type FunctionFacts struct {
	Name     string // absolute qualified name: "pkg.util.load"
	Async    bool
	AsyncGen bool
	// Wrapped is set for a function whose decorators may change what a
	// call returns.
	Wrapped bool
	// Chain is the shortest chain of calls from the function to a blocking
	// API, one hop per call; nil when the function does not block.
	Chain []Hop
}

// A Hop is one call of a chain: in Function (at Path, Start-End), a call
// of Callee.
type Hop struct {
	Function   string
	Callee     string
	Path       string
	Start, End syntax.Position
}

// StarImports returns the modules the module imports with "from m import *".
func (f *File) StarImports() []string {
	if len(f.Scopes) == 0 {
		return nil
	}
	return f.Scopes[0].starFroms
}

// ModuleImports returns the module-level names bound only by imports, with
// what each stands for.
func (f *File) ModuleImports() map[string]string {
	out := map[string]string{}
	if len(f.Scopes) == 0 {
		return out
	}
	for name, ids := range f.Scopes[0].names {
		if q := f.importedName(ids); q != "" {
			out[name] = q
		}
	}
	return out
}

// CallTarget names what a callee may refer to in the project, for the
// project index to resolve: an imported or dotted qualified name
// ("pkg.util.load", ".util.load"), or, prefixed with ":", a function or
// method of this module (":load", ":Service.run"). It returns "" for
// anything else.
func (f *File) CallTarget(callee syntax.NodeID) string {
	callee = f.Tree.Unwrap(callee)
	if callee == syntax.NoNode {
		return ""
	}
	return f.targets.get(f, callee, f.callTarget)
}

func (f *File) callTarget(callee syntax.NodeID) string {
	t := f.Tree
	def, class, dynamic := f.definition(callee)
	switch {
	case def != syntax.NoNode:
		return ":" + f.DefinitionName(def)
	case class != syntax.NoNode && dynamic:
		// A method inherited from a base in another module.
		return ":" + f.DefinitionName(class) + "." + t.TextView(t.ChildByField(callee, syntax.FieldAttr))
	}
	if q := f.QualifiedName(callee); q != "" && !builtinCall(q) {
		return q
	}
	return ""
}

func builtinCall(q string) bool {
	return len(q) > 9 && q[:9] == "builtins."
}

// DefinitionName returns the name of a def or class within its module:
// "load", or "Service.run" for a method; nested functions get the names of
// their enclosing definitions too ("outer.inner").
func (f *File) DefinitionName(def syntax.NodeID) string {
	t := f.Tree
	name := t.Text(t.ChildByField(def, syntax.FieldName))
	for s := f.ScopeOf(def); s > 0; s = f.Scopes[s].Parent {
		sc := &f.Scopes[s]
		if sc.Kind == FunctionScope || sc.Kind == ClassScope {
			name = t.Text(t.ChildByField(sc.Node, syntax.FieldName)) + "." + name
		}
	}
	return name
}
