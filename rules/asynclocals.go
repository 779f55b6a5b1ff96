package rules

import (
	"slices"
	"strings"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/analysis/syntax"
)

// The AL3xx rules report async values that are not consumed the async way:
// coroutines dropped, kept and forgotten, tested for truth or read as if
// they were their result, and async context managers and iterables used
// with a plain with or for. asyncValueOf says what a call produces;
// asyncLocals follows that value into the locals it is assigned to.

// asyncLocal is a local variable of a function assigned an async value by
// a plain assignment: c = fetch().
type asyncLocal struct {
	assign syntax.NodeID // the assignment
	value  asyncValue
	uses   []syntax.NodeID // the identifiers that read it
}

// escapes reports whether a use of the local may await the coroutine or
// hand it to other code.
func (l *asyncLocal) escapes(t *syntax.Tree) bool {
	return slices.ContainsFunc(l.uses, func(use syntax.NodeID) bool { return passesOn(t, use) })
}

// asyncLocals are the async locals of a file, by binding.
type asyncLocals map[semantic.BindingID]*asyncLocal

type asyncLocalsKey struct{}

func asyncLocalsOf(p *analysis.Pass) asyncLocals {
	return p.Memo(asyncLocalsKey{}, func() any { return findAsyncLocals(p) }).(asyncLocals)
}

// findAsyncLocals finds the async locals of a file and the identifiers
// that may read each. Bindings are flow-insensitive, so a read of a name
// that is also bound to something else counts as a read of every binding:
// a use is never missed. Of a file checked in part, only the locals bound
// in the statements checked are found: a local's uses are in its
// function's statement.
func findAsyncLocals(p *analysis.Pass) asyncLocals {
	f := p.File
	ls := asyncLocals{}
	for i := range f.Bindings {
		id, b := semantic.BindingID(i), &f.Bindings[i]
		if !f.Tree.Sees(b.Node) {
			continue
		}
		assign := plainAssignment(f, b)
		if assign == syntax.NoNode || !slices.Contains(f.Lookup(b.Node), id) { // global or nonlocal
			continue
		}
		if v := asyncValueOf(p, b.Value); v.kind != 0 {
			ls[id] = &asyncLocal{assign: assign, value: v}
		}
	}
	for b, l := range ls {
		for id := range f.Uses(b) {
			if isRead(f, id) {
				l.uses = append(l.uses, id)
			}
		}
	}
	return ls
}

// plainAssignment returns the assignment that binds b when it is a local
// of a function assigned a call by a single target (c = f(), c: T = f()),
// or NoNode.
func plainAssignment(f *semantic.File, b *semantic.Binding) syntax.NodeID {
	t := f.Tree
	if b.Kind != semantic.AssignmentBinding || b.Value == syntax.NoNode || f.Scopes[b.Scope].Kind != semantic.FunctionScope {
		return syntax.NoNode
	}
	assign := t.Parent(b.Node)
	if t.Kind(assign) != syntax.Assignment || t.Nodes[b.Node].Field != syntax.FieldLeft ||
		t.Parent(b.Value) != assign || t.Kind(t.Parent(assign)) == syntax.Assignment ||
		t.Kind(t.Unwrap(b.Value)) != syntax.Call {
		return syntax.NoNode
	}
	return assign
}

// isRead reports whether identifier id reads a variable: it is not an
// attribute or keyword name, nor the target of a plain assignment or del.
func isRead(f *semantic.File, id syntax.NodeID) bool {
	t := f.Tree
	n := &t.Nodes[id]
	switch pk := t.Kind(n.Parent); {
	case !f.IsVariable(id):
		return false
	case pk == syntax.Assignment, pk == syntax.NamedExpression:
		return n.Field != syntax.FieldName && n.Field != syntax.FieldLeft
	case pk == syntax.DeleteStatement:
		return false
	case pk == syntax.ExpressionList:
		return t.Kind(t.Parent(n.Parent)) != syntax.DeleteStatement
	}
	return true
}

