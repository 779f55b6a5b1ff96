package semantic

import (
	"strings"
	"sync"

	"github.com/asynclint/asynclint/analysis/syntax"
)

// released holds the Files given back by Release, the latest last, whose
// per-node arrays and remembered definition keys the next Builds reuse:
// each check of a large module would otherwise allocate, and clear,
// megabytes of arrays, and compute the key of every definition again.
// Unlike a sync.Pool, it keeps them across garbage collections, which
// come every few edits of a long module.
var released struct {
	sync.Mutex
	files []*File
}

// maxReleased bounds the Files kept for reuse: about as many as are built
// at once.
const maxReleased = 4

// Build computes the semantic model of tree.
func Build(tree *syntax.Tree) *File {
	f := reuse()
	if f == nil {
		f = new(File)
	}
	f.Tree = tree
	f.nodeScope = zeroed(f.nodeScope, len(tree.Nodes))
	f.owned = zeroed(f.owned, len(tree.Nodes))
	if len(tree.Nodes) == 0 {
		return f
	}
	f.addScope(Scope{Kind: ModuleScope, Node: 0, Parent: NoScope})
	f.owned[0] = 1
	// One pass in pre-order: what a node binds depends only on itself and
	// on the scopes of its ancestors, opened before it.
	for i := 1; i < len(tree.Nodes); i++ {
		id := syntax.NodeID(i)
		n := &tree.Nodes[i]
		if f.owned[n.Parent] == 0 && n.Field != syntax.FieldRight {
			f.nodeScope[id] = f.nodeScope[n.Parent] // most nodes
		} else {
			f.nodeScope[id] = f.scopeForChild(id)
		}
		f.visit(id)
	}
	return f
}

// Release gives f's memory back for reuse by later Builds; f must not be
// used afterwards. What its methods returned stays valid.
func (f *File) Release() {
	// What the scopes and bindings refer to need not outlive f; the
	// scopes keep their emptied maps of names.
	for i := range f.Scopes {
		names := f.Scopes[i].names
		clear(names)
		f.Scopes[i] = Scope{names: names}
	}
	clear(f.Bindings)
	*f = File{
		Scopes:      f.Scopes[:0],
		Bindings:    f.Bindings[:0],
		nodeScope:   f.nodeScope,
		owned:       f.owned,
		qualified:   f.qualified.reset(),
		targets:     f.targets.reset(),
		resolutions: f.resolutions.reset(),
		headers:     f.headers,
	}
	released.Lock()
	defer released.Unlock()
	if len(released.files) < maxReleased {
		released.files = append(released.files, f)
	}
}

// reuse returns the File released last, or nil.
func reuse() *File {
	released.Lock()
	defer released.Unlock()
	n := len(released.files)
	if n == 0 {
		return nil
	}
	f := released.files[n-1]
	released.files[n-1] = nil
	released.files = released.files[:n-1]
	return f
}

// addScope appends s to f.Scopes, with the map of names that a released
// File left in its place, if any.
func (f *File) addScope(s Scope) {
	if n := len(f.Scopes); n < cap(f.Scopes) {
		s.names = f.Scopes[:n+1][n].names
	}
	f.Scopes = append(f.Scopes, s)
}

// zeroed returns s resized to n zeros, in s's array when it is large enough.
func zeroed(s []int32, n int) []int32 {
	if cap(s) < n {
		return make([]int32, n)
	}
	s = s[:n]
	clear(s)
	return s
}

// scopeForChild decides the scope of a node from its parent: the body of a
// def, class or lambda and the inside of a comprehension belong to the scope
// the parent introduces; everything else stays in the parent's scope. The
// first iterable of a comprehension is evaluated outside it.
func (f *File) scopeForChild(id syntax.NodeID) ScopeID {
	t := f.Tree
	n := &t.Nodes[id]
	p := n.Parent
	if inner := f.owned[p]; inner != 0 { // a parent that opens a scope: rare
		switch t.Kind(p) {
		case syntax.FunctionDefinition, syntax.ClassDefinition, syntax.Lambda:
			if n.Field == syntax.FieldBody {
				return inner - 1
			}
		case syntax.ListComprehension, syntax.SetComprehension, syntax.DictionaryComprehension, syntax.GeneratorExpression:
			return inner - 1
		}
	}
	if n.Field == syntax.FieldRight && t.Kind(p) == syntax.ForInClause && isFirstClause(t, p) {
		return f.nodeScope[t.Nodes[p].Parent]
	}
	return f.nodeScope[p]
}

