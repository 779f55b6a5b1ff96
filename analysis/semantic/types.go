package semantic

import (
	"github.com/asynclint/asynclint/analysis/syntax"
)

// Types describes what known calls and attribute accesses produce, so that
// the type of a receiver can be inferred from how it was made: s =
// requests.Session(), with open(p) as f, def f(c: httpx.Client).
type Types struct {
	// Returns maps a qualified callable ("sqlite3.connect"), or a type and
	// method ("sqlite3.Connection.cursor"), to the type its call returns.
	// "T.__truediv__" gives the type of T / x.
	Returns map[string]string
	// Attributes maps a type to the type of any of its attributes and
	// items (a pymongo client's databases).
	Attributes map[string]string
}

// maxTypeDepth bounds the chain of assignments followed, which also stops
// cycles such as a = b; b = a.
const maxTypeDepth = 8

// TypeOf returns the type of expression id according to types, or "" when
// it is not known. Names are followed through their assignments, with
// targets and parameter annotations; all bindings of a name must agree.
func (f *File) TypeOf(id syntax.NodeID, types *Types) string {
	return f.typeOf(id, types, 0)
}

func (f *File) typeOf(id syntax.NodeID, types *Types, depth int) string {
	t := f.Tree
	id = t.Unwrap(id)
	if id == syntax.NoNode || depth > maxTypeDepth {
		return ""
	}
	switch t.Kind(id) {
	case syntax.Call:
		callee := t.ChildByField(id, syntax.FieldFunction)
		if q := f.QualifiedName(callee); q != "" {
			return types.Returns[q]
		}
		if t.Kind(callee) == syntax.Attribute {
			if recv := f.typeOf(t.ChildByField(callee, syntax.FieldObject), types, depth+1); recv != "" {
				return types.Returns[recv+"."+t.Text(t.ChildByField(callee, syntax.FieldAttr))]
			}
		}
	case syntax.Attribute, syntax.Subscript:
		field := syntax.FieldObject
		if t.Kind(id) == syntax.Subscript {
			field = syntax.FieldValue
		}
		if recv := f.typeOf(t.ChildByField(id, field), types, depth+1); recv != "" {
			return types.Attributes[recv]
		}
	case syntax.BinaryOperator:
		if op := t.ChildByField(id, syntax.FieldOperator); op != syntax.NoNode && t.Text(op) == "/" {
			if left := f.typeOf(t.ChildByField(id, syntax.FieldLeft), types, depth+1); left != "" {
				return types.Returns[left+".__truediv__"]
			}
		}
	case syntax.Identifier:
		return f.nameType(id, types, depth)
	}
	return ""
}

// nameType infers the type of a name from all its bindings.
func (f *File) nameType(id syntax.NodeID, types *Types, depth int) string {
	bindings := f.Lookup(id)
	typ := ""
	for _, b := range bindings {
		bb := &f.Bindings[b]
		var bt string
		switch {
		case bb.Kind == ParameterBinding && bb.Annotation != syntax.NoNode:
			bt = f.annotationType(bb.Annotation, types)
		case bb.Value != syntax.NoNode:
			// A with target is the context manager's __enter__ result,
			// which for the clients, files and connections known here is
			// the object itself.
			bt = f.typeOf(bb.Value, types, depth+1)
		}
		if bt == "" || typ != "" && bt != typ {
			return ""
		}
		typ = bt
	}
	return typ
}

// annotationType resolves a parameter annotation to a known type, looking
// through Optional[T] and T | None.
func (f *File) annotationType(ann syntax.NodeID, types *Types) string {
	t := f.Tree
	if t.Kind(ann) == syntax.Type {
		for c := range t.NamedChildren(ann) {
			ann = c
			break
		}
	}
	switch t.Kind(ann) {
	case syntax.Subscript, syntax.GenericType:
		// Optional[T]
		var inner syntax.NodeID = syntax.NoNode
		for c := range t.NamedChildren(ann) {
			inner = c
		}
		head := t.FirstChild(ann)
		if q := f.QualifiedName(head); (q == "typing.Optional" || t.Text(head) == "Optional") && inner != syntax.NoNode {
			return f.annotationType(inner, types)
		}
		return ""
	case syntax.BinaryOperator:
		// T | None
		left, right := t.ChildByField(ann, syntax.FieldLeft), t.ChildByField(ann, syntax.FieldRight)
		if right != syntax.NoNode && t.Text(right) == "None" {
			return f.annotationType(left, types)
		}
		return ""
	}
	q := f.QualifiedName(ann)
	if q == "" {
		return ""
	}
	// An annotation names a class, whose call builds the type, or a type
	// that some known call returns.
	if typ, ok := types.Returns[q]; ok {
		return typ
	}
	for _, typ := range types.Returns {
		if typ == q {
			return typ
		}
	}
	return ""
}