// valueOf is coroutineValueOf, extended to the async locals: a name all of
// whose bindings are async locals has the kinds they share.
func (ls asyncLocals) valueOf(p *analysis.Pass, expr syntax.NodeID) asyncValue {
	f := p.File
	t := f.Tree
	expr = t.Unwrap(expr)
	if expr == syntax.NoNode {
		return asyncValue{}
	}
	if v := asyncValueOf(p, expr); v.kind != 0 || t.Kind(expr) != syntax.Identifier {
		return v
	}
	bindings := f.Lookup(expr)
	if len(bindings) == 0 {
		return asyncValue{}
	}
	v := asyncValue{kind: ^asyncKind(0), certain: true}
	for _, b := range bindings {
		l := ls[b]
		if l == nil {
			return asyncValue{}
		}
		v.kind &= l.value.kind
		v.certain = v.certain && l.value.certain
	}
	v.name = t.Text(expr)
	return v
}

// awaitFix inserts await before expr, a coroutine call or a name that
// holds one, when an await can go there. For a name it must be the only
// read of the coroutine, outside any loop the assignment is not in:
// awaiting a coroutine twice raises RuntimeError.
func (ls asyncLocals) awaitFix(p *analysis.Pass, expr syntax.NodeID) *analysis.Fix {
	f := p.File
	t := f.Tree
	if t.Kind(expr) == syntax.Identifier {
		for _, b := range f.Lookup(expr) {
			l := ls[b]
			if l == nil || len(l.uses) != 1 || f.ScopeOf(expr) != f.Bindings[b].Scope || inLoopWithout(t, expr, l.assign) {
				return nil
			}
		}
	}
	return awaitFix(p, expr, analysis.Unsafe)
}

// inLoopWithout reports whether id is in a for or while loop (condition
// included) that does not also contain other.
func inLoopWithout(t *syntax.Tree, id, other syntax.NodeID) bool {
	for a := range t.Ancestors(id) {
		if k := t.Kind(a); (k == syntax.ForStatement || k == syntax.WhileStatement) && !t.Contains(a, other) {
			return true
		}
	}
	return false
}

// passesOn reports whether a read of a coroutine local may await it or
// hand it to other code: anything but a truth test (AL303), or reading an
// attribute or item that coroutines lack (AL306).
func passesOn(t *syntax.Tree, use syntax.NodeID) bool {
	outer := t.OuterParens(use)
	return !onlyTested(t, outer) && coroutineRead(t, t.Parent(outer)) != use
}

// ifClause is the if of a comprehension, whose condition is only tested.
var ifClause = syntax.NamedKind("if_clause")

// onlyTested reports whether the value of expression id is used only as a
// truth value: a condition, the operand of not, or an operand of an
// and/or that is itself only tested.
func onlyTested(t *syntax.Tree, id syntax.NodeID) bool {
	id = t.OuterParens(id)
	n := &t.Nodes[id]
	switch t.Kind(n.Parent) {
	case syntax.IfStatement, syntax.ElifClause, syntax.WhileStatement:
		return n.Field == syntax.FieldCondition
	case syntax.NotOperator, ifClause:
		return true
	case syntax.AssertStatement:
		return t.NamedChild(n.Parent, 0) == id
	case syntax.ConditionalExpression:
		return t.NamedChild(n.Parent, 1) == id // body if condition else alternative
	case syntax.BooleanOperator:
		return onlyTested(t, n.Parent)
	}
	return false
}

// coroutineRead returns the object whose attribute or item id reads,
// without parentheses, or NoNode when id is neither or reads an attribute
// every coroutine has.
func coroutineRead(t *syntax.Tree, id syntax.NodeID) syntax.NodeID {
	if t.Kind(id) == syntax.Attribute && coroutineAttr(t.TextView(t.ChildByField(id, syntax.FieldAttr))) {
		return syntax.NoNode
	}
	return t.ReadFrom(id)
}

// coroutineAttr reports whether name is an attribute of coroutine objects
// themselves, used by code that drives or closes one on purpose.
func coroutineAttr(name string) bool {
	switch name {
	case "close", "send", "throw":
		return true
	}
	return strings.HasPrefix(name, "cr_") || strings.HasPrefix(name, "__") && strings.HasSuffix(name, "__")
}
