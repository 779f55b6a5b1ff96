package semantic

import (
	"iter"
	"slices"
	"strings"

	"github.com/asynclint/asynclint/analysis/syntax"
)

// Lookup returns the bindings that the identifier id refers to, following
// Python's scoping rules: the enclosing function scopes (class bodies are
// skipped from nested functions), global and nonlocal declarations, then
// the module. Bindings are flow-insensitive: every binding of the name in
// the scope that owns it. An empty result means a builtin or an unknown
// name; see IsBuiltin.
func (f *File) Lookup(id syntax.NodeID) []BindingID {
	return f.resolve(id).bindings
}

// A resolution is what the name of an identifier refers to.
type resolution struct {
	bindings []BindingID // those of scope
	scope    ScopeID     // the scope whose binding is visible, or NoScope
	starred  bool        // no scope binds the name, and a "from m import *" may
}

// resolve is owner for the name of identifier id, remembered.
func (f *File) resolve(id syntax.NodeID) resolution {
	return f.resolutions.get(f, id, func(id syntax.NodeID) resolution {
		var r resolution
		r.scope, r.bindings, r.starred = f.owner(f.nodeScope[id], f.Tree.TextView(id))
		return r
	})
}

// owner returns the scope whose binding of name is visible from scope,
// with its bindings of name, or NoScope. starred reports that the module
// has "from m import *", which may bind any name.
func (f *File) owner(scope ScopeID, name string) (owner ScopeID, bindings []BindingID, starred bool) {
	from := scope
	for s := scope; s != NoScope; s = f.Scopes[s].Parent {
		sc := &f.Scopes[s]
		if sc.Kind == ClassScope && s != from {
			continue
		}
		if sc.global[name] {
			s = 0
			sc = &f.Scopes[0]
		} else if sc.nonlocal[name] {
			continue
		}
		if ids, ok := sc.names[name]; ok {
			return s, ids, false
		}
		if s == 0 {
			return NoScope, nil, len(sc.starFroms) > 0
		}
	}
	return NoScope, nil, false
}

// IsBuiltin reports whether the identifier id refers to a builtin: a name
// of the builtins module that no scope binds and no star import could.
func (f *File) IsBuiltin(id syntax.NodeID) bool {
	// The resolution is remembered; most names are bound, and need no
	// look-up in builtinNames.
	r := f.resolve(id)
	return r.scope == NoScope && !r.starred && builtinNames[f.Tree.TextView(id)]
}

// QualifiedName returns the dotted name an expression stands for when it is
// an imported name or a builtin, possibly followed by attributes:
// "time.sleep" for t.sleep after "import time as t", "builtins.open" for
// open. It returns "" for anything else, such as a local variable.
func (f *File) QualifiedName(id syntax.NodeID) string {
	id = f.Tree.Unwrap(id)
	if id == syntax.NoNode {
		return ""
	}
	return f.qualified.get(f, id, f.qualifiedName)
}

// A memo remembers what is computed for some nodes of a file, since
// rules ask the same of the same nodes again and again. The per-node part
// holds no pointers, which the garbage collector would have to scan.
type memo[T any] struct {
	index  []int32 // of each node: 1 + its position in values, 0 until computed
	values []T
}

// get returns compute(id), computed on the first call for id.
func (m *memo[T]) get(f *File, id syntax.NodeID, compute func(syntax.NodeID) T) T {
	if len(m.index) == 0 {
		m.index = zeroed(m.index, len(f.Tree.Nodes))
	}
	if k := m.index[id]; k != 0 {
		return m.values[k-1]
	}
	s := compute(id)
	m.values = append(m.values, s)
	m.index[id] = int32(len(m.values))
	return s
}

// reset empties m for another file, keeping its arrays.
func (m *memo[T]) reset() memo[T] {
	clear(m.values)
	return memo[T]{index: m.index[:0], values: m.values[:0]}
}

func (f *File) qualifiedName(id syntax.NodeID) string {
	t := f.Tree
	switch t.Kind(id) {
	case syntax.Identifier:
		if f.IsBuiltin(id) {
			return "builtins." + t.TextView(id)
		}
		return f.importedName(f.Lookup(id))
	case syntax.Attribute:
		obj, attr := t.ChildByField(id, syntax.FieldObject), t.ChildByField(id, syntax.FieldAttr)
		if obj == syntax.NoNode || attr == syntax.NoNode {
			return ""
		}
		if base := f.QualifiedName(obj); base != "" {
			return base + "." + t.TextView(attr)
		}
	}
	return ""
}

