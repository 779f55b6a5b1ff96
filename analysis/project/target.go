package project

import (
	"strings"

	"github.com/asynclint/asynclint/analysis/source"
)

// A Target is what a module names when it calls a function or derives a
// class, for the index to resolve: a definition of the module itself, or
// a dotted name as the module imports it.
type Target struct {
	// Local is set for a function, method or class defined in the module
	// itself; Name is then its name within the module ("load",
	// "Service.run").
	Local bool
	// Name is otherwise a dotted name, absolute ("pkg.util.load") or
	// relative to the module (".util.load").
	Name string
}

// Absolute spells the target as an absolute dotted name, as seen from the
// module s.
func (t Target) Absolute(s *Summary) string {
	if t.Local {
		return s.Module + "." + t.Name
	}
	return Absolute(s.Module, s.Package, t.Name)
}

// String spells the target for keys and messages: a local name with a
// leading colon.
func (t Target) String() string {
	if t.Local {
		return ":" + t.Name
	}
	return t.Name
}

// Absolute turns a relative name (".util.load") into an absolute one, as
// seen from module (a package's __init__ when pkg is set).
func Absolute(module string, pkg bool, name string) string {
	if !strings.HasPrefix(name, ".") {
		return name
	}
	level := len(name) - len(strings.TrimLeft(name, "."))
	base := strings.Split(module, ".")
	if module == "" {
		base = nil
	}
	if !pkg && len(base) > 0 {
		base = base[:len(base)-1]
	}
	up := level - 1
	if up > len(base) {
		return strings.TrimLeft(name, ".")
	}
	base = base[:len(base)-up]
	rest := name[level:]
	if len(base) == 0 {
		return rest
	}
	if rest == "" {
		return strings.Join(base, ".")
	}
	return strings.Join(base, ".") + "." + rest
}

// Facts are what the index derived about a function of the project.
type Facts struct {
	Name     string // absolute qualified name: "pkg.util.load"
	Async    bool
	AsyncGen bool
	// Wrapped is set for a function whose decorators may change what a
	// call returns.
	Wrapped bool
	// Generator is set for a sync def that yields.
	Generator bool
	// NoCleanup is set for a generator that runs nothing after its yield
	// but except clauses.
	NoCleanup bool
	Params    []Param
	// Chain is the shortest chain of calls from the function to a blocking
	// API, one hop per call; nil when the function does not block.
	Chain []Hop
	// Requires lists what parameters must be for the function to reach
	// any of its blocking calls (see BlocksWith).
	Requires []Condition
}

// A Hop is one call of a chain: in Function (at Path, Start-End), a call
// of Callee.
type Hop struct {
	Function   string
	Callee     string
	Path       string
	Start, End source.Position
	AfterYield bool // the call runs after the generator's first yield
}

// A View is the project as one module sees it: the facts of the functions
// its call targets name. A nil View, for a file checked on its own, knows
// nothing.
type View struct {
	x *Index
	s *Summary
	// shifts are how the lines of the module's file moved, in order,
	// since x was made with the summary of an earlier text whose facts s
	// tells but for their locations (Views).
	shifts []Shift
}

// Summary returns the summary of the module the view is from.
func (v *View) Summary() *Summary { return v.s }

// Function returns the facts of the project function that target names,
// or nil.
func (v *View) Function(target Target) *Facts {
	if v == nil {
		return nil
	}
	return v.located(v.x.fact(v.x.resolve(v.s, target)))
}

// located returns f, facts of v's index, with the locations in the
// module's file moved with its text.
func (v *View) located(f *Facts) *Facts {
	return moved(f, v.s.Path, v.shifts)
}

// Refacted returns the functions of the module, by name within it, whose
// facts differ by same between v, the view of a module before an edit,
// and w, after it. The other facts the two views give are the same, and
// ok is true, when they are views of one project with the module
// replaced (Index.With), or of a project and of the project with the
// module replaced: the module's functions are then the only ones whose
// facts With derives again. Else ok is false.
func (v *View) Refacted(w *View, same func(before, after *Facts) bool) (names []string, ok bool) {
	if v.x == w.x {
		return nil, true
	}
	key := v.x.key(v.s)
	if w.x.base == nil || v.x.base != w.x.base && v.x != w.x.base || w.x.key(w.s) != key {
		return nil, false
	}
	// Each index made by With holds the facts of the module's functions
	// it derived, and of those it no longer has.
	prefix := key + "."
	for name, after := range w.x.facts {
		if !same(v.located(v.x.fact(name)), w.located(after)) {
			names = append(names, strings.TrimPrefix(name, prefix))
		}
	}
	if v.x == w.x.base {
		return names, true
	}
	for name, before := range v.x.facts {
		if _, ok := w.x.facts[name]; !ok && !same(v.located(before), w.located(w.x.fact(name))) {
			names = append(names, strings.TrimPrefix(name, prefix))
		}
	}
	return names, true
}

// Module returns the name of the module the view is from ("" when it is
// not importable) and whether it is a package's __init__.
func (v *View) Module() (name string, pkg bool) {
	return v.s.Module, v.s.Package
}
