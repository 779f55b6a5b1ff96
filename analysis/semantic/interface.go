package semantic

import (
	"iter"
	"slices"
	"sort"
	"strings"
	"unsafe"

	"github.com/asynclint/asynclint/analysis/source"
	"github.com/asynclint/asynclint/analysis/syntax"
)

// An InterfaceBinding is a binding of a name of the module, or of one of
// its module-level classes, in the terms in which the module's other
// statements see it.
type InterfaceBinding struct {
	At    uint32 // where it binds
	Scope ScopeID
	Name  string
	// Class is the name of the class whose body binds it, "" at module
	// level.
	Class string
	// Key is its kind, then what it imports, its definition's header
	// (its parameters' names marked) or value, and its annotation: it
	// spells the names its meaning depends on (source.Words).
	Key string
}

// Owner returns the module's name whose meaning the binding is part of:
// its own, or that of its class. The other statements see a class's
// methods and attributes through the class (its name, or a name bound
// to a value that spells it), never by their names alone.
func (b *InterfaceBinding) Owner() string {
	if b.Class != "" {
		return b.Class
	}
	return b.Name
}

// InterfaceBindings returns the bindings of the module scope and of the
// scopes of module-level classes, in the order of f.Bindings. They are
// found once: the check of an edit and the summary of its module both
// ask.
func (f *File) InterfaceBindings() []InterfaceBinding {
	if f.interfaceBindings == nil {
		f.interfaceBindings = f.findInterfaceBindings()
	}
	return f.interfaceBindings
}

func (f *File) findInterfaceBindings() []InterfaceBinding {
	t := f.Tree
	out := []InterfaceBinding{}
	for i := range f.Bindings {
		b := &f.Bindings[i]
		if b.Scope != 0 && !(f.Scopes[b.Scope].Kind == ClassScope && f.Scopes[b.Scope].Parent == 0) {
			continue
		}
		var key string
		switch {
		case b.Definition != syntax.NoNode: // a def or class: no import, no annotation
			key = f.definitionKey(b.Kind, b.Definition)
		case b.Value != syntax.NoNode:
			key = string(rune('0'+b.Kind)) + " " + b.Qualified + t.TextView(b.Value)
		default:
			key = string(rune('0'+b.Kind)) + " " + b.Qualified
		}
		if b.Annotation != syntax.NoNode {
			key += ": " + t.TextView(b.Annotation)
		}
		ib := InterfaceBinding{At: t.Nodes[b.Node].Start, Scope: b.Scope, Name: string([]byte(b.Name)), Key: key}
		if b.Scope != 0 {
			ib.Class = f.DefinitionName(f.Scopes[b.Scope].Node)
		}
		out = append(out, ib)
	}
	return out
}

// definitionKey returns the key of a binding of kind that def binds: its
// kind and header. The keys of the headers of a text without errors are
// remembered by their text from one Build to the next of a File's memory,
// which the server's checks of a document being edited reuse: most
// definitions are those of the text before.
func (f *File) definitionKey(kind BindingKind, def syntax.NodeID) string {
	t := f.Tree
	start, end := headerRange(t, def)
	remembered := !t.HasError() && start < end
	var raw string
	if remembered {
		raw = unsafe.String(&t.Src[start], end-start)
		if key, ok := f.headers[headerKey{kind, raw}]; ok {
			return key
		}
	}
	key := string(rune('0'+kind)) + " " + header(t, def)
	if remembered {
		if len(f.headers) >= maxHeaders || f.headers == nil {
			f.headers = make(map[headerKey]string, 256)
		}
		f.headers[headerKey{kind, strings.Clone(raw)}] = key // the key outlives the source
	}
	return key
}

// A headerKey is the kind of a definition's binding and its header's text.
type headerKey struct {
	kind BindingKind
	text string
}

// maxHeaders bounds the keys a File remembers.
const maxHeaders = 1 << 14

// headerRange returns where the text of a def or class up to its body,
// with its decorators, starts and ends.
func headerRange(t *syntax.Tree, def syntax.NodeID) (start, end uint32) {
	start = t.Nodes[def].Start
	if p := t.Parent(def); p != syntax.NoNode && t.Kind(p) == syntax.DecoratedDefinition {
		start = t.Nodes[p].Start
	}
	end = t.Nodes[def].End
	if body := t.ChildByField(def, syntax.FieldBody); body != syntax.NoNode {
		end = t.Nodes[body].Start
	}
	return start, end
}

// header returns the text of a def or class up to its body, with its
// decorators. Its parameters' names are marked (paramMark): they are
// part of its interface, but spell no name of the module, which Spread
// must not take them for.
func header(t *syntax.Tree, def syntax.NodeID) string {
	start, end := headerRange(t, def)
	var b []byte
	at := start
	for name := range parameterNames(t, t.ChildByField(def, syntax.FieldParameters)) {
		if n := t.Nodes[name].Start; n >= at && n < end {
			if b == nil {
				b = make([]byte, 0, int(end-start)+32)
			}
			b = append(append(b, t.Src[at:n]...), paramMark...)
			at = n
		}
	}
	return string(append(b, t.Src[at:end]...))
}

// paramMark precedes a parameter's name in a header: a word character
// (beyond ASCII), so that source.Words reads "·raw" there, not "raw".
const paramMark = "\u00b7"