func isFirstClause(t *syntax.Tree, clause syntax.NodeID) bool {
	return t.ChildOfKind(t.Nodes[clause].Parent, syntax.ForInClause) == clause
}

// visit opens the scope node id introduces, records facts about the scope
// it is in, and records the names it binds.
func (f *File) visit(id syntax.NodeID) {
	t := f.Tree
	n := &t.Nodes[id]
	scope := f.nodeScope[id]
	switch n.Kind {
	case syntax.FunctionDefinition:
		f.open(id, FunctionScope)
		f.bindDefinition(id, FunctionBinding, scope)
		f.bindParameters(f.owned[id]-1, t.ChildByField(id, syntax.FieldParameters))
	case syntax.ClassDefinition:
		f.open(id, ClassScope)
		f.bindDefinition(id, ClassBinding, scope)
	case syntax.Lambda:
		f.open(id, LambdaScope)
		f.bindParameters(f.owned[id]-1, t.ChildByField(id, syntax.FieldParameters))
	case syntax.ListComprehension, syntax.SetComprehension, syntax.DictionaryComprehension:
		f.open(id, ComprehensionScope)
	case syntax.GeneratorExpression:
		f.open(id, GeneratorScope)
	case syntax.Yield:
		f.Scopes[scope].Yields = true
	case syntax.Assignment:
		value := t.ChildByField(id, syntax.FieldRight)
		if value != syntax.NoNode && t.Kind(value) == syntax.Assignment {
			value = chainValue(t, value) // a = b = value
		}
		f.bindTargets(scope, t.ChildByField(id, syntax.FieldLeft), AssignmentBinding, value, t.ChildByField(id, syntax.FieldType))
	case syntax.AugmentedAssignment:
		f.bindTargets(scope, t.ChildByField(id, syntax.FieldLeft), AssignmentBinding, syntax.NoNode, syntax.NoNode)
	case syntax.ForStatement, syntax.ForInClause:
		f.bindTargets(scope, t.ChildByField(id, syntax.FieldLeft), TargetBinding, syntax.NoNode, syntax.NoNode)
	case syntax.AsPatternTarget:
		var value syntax.NodeID = syntax.NoNode
		if p := n.Parent; t.Kind(p) == syntax.AsPattern && t.Kind(t.Nodes[p].Parent) == syntax.WithItem {
			value = t.FirstChild(p)
		}
		for c := range t.NamedChildren(id) {
			f.bindTargets(scope, c, TargetBinding, value, syntax.NoNode)
		}
	case syntax.NamedExpression:
		// The walrus binds in the nearest enclosing non-comprehension scope.
		for f.Scopes[scope].Kind == ComprehensionScope || f.Scopes[scope].Kind == GeneratorScope {
			scope = f.Scopes[scope].Parent
		}
		f.bindTargets(scope, t.ChildByField(id, syntax.FieldName), AssignmentBinding, t.ChildByField(id, syntax.FieldValue), syntax.NoNode)
	case syntax.DeleteStatement:
		for c := range t.NamedChildren(id) {
			f.bindTargets(scope, c, TargetBinding, syntax.NoNode, syntax.NoNode)
		}
	case syntax.GlobalStatement, syntax.NonlocalStatement:
		s := &f.Scopes[scope]
		for c := range t.NamedChildren(id) {
			if t.Kind(c) != syntax.Identifier {
				continue
			}
			if n.Kind == syntax.GlobalStatement {
				s.global = setAdd(s.global, t.Text(c))
			} else {
				s.nonlocal = setAdd(s.nonlocal, t.Text(c))
			}
		}
	case syntax.ImportStatement:
		f.bindImport(scope, id)
	case syntax.ImportFromStatement:
		f.bindImportFrom(scope, id)
	case syntax.CasePattern:
		f.bindCapture(scope, id)
	}
}

