package rules

import (
	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/analysis/syntax"
)

// briefLock reports whether every hold of the thread lock a with item's
// value names is brief, so that waiting for it in a coroutine waits for a
// few statements of another thread, not for I/O: the lock is a name the
// module assigns (not a parameter or an import), the module takes it
// only with with statements and hands it to no other code, and none of
// those statements awaits, yields, waits for another lock or calls what
// blocks. A coroutine that updates state it shares with threads this way
// holds the right lock; an asyncio lock would not keep the threads out.
func briefLock(p *analysis.Pass, value syntax.NodeID) bool {
	f := p.File
	t := f.Tree
	value = t.Unwrap(value)
	if t.Kind(value) != syntax.Identifier {
		return false
	}
	var uses []syntax.NodeID
	for _, b := range f.Lookup(value) {
		if f.Bindings[b].Kind != semantic.AssignmentBinding {
			return false
		}
		for use := range f.Uses(b) {
			if !f.IsBindingOccurrence(use) {
				uses = append(uses, use)
			}
		}
	}
	for _, use := range uses {
		if !briefUse(p, use) {
			return false
		}
	}
	return true
}

// briefUse reports whether a use of a lock leaves it held briefly: the
// value of a with item whose statement is brief, a comparison (lock is
// None), a call of locked(), a global or nonlocal declaration, or an
// assignment to the name.
func briefUse(p *analysis.Pass, use syntax.NodeID) bool {
	t := p.File.Tree
	expr := use
	for t.Kind(t.Parent(expr)) == syntax.ParenthesizedExpression {
		expr = t.Parent(expr)
	}
	parent := t.Parent(expr)
	switch t.Kind(parent) {
	case syntax.ComparisonOperator, syntax.GlobalStatement, syntax.NonlocalStatement:
		return true
	case syntax.Assignment:
		return t.ChildByField(parent, syntax.FieldLeft) == expr
	case syntax.Attribute:
		return t.ChildByField(parent, syntax.FieldObject) == expr &&
			t.Text(t.ChildByField(parent, syntax.FieldAttr)) == "locked"
	}
	for a := range t.Ancestors(expr) {
		if t.Kind(a) == syntax.WithItem {
			stmt := t.Parent(t.Parent(a))
			return t.Unwrap(t.WithItemValue(a)) == use && t.Kind(stmt) == syntax.WithStatement &&
				!t.HasToken(stmt, syntax.AsyncKeyword) && briefHold(p, stmt, use)
		}
		if t.Kind(a) != syntax.AsPattern {
			return false
		}
	}
	return false
}

// briefHold reports whether a with statement on a lock runs briefly while
// it holds it: no await, yield, async for or async with, no other lock,
// and no call that blocks, directly or through the project's functions.
func briefHold(p *analysis.Pass, stmt, lock syntax.NodeID) bool {
	f := p.File
	t := f.Tree
	for id := range frameNodes(t, stmt) {
		switch t.Kind(id) {
		case syntax.Await, syntax.Yield:
			return false
		case syntax.ForStatement, syntax.WithStatement:
			if t.HasToken(id, syntax.AsyncKeyword) {
				return false
			}
		case syntax.WithItem:
			if value := t.Unwrap(t.WithItemValue(id)); value != lock && isThreadLock(f, value) {
				return false
			}
		case syntax.Call:
			if api := blockingAPIOf(f, p.Project, id, &p.Settings.Blocking); api != nil && api.inChains() {
				return false
			}
			if facts := p.Function(t.ChildByField(id, syntax.FieldFunction)); facts != nil && !facts.Async && facts.Chain != nil {
				return false
			}
		}
	}
	return true
}
