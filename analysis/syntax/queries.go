package syntax

// Queries that read a tree and its source, for the rules and their fixes.

// NamedChild returns the i-th named, non-comment child of id, or NoNode.
func (t *Tree) NamedChild(id NodeID, i int) NodeID {
	for c := range t.NamedChildren(id) {
		if i == 0 {
			return c
		}
		i--
	}
	return NoNode
}

// OnlyNamedChild returns the single named, non-comment child of id, or
// NoNode when it has none or several.
func (t *Tree) OnlyNamedChild(id NodeID) NodeID {
	if t.NamedChild(id, 1) != NoNode {
		return NoNode
	}
	return t.NamedChild(id, 0)
}

// TokenRange returns the byte range from the start of node id to the end
// of its first anonymous child of kind k (the "yield from" of a yield), or
// the node's own range when it has none.
func (t *Tree) TokenRange(id NodeID, k Kind) (start, end int) {
	n := &t.Nodes[id]
	start, end = int(n.Start), int(n.End)
	for c := range t.Children(id) {
		if t.Kind(c) == k && !t.Nodes[c].IsNamed() {
			return start, int(t.Nodes[c].End)
		}
	}
	return start, end
}

// OuterParens returns the outermost parenthesized expression around id,
// or id itself.
func (t *Tree) OuterParens(id NodeID) NodeID {
	for p := t.Parent(id); p != NoNode && t.Kind(p) == ParenthesizedExpression; p = t.Parent(p) {
		id = p
	}
	return id
}

// IsPrimary reports whether id is an expression that binds tighter than
// await: a name, attribute, call, subscript, literal or bracketed display.
func (t *Tree) IsPrimary(id NodeID) bool {
	switch t.Kind(id) {
	case Identifier, Attribute, Call, Subscript, ParenthesizedExpression,
		List, Tuple, Set, Dictionary, ListComprehension,
		SetComprehension, DictionaryComprehension, GeneratorExpression,
		String, Integer, Float, True, False, None:
		return true
	}
	return false
}

// IsEmptyDisplay reports whether id is [] or ().
func (t *Tree) IsEmptyDisplay(id NodeID) bool {
	k := t.Kind(id)
	return (k == List || k == Tuple) && t.NamedChild(id, 0) == NoNode
}

// ReadFrom returns the expression whose attribute or item id reads,
// without parentheses: the object of an attribute, the value of a
// subscript. It returns NoNode for any other node.
func (t *Tree) ReadFrom(id NodeID) NodeID {
	switch t.Kind(id) {
	case Attribute:
		return t.Unwrap(t.ChildByField(id, FieldObject))
	case Subscript:
		return t.Unwrap(t.ChildByField(id, FieldValue))
	}
	return NoNode
}

// WithItemValue returns the context expression of a with item, without
// its as target, or NoNode.
func (t *Tree) WithItemValue(item NodeID) NodeID {
	value := t.ChildByField(item, FieldValue)
	if value != NoNode && t.Kind(value) == AsPattern {
		value = t.FirstChild(value)
	}
	return value
}

// IsWithContext reports whether expression id is the context expression
// of a with item: the open(p) of "with open(p) as f".
func (t *Tree) IsWithContext(id NodeID) bool {
	parent := t.Nodes[id].Parent
	if t.Kind(parent) == AsPattern {
		parent = t.Nodes[parent].Parent
	}
	return t.Kind(parent) == WithItem
}

// MethodName returns the attribute that a call's callee names ("close" in
// loop.close()), or "".
func (t *Tree) MethodName(call NodeID) string {
	callee := t.ChildByField(call, FieldFunction)
	if t.Kind(callee) != Attribute {
		return ""
	}
	return t.TextView(t.ChildByField(callee, FieldAttr))
}

