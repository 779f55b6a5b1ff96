// Package semantic builds the semantic model of one Python file: its scopes,
// the names each scope binds, and what a name or dotted expression stands
// for, so that rules can ask "is this call time.sleep?".
package semantic

import (
	"github.com/asynclint/asynclint/analysis/project"
	"github.com/asynclint/asynclint/analysis/syntax"
)

// ScopeID indexes File.Scopes. The module scope is 0.
type ScopeID = int32

// NoScope is the parent of the module scope.
const NoScope ScopeID = -1

// ScopeKind says what introduces a scope.
type ScopeKind uint8

const (
	ModuleScope        ScopeKind = iota
	ClassScope                   // a class body
	FunctionScope                // def or async def
	LambdaScope                  // lambda
	ComprehensionScope           // list, set or dict comprehension
	GeneratorScope               // generator expression
)

// IsFunction reports whether the scope runs as its own frame: a def,
// lambda, comprehension or generator expression.
func (k ScopeKind) IsFunction() bool { return k >= FunctionScope }

// A Scope is a module, class body, function, lambda or comprehension.
type Scope struct {
	Kind   ScopeKind
	Node   syntax.NodeID // the node that introduces the scope
	Parent ScopeID
	// Async is set for async def.
	Async bool
	// Yields is set when the scope itself contains yield or yield from,
	// which makes a def a generator.
	Yields bool

	names     map[string][]BindingID
	global    map[string]bool // declared global here
	nonlocal  map[string]bool // declared nonlocal here
	starFroms []string        // modules imported with "from m import *"
}

// BindingID indexes File.Bindings.
type BindingID = int32

// BindingKind says how a name was bound.
type BindingKind uint8

const (
	ImportBinding     BindingKind = iota // import m, from m import n
	ParameterBinding                     // a function or lambda parameter
	AssignmentBinding                    // x = value, x: T = value, x += value
	FunctionBinding                      // def name
	ClassBinding                         // class name
	TargetBinding                        // for/with/except/match targets, walrus, del
)

// A Binding is one place where a name is bound.
type Binding struct {
	Kind BindingKind
	// Name is the name bound. It may share the memory of the tree's
	// source: what keeps it longer than the tree should keep a copy.
	Name  string
	Node  syntax.NodeID // the bound identifier, or the import's dotted name
	Scope ScopeID
	// Value is the expression assigned (for AssignmentBinding and
	// TargetBinding of a with item, its context expression), or NoNode.
	Value syntax.NodeID
	// Annotation is the declared type of a parameter or annotated
	// assignment, or NoNode.
	Annotation syntax.NodeID
	// Definition is the def or class node of FunctionBinding and
	// ClassBinding, or NoNode.
	Definition syntax.NodeID
	// Qualified is what an ImportBinding stands for: "time" for
	// "import time as t", "time.sleep" for "from time import sleep",
	// ".util.x" for "from .util import x".
	Qualified string
}

// File is the semantic model of one parsed file.
type File struct {
	Tree     *syntax.Tree
	Scopes   []Scope
	Bindings []Binding

	nodeScope []ScopeID       // the scope each node is evaluated in
	owned     []ScopeID       // 1 + the scope introduced by each node, 0 for none
	imported  map[string]bool // modules imported at top level, and their parents; built on first use
	// interfaceBindings are InterfaceBindings's, found on first use.
	interfaceBindings []InterfaceBinding
	// importNames maps modules imported at top level to the first name
	// bound to each; built on first use.
	importNames map[string]string
	// qualified, targets and resolutions remember QualifiedName,
	// CallTarget and resolve.
	qualified   memo[string]
	targets     memo[project.Target]
	resolutions memo[resolution]
	// headers remembers the keys of definitions by their headers, across
	// the Builds that reuse this File's memory (see definitionKey).
	headers map[headerKey]string
}

// ScopeOf returns the scope node id is evaluated in.
func (f *File) ScopeOf(id syntax.NodeID) ScopeID { return f.nodeScope[id] }

// OwnedScope returns the scope that a def, class, lambda or comprehension
// node introduces, or NoScope.
func (f *File) OwnedScope(id syntax.NodeID) ScopeID {
	if s := f.owned[id]; s != 0 {
		return s - 1
	}
	return NoScope
}

// ExecutingFunction returns the def or lambda scope whose frame runs node
// id, looking through comprehensions, generator expressions and class
// bodies, which run as part of the frame that creates them; NoScope at
// module level.
func (f *File) ExecutingFunction(id syntax.NodeID) ScopeID {
	for s := f.nodeScope[id]; s != NoScope; s = f.Scopes[s].Parent {
		switch f.Scopes[s].Kind {
		case FunctionScope, LambdaScope:
			return s
		}
	}
	return NoScope
}

// InCoroutine reports whether node id runs directly on the frame of an
// async def, where a blocking call stalls the event loop.
func (f *File) InCoroutine(id syntax.NodeID) bool {
	s := f.ExecutingFunction(id)
	return s != NoScope && f.Scopes[s].Async
}