// importedName returns the qualified name shared by bindings that are all
// imports of the same thing, or "".
func (f *File) importedName(ids []BindingID) string {
	q := ""
	for _, b := range ids {
		bb := &f.Bindings[b]
		if bb.Kind != ImportBinding || (q != "" && bb.Qualified != q) {
			return ""
		}
		q = bb.Qualified
	}
	return q
}

// ModuleImportName returns the name under which module is imported at
// module level ("asyncio" for "import asyncio", "aio" for "import asyncio as
// aio"), or "" when it is not.
func (f *File) ModuleImportName(module string) string {
	if len(f.Scopes) == 0 {
		return ""
	}
	if f.importedName(f.Scopes[0].names[module]) == module {
		return module
	}
	if f.importNames == nil { // one pass for every module asked about
		f.importNames = map[string]string{}
		for name, ids := range f.Scopes[0].names {
			if q := f.importedName(ids); q != "" {
				if found, ok := f.importNames[q]; !ok || name < found {
					f.importNames[q] = name
				}
			}
		}
	}
	return f.importNames[module]
}

// Binds reports whether scope (or, from a function, any scope it can see)
// binds name, so that a new reference to it would not mean the module-level
// or builtin name.
func (f *File) Binds(scope ScopeID, name string) bool {
	s, _, starred := f.owner(scope, name)
	return s != NoScope || starred
}

// NameOwner returns the scope whose binding of name code in scope sees, or
// NoScope for a builtin or unknown name.
func (f *File) NameOwner(scope ScopeID, name string) ScopeID {
	s, _, _ := f.owner(scope, name)
	return s
}

// Imports reports whether the module imports module or something from it
// at top level.
func (f *File) Imports(module string) bool {
	if f.imported == nil {
		f.imported = map[string]bool{}
		if len(f.Scopes) > 0 {
			for _, ids := range f.Scopes[0].names {
				for _, b := range ids {
					if q := f.Bindings[b].Qualified; f.Bindings[b].Kind == ImportBinding {
						for {
							f.imported[q] = true
							i := strings.LastIndexByte(q, '.')
							if i < 0 {
								break
							}
							q = q[:i]
						}
					}
				}
			}
		}
	}
	return f.imported[module]
}

// FutureImports reports whether the module has "from __future__ import
// feature".
func (f *File) FutureImports(feature string) bool {
	t := f.Tree
	for c := range t.NamedChildren(0) {
		if t.Kind(c) != syntax.FutureImportStatement {
			continue
		}
		for name := range t.NamedChildren(c) {
			if dotted(t, name) == feature || t.Kind(name) == syntax.AliasedImport && dotted(t, t.ChildByField(name, syntax.FieldName)) == feature {
				return true
			}
		}
	}
	return false
}

// IsVariable reports whether the identifier id names a variable, rather
// than an attribute (x.name) or a keyword argument (f(name=...)).
func (f *File) IsVariable(id syntax.NodeID) bool {
	n := &f.Tree.Nodes[id]
	switch f.Tree.Kind(n.Parent) {
	case syntax.Attribute:
		return n.Field != syntax.FieldAttr
	case syntax.KeywordArgument:
		return n.Field != syntax.FieldName
	}
	return true
}

// Uses yields, in source order, the identifiers that name the variable of
// binding b, binding occurrences included. Only the subtree of the scope
// that owns b can refer to it.
func (f *File) Uses(b BindingID) iter.Seq[syntax.NodeID] {
	return func(yield func(syntax.NodeID) bool) {
		t := f.Tree
		bb := &f.Bindings[b]
		scope := f.Scopes[bb.Scope].Node
		for id := scope; id < t.Nodes[scope].After; id++ {
			if t.Kind(id) != syntax.Identifier || t.TextView(id) != bb.Name || !f.IsVariable(id) ||
				!slices.Contains(f.Lookup(id), b) {
				continue
			}
			if !yield(id) {
				return
			}
		}
	}
}

// IsBindingOccurrence reports whether the identifier id is where one of the
// bindings it resolves to is made (a target, a parameter), not a read.
func (f *File) IsBindingOccurrence(id syntax.NodeID) bool {
	return slices.ContainsFunc(f.Lookup(id), func(b BindingID) bool { return f.Bindings[b].Node == id })
}

// ClassDefinition returns the class statement of this file that the name
// expr refers to, or NoNode.
func (f *File) ClassDefinition(expr syntax.NodeID) syntax.NodeID {
	if f.Tree.Kind(expr) != syntax.Identifier {
		return syntax.NoNode
	}
	return f.onlyDefinition(f.Lookup(expr), ClassBinding)
}
