// Package project knows the modules of a project: what each one defines and
// imports, so that a call into another module can be resolved without
// importing anything, and facts such as "this function blocks" can flow
// along the call graph.
package project

import (
	"crypto/sha256"
	"encoding/hex"

	"github.com/asynclint/asynclint/analysis/source"
)

// A Summary is what the rest of the project needs to know about one
// module. Summaries are small and cached between runs.
type Summary struct {
	Module string // dotted module name, "" when not importable
	Path   string
	// Package is set for __init__.py, whose relative imports start at the
	// module itself.
	Package bool
	// Imports maps the module-level names bound by imports to what they
	// stand for (relative names start with dots).
	Imports map[string]string
	// StarImports lists the modules imported with "from m import *".
	StarImports []string
	// All is the literal __all__, or nil.
	All []string
	// Functions are the module's functions and methods, by qualified name
	// within the module: "load" or "Service.run".
	Functions map[string]*Function
	// Classes are the module's classes, by name within the module.
	Classes map[string]*Class
	// Targets are the call targets used anywhere in the module, whose
	// facts its findings depend on.
	Targets []Target

	assembly *assembly // set by Assemble, shared by the summary's copies
}

// An assembly marks the summaries copied from one that Assemble made. It
// is not empty, so that each is a distinct allocation.
type assembly struct{ _ byte }

// SameAssembly reports whether s and t are copies of one summary that
// Assemble put together, for the same module: they tell the same facts.
func (s *Summary) SameAssembly(t *Summary) bool {
	return s.Assembled(t) && s.sameModule(t)
}

// sameModule reports whether s and t name the same module.
func (s *Summary) sameModule(t *Summary) bool {
	return s.Module == t.Module && s.Path == t.Path && s.Package == t.Package
}

// Assembled reports whether s and t are copies of one summary that
// Assemble put together, whatever module each names.
func (s *Summary) Assembled(t *Summary) bool {
	return s.assembly != nil && s.assembly == t.assembly
}

// Key returns the name under which the index knows the module: its
// module name, or, for a file that is not importable, a name made from
// its path that has no dots and cannot clash with a module.
func (s *Summary) Key() string {
	if s.Module != "" {
		return s.Module
	}
	sum := sha256.Sum256([]byte(s.Path))
	return "-file-" + hex.EncodeToString(sum[:8])
}

// A Function is a def or async def.
type Function struct {
	Name     string // qualified within the module: "Service.run"
	Async    bool
	AsyncGen bool
	Wrapped  bool     // decorated by something that may change its result
	Loc      Location // of its name
	// Generator is set for a def that yields: calling it runs nothing.
	Generator bool
	// NoCleanup is set for a generator that runs nothing after its yield
	// but except clauses: as a context manager, it has nothing to clean up.
	NoCleanup bool
	// Params are its parameters, in order.
	Params []Param
	// Blocking are the calls of blocking APIs on the function's own frame.
	Blocking []BlockingCall
	// Calls are the calls on the function's own frame whose callee may be
	// a function of the project.
	Calls []Call
}

// A Class lists its bases and methods.
type Class struct {
	Bases   []Target
	Methods []string // names of the methods the class body defines
}

// A Call is a call site of a function that may be the project's.
type Call struct {
	Target Target
	Args   Arguments
	Loc    Location
	Reach
}

// A BlockingCall is a call site of a blocking API, by its qualified name.
type BlockingCall struct {
	API string
	Loc Location
	Reach
}

// A Location is a range in a file, 1-based.
type Location struct {
	Start, End source.Position
}
