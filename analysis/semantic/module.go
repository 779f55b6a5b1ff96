package semantic

import (
	"github.com/asynclint/asynclint/analysis/project"
	"github.com/asynclint/asynclint/analysis/syntax"
)

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
// project index to resolve: a function or method of this module (a local
// target: "load", "Service.run"), or an imported or dotted qualified name
// ("pkg.util.load", ".util.load"). It returns the zero Target for anything
// else.
func (f *File) CallTarget(callee syntax.NodeID) project.Target {
	callee = f.Tree.Unwrap(callee)
	if callee == syntax.NoNode {
		return project.Target{}
	}
	return f.targets.get(f, callee, f.callTarget)
}

func (f *File) callTarget(callee syntax.NodeID) project.Target {
	t := f.Tree
	def, class, dynamic := f.definition(callee)
	switch {
	case def != syntax.NoNode:
		return project.Target{Local: true, Name: f.DefinitionName(def)}
	case class != syntax.NoNode && dynamic:
		// A method inherited from a base in another module.
		return project.Target{Local: true, Name: f.DefinitionName(class) + "." + t.TextView(t.ChildByField(callee, syntax.FieldAttr))}
	}
	if q := f.QualifiedName(callee); q != "" && !builtinCall(q) {
		return project.Target{Name: q}
	}
	return project.Target{}
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