// parameterNames yields the identifiers that name the parameters of
// params, a def's parameters node, in order.
func parameterNames(t *syntax.Tree, params syntax.NodeID) iter.Seq[syntax.NodeID] {
	return func(yield func(syntax.NodeID) bool) {
		if params == syntax.NoNode {
			return
		}
		for c := range t.NamedChildren(params) {
			name := c
			switch t.Kind(c) {
			case syntax.DefaultParameter, syntax.TypedDefaultParameter:
				name = t.ChildByField(c, syntax.FieldName)
			case syntax.TypedParameter:
				name = t.NamedChild(c, 0)
			}
			if name != syntax.NoNode && (t.Kind(name) == syntax.ListSplatPattern || t.Kind(name) == syntax.DictionarySplatPattern) {
				name = t.NamedChild(name, 0)
			}
			if name != syntax.NoNode && t.Kind(name) == syntax.Identifier && !yield(name) {
				return
			}
		}
	}
}

// Rebound returns the owners (InterfaceBinding.Owner) whose bindings, by
// name and key and in order, differ between old and now, the interface
// bindings of two texts of a module: the names whose meaning the edit
// between them changed. The bindings both lists begin and end with are
// set aside first: an owner's differ only where the lists do.
func Rebound(old, now []InterfaceBinding) map[string]bool {
	same := func(a, b *InterfaceBinding) bool { return a.Name == b.Name && a.Class == b.Class && a.Key == b.Key }
	p := 0
	for p < len(old) && p < len(now) && same(&old[p], &now[p]) {
		p++
	}
	s := 0
	for s < len(old)-p && s < len(now)-p && same(&old[len(old)-1-s], &now[len(now)-1-s]) {
		s++
	}
	keys := func(bs []InterfaceBinding) map[string][]string {
		m := map[string][]string{}
		for i := range bs {
			owner := bs[i].Owner()
			m[owner] = append(m[owner], bs[i].Name+" "+bs[i].Key)
		}
		return m
	}
	before, after := keys(old[p:len(old)-s]), keys(now[p:len(now)-s])
	names := map[string]bool{}
	for name, k := range before {
		if !slices.Equal(k, after[name]) {
			names[name] = true
		}
	}
	for name, k := range after {
		if !slices.Equal(k, before[name]) {
			names[name] = true
		}
	}
	return names
}

// Spread returns a function that adds to a set of names whose meaning
// changed the owners of bindings whose key spells one of them, and so on:
// what such a binding stands for (the type of q in "q = queue.Queue()")
// may have changed with them. Each name is looked for once in the keys,
// however often the function is called.
func Spread(bindings []InterfaceBinding) func(changed map[string]bool) {
	var keys []byte // the keys, each ending at its ends entry; joined on first use
	var ends []int
	searched := map[string]bool{}
	return func(changed map[string]bool) {
		var queue []string
		for name := range changed {
			if !searched[name] {
				queue = append(queue, name)
			}
		}
		if len(queue) > 0 && ends == nil {
			for i := range bindings {
				keys = append(append(keys, bindings[i].Key...), '\n')
				ends = append(ends, len(keys))
			}
		}
		for len(queue) > 0 {
			name := queue[len(queue)-1]
			queue = queue[:len(queue)-1]
			searched[name] = true
			for at := range source.Occurrences(keys, name) {
				owner := bindings[sort.SearchInts(ends, at+1)].Owner()
				if !changed[owner] {
					changed[owner] = true
					queue = append(queue, owner)
				}
			}
		}
	}
}

// SpellsAny reports whether words holds one of names.
func SpellsAny(words map[string]bool, names []string) bool {
	for _, name := range names {
		if words[name] {
			return true
		}
	}
	return false
}

// FreeWords adds to words the names that top-level statement stmt refers
// to but does not bind itself: those of its identifiers that do not refer
// to a binding of a scope within it. What another statement binds cannot
// change what the others stand for. A name that only a function's locals
// spell, which a broken parse of another statement may bind at module
// level, then leaves the statement alone. The words of strings and
// comments are left out too: nothing reads names in them. A statement
// with syntax errors adds every name its text spells (source.Words).
func (f *File) FreeWords(stmt syntax.NodeID, words map[string]bool) {
	add := func(name string) {
		if !words[name] {
			words[strings.Clone(name)] = true // the words outlive the source
		}
	}
	if !f.freeNames(stmt, "", add) {
		s := &f.Tree.Nodes[stmt]
		source.Words(f.Tree.Src[s.Start:s.End], words)
	}
}

// SpellsFree reports whether name is among the words that FreeWords adds
// for top-level statement stmt.
func (f *File) SpellsFree(stmt syntax.NodeID, name string) bool {
	found := false
	if !f.freeNames(stmt, name, func(string) { found = true }) {
		s := &f.Tree.Nodes[stmt]
		for range source.Occurrences(f.Tree.Src[s.Start:s.End], name) {
			return true
		}
	}
	return found
}

// freeNames calls add with the name of each identifier of top-level
// statement stmt that refers to no binding of a scope within it, of those
// spelling only unless it is "", and reports whether it could: not for a
// statement with syntax errors, whose parse is not to be trusted.
func (f *File) freeNames(stmt syntax.NodeID, only string, add func(name string)) bool {
	t := f.Tree
	end := t.Nodes[stmt].After
	if t.HasError() {
		for id := stmt; id < end; id++ {
			if n := &t.Nodes[id]; n.IsError() || n.IsMissing() {
				return false
			}
		}
	}
	var params map[syntax.NodeID]bool
	for id := stmt; id < end; id++ {
		switch t.Nodes[id].Kind {
		case syntax.Identifier:
			name := t.TextView(id)
			if only != "" && name != only || params[id] || f.nodeScope[id] != 0 && f.resolve(id).scope > 0 {
				continue
			}
			add(name)
		case syntax.FunctionDefinition, syntax.Lambda:
			// A parameter binds in the scope of its def, though the
			// def's header is read in the scope around it.
			for name := range parameterNames(t, t.ChildByField(id, syntax.FieldParameters)) {
				if params == nil {
					params = map[syntax.NodeID]bool{}
				}
				params[name] = true
			}
		}
	}
	return true
}