// open opens the scope of kind that node id introduces.
func (f *File) open(id syntax.NodeID, kind ScopeKind) {
	f.owned[id] = ScopeID(len(f.Scopes)) + 1
	f.addScope(Scope{
		Kind:   kind,
		Node:   id,
		Parent: f.nodeScope[id],
		Async:  kind == FunctionScope && f.Tree.HasToken(id, syntax.AsyncKeyword),
	})
}

// bindDefinition binds the name of def or class node id in scope.
func (f *File) bindDefinition(id syntax.NodeID, kind BindingKind, scope ScopeID) {
	if name := f.Tree.ChildByField(id, syntax.FieldName); name != syntax.NoNode {
		b := newBinding(kind, name)
		b.Definition = id
		f.add(scope, b)
	}
}

func setAdd(m map[string]bool, k string) map[string]bool {
	if m == nil {
		m = map[string]bool{}
	}
	m[k] = true
	return m
}

// chainValue returns the final value of a chained assignment a = b = value.
func chainValue(t *syntax.Tree, id syntax.NodeID) syntax.NodeID {
	for id != syntax.NoNode && t.Kind(id) == syntax.Assignment {
		id = t.ChildByField(id, syntax.FieldRight)
	}
	return id
}

// bindTargets binds every name in an assignment target.
func (f *File) bindTargets(scope ScopeID, target syntax.NodeID, kind BindingKind, value, annotation syntax.NodeID) {
	if target == syntax.NoNode {
		return
	}
	t := f.Tree
	switch t.Kind(target) {
	case syntax.Identifier:
		b := newBinding(kind, target)
		b.Value, b.Annotation = value, annotation
		f.add(scope, b)
	case syntax.PatternList, syntax.TuplePattern, syntax.ListPattern, syntax.ListSplatPattern,
		syntax.Tuple, syntax.List, syntax.ListSplat, syntax.ParenthesizedExpression, syntax.ExpressionList:
		// Unpacking: the names no longer hold the value itself.
		for c := range t.NamedChildren(target) {
			f.bindTargets(scope, c, kind, syntax.NoNode, syntax.NoNode)
		}
	}
}

// bindParameters binds the parameters of a def or lambda in its scope.
func (f *File) bindParameters(scope ScopeID, params syntax.NodeID) {
	if params == syntax.NoNode {
		return
	}
	t := f.Tree
	for p := range t.NamedChildren(params) {
		name, annotation := syntax.NoNode, t.ChildByField(p, syntax.FieldType)
		switch t.Kind(p) {
		case syntax.Identifier:
			name = p
		case syntax.DefaultParameter, syntax.TypedDefaultParameter:
			name = t.ChildByField(p, syntax.FieldName)
		case syntax.TypedParameter, syntax.ListSplatPattern, syntax.DictionarySplatPattern:
			name = firstIdentifier(t, p)
		}
		if name != syntax.NoNode {
			b := newBinding(ParameterBinding, name)
			b.Annotation = annotation
			f.add(scope, b)
		}
	}
}

// firstIdentifier returns the first identifier within id, looking through
// *args and **kwargs patterns.
func firstIdentifier(t *syntax.Tree, id syntax.NodeID) syntax.NodeID {
	for c := range t.NamedChildren(id) {
		switch t.Kind(c) {
		case syntax.Identifier:
			return c
		case syntax.ListSplatPattern, syntax.DictionarySplatPattern:
			return firstIdentifier(t, c)
		}
	}
	return syntax.NoNode
}

// bindImport handles "import a.b.c" (binds a to "a") and
// "import a.b.c as d" (binds d to "a.b.c").
func (f *File) bindImport(scope ScopeID, id syntax.NodeID) {
	t := f.Tree
	for c := range t.NamedChildren(id) {
		switch t.Kind(c) {
		case syntax.DottedName:
			module := dotted(t, c)
			head, _, _ := strings.Cut(module, ".")
			f.addImport(scope, c, head, head)
		case syntax.AliasedImport:
			name, alias := t.ChildByField(c, syntax.FieldName), t.ChildByField(c, syntax.FieldAlias)
			if name != syntax.NoNode && alias != syntax.NoNode {
				f.addImport(scope, alias, t.Text(alias), dotted(t, name))
			}
		}
	}
}