// CallArguments returns the positional arguments of call and its keyword
// arguments by name. ok is false when the call unpacks *args or **kwargs,
// or its only argument is a bare generator expression.
func (t *Tree) CallArguments(call NodeID) (positional []NodeID, keywords map[string]NodeID, ok bool) {
	args := t.ChildByField(call, FieldArguments)
	if args == NoNode || t.Kind(args) != ArgumentList {
		return nil, nil, false
	}
	keywords, ok = map[string]NodeID{}, true
	for a := range t.NamedChildren(args) {
		switch t.Kind(a) {
		case KeywordArgument:
			keywords[t.Text(t.ChildByField(a, FieldName))] = a
		case ListSplat, DictionarySplat:
			ok = false
		default:
			positional = append(positional, a)
		}
	}
	return positional, keywords, ok
}

// KeywordArgument returns the keyword argument name of call, or NoNode.
func (t *Tree) KeywordArgument(call NodeID, name string) NodeID {
	args := t.ChildByField(call, FieldArguments)
	if args == NoNode || t.Kind(args) != ArgumentList {
		return NoNode
	}
	for a := range t.NamedChildren(args) {
		if t.Kind(a) == KeywordArgument && t.TextView(t.ChildByField(a, FieldName)) == name {
			return a
		}
	}
	return NoNode
}

// FirstArgument returns the first positional argument of a call, or the
// value of the keyword argument named keyword; a generator expression may
// be the call's only argument. It returns NoNode when the first argument
// is not written out (f(*args)) or there is none.
func (t *Tree) FirstArgument(call NodeID, keyword string) NodeID {
	args := t.ChildByField(call, FieldArguments)
	if args == NoNode || t.Kind(args) == GeneratorExpression {
		return args
	}
	for a := range t.NamedChildren(args) {
		switch t.Kind(a) {
		case KeywordArgument:
			if t.Text(t.ChildByField(a, FieldName)) == keyword {
				return t.ChildByField(a, FieldValue)
			}
		case ListSplat:
			return NoNode
		case DictionarySplat:
		default:
			return a
		}
	}
	return NoNode
}

// PassesOnly reports whether call passes exactly the positional arguments
// spelled args, and no others.
func (t *Tree) PassesOnly(call NodeID, args ...string) bool {
	positional, keywords, ok := t.CallArguments(call)
	if !ok || len(keywords) > 0 || len(positional) != len(args) {
		return false
	}
	for i, a := range positional {
		if t.Text(a) != args[i] {
			return false
		}
	}
	return true
}

// SimpleStatement returns the statement that expression id makes up, alone
// or as the value of a plain assignment (x = id), or NoNode.
func (t *Tree) SimpleStatement(id NodeID) NodeID {
	parent := t.Parent(id)
	if t.Kind(parent) == Assignment && t.Nodes[id].Field == FieldRight &&
		t.ChildByField(parent, FieldType) == NoNode {
		id, parent = parent, t.Parent(parent)
	}
	if t.Kind(parent) != ExpressionStatement || t.OnlyNamedChild(parent) != id {
		return NoNode
	}
	return parent
}

// StatementCall returns the call that statement stmt consists of, or
// NoNode.
func (t *Tree) StatementCall(stmt NodeID) NodeID {
	if stmt == NoNode || t.Kind(stmt) != ExpressionStatement {
		return NoNode
	}
	call := t.OnlyNamedChild(stmt)
	if call == NoNode || t.Kind(call) != Call {
		return NoNode
	}
	return call
}

// NextStatement returns the statement after stmt in its block, skipping
// comments, or NoNode.
func (t *Tree) NextStatement(stmt NodeID) NodeID {
	next := t.NextSibling(stmt)
	for next != NoNode && t.Kind(next) == Comment {
		next = t.NextSibling(next)
	}
	return next
}

// EndsLine reports whether only blanks or a comment follow byte offset off
// on its line.
func (t *Tree) EndsLine(off int) bool {
	for _, b := range t.Src[off:] {
		switch b {
		case ' ', '\t':
			continue
		case '\n', '\r', '#':
			return true
		}
		return false
	}
	return true
}

// HasComment reports whether a comment in the subtree of id lies in the
// byte range [start, end).
func (t *Tree) HasComment(id NodeID, start, end int) bool {
	for c := id; c < t.Nodes[id].After; c++ {
		if n := &t.Nodes[c]; n.Kind == Comment && int(n.Start) < end && int(n.End) > start {
			return true
		}
	}
	return false
}
