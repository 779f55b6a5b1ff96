package semantic

import (
	"slices"

	"github.com/asynclint/asynclint/analysis/syntax"
)

// maxClassDepth bounds the walk through base classes (and stops cycles).
const maxClassDepth = 16

// Definition returns the def node a callee refers to in this file, or
// NoNode: a function name, self.m() or cls.m() in a method (found through
// the class and its bases defined in this file), C.m(), or obj.m() where
// obj is an instance of a class of this file. dynamic is set for methods
// found through self, cls or an instance, which a subclass may override.
func (f *File) Definition(callee syntax.NodeID) (def syntax.NodeID, dynamic bool) {
	def, _, dynamic = f.definition(callee)
	return def, dynamic
}

// definition is Definition, also returning for obj.m() the class of this
// file that m was looked up in, or NoNode.
func (f *File) definition(callee syntax.NodeID) (def, class syntax.NodeID, dynamic bool) {
	t := f.Tree
	callee = t.Unwrap(callee)
	if callee == syntax.NoNode {
		return syntax.NoNode, syntax.NoNode, false
	}
	switch t.Kind(callee) {
	case syntax.Identifier:
		return f.onlyDefinition(f.Lookup(callee), FunctionBinding), syntax.NoNode, false
	case syntax.Attribute:
		obj := t.Unwrap(t.ChildByField(callee, syntax.FieldObject))
		if obj == syntax.NoNode {
			return syntax.NoNode, syntax.NoNode, false
		}
		dynamic = true
		class = f.selfClass(obj)
		if class == syntax.NoNode {
			class, dynamic = f.ClassDefinition(obj), false
		}
		if class == syntax.NoNode {
			class, dynamic = f.InstanceClass(obj), true
		}
		if class != syntax.NoNode {
			return f.Method(class, t.TextView(t.ChildByField(callee, syntax.FieldAttr))), class, dynamic
		}
	}
	return syntax.NoNode, syntax.NoNode, false
}

// onlyDefinition returns the def or class node when every binding is one
// of kind with the same definition.
func (f *File) onlyDefinition(ids []BindingID, kind BindingKind) syntax.NodeID {
	def := syntax.NoNode
	for _, b := range ids {
		bb := &f.Bindings[b]
		if bb.Kind != kind || def != syntax.NoNode && bb.Definition != def {
			return syntax.NoNode
		}
		def = bb.Definition
	}
	return def
}

// selfClass returns the class whose method binds obj as its first
// parameter (self or cls), or NoNode.
func (f *File) selfClass(obj syntax.NodeID) syntax.NodeID {
	t := f.Tree
	if t.Kind(obj) != syntax.Identifier {
		return syntax.NoNode
	}
	ids := f.Lookup(obj)
	if len(ids) != 1 || f.Bindings[ids[0]].Kind != ParameterBinding {
		return syntax.NoNode
	}
	b := &f.Bindings[ids[0]]
	fn := &f.Scopes[b.Scope]
	if fn.Kind != FunctionScope || f.Scopes[fn.Parent].Kind != ClassScope ||
		slices.Contains(f.Decorators(fn.Node), "builtins.staticmethod") {
		return syntax.NoNode
	}
	params := t.ChildByField(fn.Node, syntax.FieldParameters)
	for p := range t.NamedChildren(params) {
		if p != b.Node && !t.Contains(p, b.Node) {
			return syntax.NoNode // not the first parameter
		}
		return f.Scopes[fn.Parent].Node
	}
	return syntax.NoNode
}

// InstanceClass returns the class of this file that expr is an instance
// of, when expr calls the class or names a variable assigned from such a
// call; NoNode otherwise.
func (f *File) InstanceClass(expr syntax.NodeID) syntax.NodeID {
	return f.instanceClass(expr, 0)
}

func (f *File) instanceClass(expr syntax.NodeID, depth int) syntax.NodeID {
	t := f.Tree
	expr = t.Unwrap(expr)
	if expr == syntax.NoNode || depth > maxTypeDepth {
		return syntax.NoNode
	}
	switch t.Kind(expr) {
	case syntax.Call:
		if callee := t.Unwrap(t.ChildByField(expr, syntax.FieldFunction)); callee != syntax.NoNode {
			return f.ClassDefinition(callee)
		}
	case syntax.Identifier:
		class := syntax.NoNode
		for _, b := range f.Lookup(expr) {
			bb := &f.Bindings[b]
			if bb.Value == syntax.NoNode {
				return syntax.NoNode
			}
			c := f.instanceClass(bb.Value, depth+1)
			if c == syntax.NoNode || class != syntax.NoNode && c != class {
				return syntax.NoNode
			}
			class = c
		}
		return class
	}
	return syntax.NoNode
}

