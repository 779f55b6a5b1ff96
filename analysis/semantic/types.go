package semantic

import (
	"slices"
	"sync"

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
	// Annotations maps classes to the type a variable annotated with one
	// holds, where a call of the class is not known to build that type: a
	// parameter annotated io.TextIOWrapper is a file, while
	// io.TextIOWrapper(io.BytesIO()) is not.
	Annotations map[string]string

	once  sync.Once
	names map[string]bool // the types Returns produces
}

// isType reports whether some call of Returns produces the type q.
func (types *Types) isType(q string) bool {
	types.once.Do(func() {
		types.names = make(map[string]bool, len(types.Returns))
		for _, typ := range types.Returns {
			types.names[typ] = true
		}
	})
	return types.names[q]
}

// maxTypeDepth bounds the chain of assignments followed, which also stops
// cycles such as a = b; b = a.
const maxTypeDepth = 8

// TypeOf returns the type of expression id according to types, or "" when
// it is not known. Names are followed through their assignments (unpacking
// a tuple of as many values included), with targets and annotations; all
// bindings of a name must agree.
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

// nameType infers the type of a name from all its bindings: the declared
// type when the annotation names a known one, or else the type of the
// value assigned.
func (f *File) nameType(id syntax.NodeID, types *Types, depth int) string {
	typ := ""
	for _, b := range f.Lookup(id) {
		bb := &f.Bindings[b]
		bt := ""
		if bb.Annotation != syntax.NoNode {
			bt = f.annotationType(bb.Annotation, types)
		}
		if value := f.assignedValue(b); bt == "" && value != syntax.NoNode {
			// A with target is the context manager's __enter__ result,
			// which for the clients, files and connections known here is
			// the object itself.
			bt = f.typeOf(value, types, depth+1)
		}
		if bt == "" || typ != "" && bt != typ {
			return ""
		}
		typ = bt
	}
	return typ
}

// assignedValue returns the expression binding b holds: its value, or for
// a name unpacked from a tuple or list display of as many items, without
// starred ones, the item at its place: p2 in (p1, p2) = (Path(a), Path(b)).
func (f *File) assignedValue(b BindingID) syntax.NodeID {
	bb := &f.Bindings[b]
	if bb.Value != syntax.NoNode || bb.Kind != AssignmentBinding {
		return bb.Value
	}
	t := f.Tree
	var path []int // the item's index at each level, innermost first
	node := bb.Node
	for {
		parent := t.Parent(node)
		if parent == syntax.NoNode {
			return syntax.NoNode
		}
		if t.Kind(parent) == syntax.Assignment {
			if t.Nodes[node].Field != syntax.FieldLeft || len(path) == 0 {
				return syntax.NoNode
			}
			node = t.ChildByField(parent, syntax.FieldRight)
			break
		}
		items := displayItems(t, parent)
		i := slices.Index(items, node)
		if i < 0 {
			return syntax.NoNode
		}
		path = append(path, i)
		node = parent
	}
	for level := len(path) - 1; level >= 0; level-- {
		items := displayItems(t, t.Unwrap(node))
		target := displayItems(t, targetAt(t, bb.Node, level))
		if items == nil || len(items) != len(target) {
			return syntax.NoNode
		}
		node = items[path[level]]
	}
	return node
}

// targetAt returns the unpacking target that holds id, level levels up.
func targetAt(t *syntax.Tree, id syntax.NodeID, level int) syntax.NodeID {
	for range level + 1 {
		id = t.Parent(id)
	}
	return id
}

// displayItems returns the items of a tuple, list or unpacking target, or
// nil when it is none of these or one of its items is starred.
func displayItems(t *syntax.Tree, id syntax.NodeID) []syntax.NodeID {
	if id == syntax.NoNode {
		return nil
	}
	switch t.Kind(id) {
	case syntax.Tuple, syntax.List, syntax.ExpressionList,
		syntax.TuplePattern, syntax.ListPattern, syntax.PatternList:
	default:
		return nil
	}
	var items []syntax.NodeID
	for c := range t.NamedChildren(id) {
		switch t.Kind(c) {
		case syntax.ListSplat, syntax.ListSplatPattern:
			return nil
		}
		items = append(items, c)
	}
	return items
}

// annotationType resolves an annotation to a known type, looking through
// Optional[T], Union[T, None] and T | None: the types other than None
// must all be the same known type.
func (f *File) annotationType(ann syntax.NodeID, types *Types) string {
	members := f.unionMembers(ann, nil)
	typ := ""
	for _, m := range members {
		mt := f.namedType(m, types)
		if mt == "" || typ != "" && mt != typ {
			return ""
		}
		typ = mt
	}
	return typ
}

// unionMembers appends to out the parts of an annotation that are not
// None, looking through Optional, Union and |.
func (f *File) unionMembers(ann syntax.NodeID, out []syntax.NodeID) []syntax.NodeID {
	t := f.Tree
	ann = t.Unwrap(ann)
	if ann == syntax.NoNode {
		return append(out, ann)
	}
	switch t.Kind(ann) {
	case syntax.None:
		return out
	case syntax.Type:
		return f.unionMembers(t.NamedChild(ann, 0), out)
	case syntax.BinaryOperator:
		if op := t.ChildByField(ann, syntax.FieldOperator); op != syntax.NoNode && t.Text(op) == "|" {
			out = f.unionMembers(t.ChildByField(ann, syntax.FieldLeft), out)
			return f.unionMembers(t.ChildByField(ann, syntax.FieldRight), out)
		}
	case syntax.GenericType, syntax.Subscript:
		if head, args := typeArguments(t, ann); unionForms[f.typingName(head)] {
			for _, a := range args {
				out = f.unionMembers(a, out)
			}
			return out
		}
	}
	return append(out, ann)
}

// unionForms are the typing names whose arguments are alternatives.
var unionForms = map[string]bool{"Optional": true, "Union": true}

// typingName returns the name of a typing or typing_extensions form as
// the annotation spells it ("Optional" for typing.Optional), or "".
func (f *File) typingName(head syntax.NodeID) string {
	t := f.Tree
	switch q := f.QualifiedName(head); {
	case q == "" && t.Kind(head) == syntax.Identifier:
		return t.Text(head)
	case len(q) > 7 && q[:7] == "typing.":
		return q[7:]
	case len(q) > 18 && q[:18] == "typing_extensions.":
		return q[18:]
	}
	return ""
}

// typeArguments returns the subscripted name and the arguments of a
// generic annotation: Optional and X for Optional[X].
func typeArguments(t *syntax.Tree, ann syntax.NodeID) (head syntax.NodeID, args []syntax.NodeID) {
	if t.Kind(ann) == syntax.Subscript {
		head = t.ChildByField(ann, syntax.FieldValue)
		for c := range t.NamedChildren(ann) {
			if c != head {
				args = append(args, c)
			}
		}
		return head, args
	}
	head = t.NamedChild(ann, 0)
	for c := range t.NamedChildren(ann) {
		if c == head {
			continue
		}
		for a := range t.NamedChildren(c) { // the type_parameter's types
			args = append(args, a)
		}
	}
	return head, args
}

// namedType returns the known type a class named in an annotation stands
// for: one whose call builds it, or one that some known call returns.
func (f *File) namedType(ann syntax.NodeID, types *Types) string {
	if ann == syntax.NoNode {
		return ""
	}
	q := f.QualifiedName(ann)
	if q == "" {
		return ""
	}
	if typ, ok := types.Annotations[q]; ok {
		return typ
	}
	if typ, ok := types.Returns[q]; ok {
		return typ
	}
	if types.isType(q) {
		return q
	}
	return ""
}