// bindImportFrom handles "from m import n [as a]", relative modules and
// "from m import *".
func (f *File) bindImportFrom(scope ScopeID, id syntax.NodeID) {
	t := f.Tree
	mod := t.ChildByField(id, syntax.FieldModuleName)
	if mod == syntax.NoNode {
		return
	}
	module := dotted(t, mod)
	for c := range t.NamedChildren(id) {
		if c == mod {
			continue
		}
		switch t.Kind(c) {
		case syntax.DottedName:
			name := dotted(t, c)
			f.addImport(scope, c, name, join(module, name))
		case syntax.AliasedImport:
			name, alias := t.ChildByField(c, syntax.FieldName), t.ChildByField(c, syntax.FieldAlias)
			if name != syntax.NoNode && alias != syntax.NoNode {
				f.addImport(scope, alias, t.Text(alias), join(module, dotted(t, name)))
			}
		case syntax.WildcardImport:
			s := &f.Scopes[scope]
			s.starFroms = append(s.starFroms, module)
		}
	}
}

// join appends name to a module path; relative paths end in dots.
func join(module, name string) string {
	if strings.HasSuffix(module, ".") {
		return module + name
	}
	return module + "." + name
}

// dotted returns a dotted or relative module name without spaces or
// comments: ". util" becomes ".util".
func dotted(t *syntax.Tree, id syntax.NodeID) string {
	switch t.Kind(id) {
	case syntax.Identifier:
		return t.Text(id)
	case syntax.DottedName:
		var parts []string
		for c := range t.NamedChildren(id) {
			parts = append(parts, t.Text(c))
		}
		return strings.Join(parts, ".")
	case syntax.RelativeImport:
		var b strings.Builder
		for c := range t.Children(id) {
			switch t.Kind(c) {
			case syntax.ImportPrefix:
				for range strings.Count(t.Text(c), ".") {
					b.WriteByte('.')
				}
			case syntax.DottedName:
				b.WriteString(dotted(t, c))
			}
		}
		return b.String()
	}
	return t.Text(id)
}

// bindCapture binds the capture names of a match-case pattern: a bare
// name, *rest, **rest, and "as name".
func (f *File) bindCapture(scope ScopeID, id syntax.NodeID) {
	t := f.Tree
	for c := range t.NamedChildren(id) {
		switch t.Kind(c) {
		case syntax.DottedName:
			if t.ChildCount(c) == 1 {
				f.add(scope, newBinding(TargetBinding, t.FirstChild(c)))
			}
		case syntax.SplatPattern:
			if name := t.ChildOfKind(c, syntax.Identifier); name != syntax.NoNode {
				f.add(scope, newBinding(TargetBinding, name))
			}
		case syntax.AsPattern:
			for a := range t.NamedChildren(c) {
				if t.Kind(a) == syntax.Identifier {
					f.add(scope, newBinding(TargetBinding, a))
				}
			}
		}
	}
}

func newBinding(kind BindingKind, node syntax.NodeID) Binding {
	return Binding{Kind: kind, Node: node, Value: syntax.NoNode, Annotation: syntax.NoNode, Definition: syntax.NoNode}
}

func (f *File) addImport(scope ScopeID, node syntax.NodeID, name, qualified string) {
	b := newBinding(ImportBinding, node)
	b.Name, b.Qualified = name, qualified
	f.add(scope, b)
}

// add records a binding; its name defaults to the text of its node.
func (f *File) add(scope ScopeID, b Binding) {
	if b.Name == "" {
		b.Name = f.Tree.TextView(b.Node)
	}
	b.Scope = scope
	s := &f.Scopes[scope]
	if s.names == nil {
		s.names = map[string][]BindingID{}
	}
	s.names[b.Name] = append(s.names[b.Name], BindingID(len(f.Bindings)))
	f.Bindings = append(f.Bindings, b)
}