// Method returns the def node of method name in class or, failing that,
// in its bases defined in this file (depth first, left to right); NoNode
// when not found.
func (f *File) Method(class syntax.NodeID, name string) syntax.NodeID {
	def, _ := f.method(class, name, 0)
	return def
}

// HasMethod reports whether class or one of its bases in this file defines
// name. unknown is set when a base is not defined in this file, so that a
// negative answer is not certain.
func (f *File) HasMethod(class syntax.NodeID, name string) (found, unknown bool) {
	def, unknown := f.method(class, name, 0)
	return def != syntax.NoNode, unknown
}

func (f *File) method(class syntax.NodeID, name string, depth int) (def syntax.NodeID, unknown bool) {
	if depth > maxClassDepth {
		return syntax.NoNode, true
	}
	if def := f.classAttribute(class, name, FunctionBinding); def != syntax.NoNode {
		return def, false
	}
	t := f.Tree
	for _, base := range f.bases(class) {
		c := f.ClassDefinition(base)
		if c == syntax.NoNode {
			unknown = unknown || t.Text(base) != "object"
			continue
		}
		d, u := f.method(c, name, depth+1)
		if d != syntax.NoNode {
			return d, false
		}
		unknown = unknown || u
	}
	return syntax.NoNode, unknown
}

// classAttribute returns the definition bound to name in a class body.
func (f *File) classAttribute(class syntax.NodeID, name string, kind BindingKind) syntax.NodeID {
	s := f.OwnedScope(class)
	if s == NoScope {
		return syntax.NoNode
	}
	return f.onlyDefinition(f.Scopes[s].names[name], kind)
}

// bases returns the base class expressions of a class (not keywords), a
// generic base Base[T] as Base.
func (f *File) bases(class syntax.NodeID) []syntax.NodeID {
	t := f.Tree
	args := t.ChildByField(class, syntax.FieldSuperclasses)
	if args == syntax.NoNode {
		return nil
	}
	var out []syntax.NodeID
	for a := range t.NamedChildren(args) {
		switch t.Kind(a) {
		case syntax.KeywordArgument, syntax.ListSplat, syntax.DictionarySplat:
		case syntax.Subscript:
			out = append(out, t.ChildByField(a, syntax.FieldValue))
		default:
			out = append(out, a)
		}
	}
	return out
}

// IsAsyncDef reports whether def is an async def.
func (f *File) IsAsyncDef(def syntax.NodeID) bool {
	s := f.OwnedScope(def)
	return s != NoScope && f.Scopes[s].Kind == FunctionScope && f.Scopes[s].Async
}

// IsAsyncGenerator reports whether def is an async def that yields.
func (f *File) IsAsyncGenerator(def syntax.NodeID) bool {
	s := f.OwnedScope(def)
	return f.IsAsyncDef(def) && f.Scopes[s].Yields
}

// Decorators returns the qualified names of the decorators of a def or
// class, outermost first; a decorator factory (@cache(size=1)) by the name
// of what it calls, and "" for a decorator that is not an imported name or
// a builtin.
func (f *File) Decorators(def syntax.NodeID) []string {
	t := f.Tree
	decorated := t.Parent(def)
	if decorated == syntax.NoNode || t.Kind(decorated) != syntax.DecoratedDefinition {
		return nil
	}
	var names []string
	for d := range t.NamedChildren(decorated) {
		if t.Kind(d) != syntax.Decorator {
			continue
		}
		expr := syntax.NoNode
		for e := range t.NamedChildren(d) {
			expr = t.Unwrap(e)
			break
		}
		if expr != syntax.NoNode && t.Kind(expr) == syntax.Call {
			expr = t.ChildByField(expr, syntax.FieldFunction)
		}
		name := ""
		if expr != syntax.NoNode {
			name = f.QualifiedName(expr)
		}
		names = append(names, name)
	}
	return names
}
