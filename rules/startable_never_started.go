package rules

import (
	"fmt"
	"strings"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/analysis/syntax"
)

var startableNeverStarted = newRule(&analysis.Rule{
	Code:    "AL610",
	Name:    "startable-never-started",
	Summary: "trio/anyio: a function taking `task_status` that never calls `task_status.started()` on some path",
	Default: true,
	SameAs:  []string{"ASYNC128"},
	Run:     reportNeverStarted,
})

var (
	matchStatement = syntax.NamedKind("match_statement")
	caseClause     = syntax.NamedKind("case_clause")
)

// reportNeverStarted reports the async defs taking a task status that
// can return without calling its started().
func reportNeverStarted(p *analysis.Pass) {
	f := p.File
	t := f.Tree
	for def := range t.OfKind(syntax.FunctionDefinition) {
		if !f.IsAsyncDef(def) {
			continue
		}
		param := taskStatusParameter(f, def)
		name, body := t.ChildByField(def, syntax.FieldName), t.ChildByField(def, syntax.FieldBody)
		if param == syntax.NoNode || name == syntax.NoNode || body == syntax.NoNode || isStub(t, body) {
			continue
		}
		flow := &startFlow{f: f, param: param}
		if flow.startsLater(body) {
			continue // a nested function starts it, at a time we cannot tell
		}
		if end := flow.block(body, true); !end && !flow.returns {
			continue
		}
		status := t.Text(param)
		p.Report(analysis.Diagnostic{
			Start: int(t.Nodes[def].Start), // the header, up to the name
			End:   int(t.Nodes[name].End),
			Message: fmt.Sprintf("`%s` takes `%s` but can return without calling `%s.started()`: `start()` then "+
				"raises RuntimeError, or waits forever if it never returns; call `%s.started()` once the task is "+
				"ready, on every path", t.Text(name), status, status, status),
		})
	}
}

// startFlow follows the paths through a startable function, looking for
// one that leaves it before its task status is started or handed on.
type startFlow struct {
	f     *semantic.File
	param syntax.NodeID
	loops []*loopExits
	// returns is set when a return is reached before the start.
	returns bool
}

// loopExits records whether a break or continue of a loop is reached
// before the start.
type loopExits struct{ breaks, continues bool }

// block follows the statements of a block; open says that a path that has
// not started reaches it, and the result that one reaches its end.
func (s *startFlow) block(block syntax.NodeID, open bool) bool {
	if block == syntax.NoNode {
		return open // a syntax error
	}
	for stmt := range s.f.Tree.NamedChildren(block) {
		open = s.statement(stmt, open)
	}
	return open
}

func (s *startFlow) statement(stmt syntax.NodeID, open bool) bool {
	t := s.f.Tree
	if !open {
		return false
	}
	switch t.Kind(stmt) {
	case syntax.ReturnStatement:
		s.returns = s.returns || !s.starts(stmt)
		return false
	case syntax.RaiseStatement:
		return false
	case syntax.BreakStatement, syntax.ContinueStatement:
		if n := len(s.loops); n > 0 {
			if t.Kind(stmt) == syntax.BreakStatement {
				s.loops[n-1].breaks = true
			} else {
				s.loops[n-1].continues = true
			}
		}
		return false
	case syntax.IfStatement:
		return s.ifStatement(stmt)
	case syntax.ForStatement, syntax.WhileStatement:
		return s.loop(stmt)
	case syntax.TryStatement:
		return s.try(stmt)
	case syntax.WithStatement:
		return !s.starts(t.ChildOfKind(stmt, withClause)) && s.block(t.ChildByField(stmt, syntax.FieldBody), true)
	case matchStatement:
		return s.match(stmt)
	case syntax.FunctionDefinition, syntax.ClassDefinition, syntax.DecoratedDefinition:
		return true
	}
	return !s.starts(stmt)
}

// ifStatement: a path goes through each branch, and past an if without
// else. A branch taken only when the task status is None (the way past
// if task_status:, the body of if task_status is None:) is not one that
// start() runs.
func (s *startFlow) ifStatement(stmt syntax.NodeID) bool {
	t := s.f.Tree
	cond := t.ChildByField(stmt, syntax.FieldCondition)
	if s.starts(cond) {
		return false
	}
	noneIfTrue, noneIfFalse := s.testsStatus(cond)
	open := s.block(t.ChildByField(stmt, syntax.FieldConsequence), !noneIfTrue)
	rest := !noneIfFalse // the branches after the first, and the way past the if
	hasElse := false
	for c := range t.Children(stmt) {
		switch t.Kind(c) {
		case syntax.ElifClause:
			open = s.block(t.ChildByField(c, syntax.FieldConsequence), rest) || open
		case syntax.ElseClause:
			hasElse = true
			open = s.block(t.ChildByField(c, syntax.FieldBody), rest) || open
		}
	}
	return open || rest && !hasElse
}

// testsStatus reports whether the task status is None when a condition
// holds (not task_status, task_status is None), and when it does not
// (task_status, task_status is not None), through not, and, or.
func (s *startFlow) testsStatus(cond syntax.NodeID) (noneIfTrue, noneIfFalse bool) {
	t := s.f.Tree
	cond = t.Unwrap(cond)
	switch t.Kind(cond) {
	case syntax.Identifier:
		return false, refersTo(s.f, cond, s.param)
	case syntax.NotOperator:
		ifTrue, ifFalse := s.testsStatus(t.ChildByField(cond, syntax.FieldArgument))
		return ifFalse, ifTrue
	case syntax.BooleanOperator:
		lt, lf := s.testsStatus(t.ChildByField(cond, syntax.FieldLeft))
		rt, rf := s.testsStatus(t.ChildByField(cond, syntax.FieldRight))
		if t.TextView(t.ChildByField(cond, syntax.FieldOperator)) == "and" {
			return lt || rt, lf && rf
		}
		return lt && rt, lf || rf
	case syntax.ComparisonOperator:
		left, right := t.NamedChild(cond, 0), t.NamedChild(cond, 1)
		if t.NamedChild(cond, 2) != syntax.NoNode || !refersTo(s.f, t.Unwrap(left), s.param) ||
			t.Kind(t.Unwrap(right)) != syntax.None {
			return false, false
		}
		switch strings.Join(strings.Fields(string(t.Src[t.Nodes[left].End:t.Nodes[right].Start])), " ") {
		case "is", "==":
			return true, false
		case "is not", "!=":
			return false, true
		}
	}
	return false, false
}

// loop: a loop may run its body no time at all, except while True, which
// only ends by break.
func (s *startFlow) loop(stmt syntax.NodeID) bool {
	t := s.f.Tree
	header := t.ChildByField(stmt, syntax.FieldRight) // the iterable of a for
	if t.Kind(stmt) == syntax.WhileStatement {
		header = t.ChildByField(stmt, syntax.FieldCondition)
	}
	if s.starts(header) {
		return false
	}
	exits := &loopExits{}
	s.loops = append(s.loops, exits)
	s.block(t.ChildByField(stmt, syntax.FieldBody), true)
	s.loops = s.loops[:len(s.loops)-1]
	if t.Kind(stmt) == syntax.WhileStatement && isTrue(t, header) {
		return exits.breaks
	}
	if alt := t.ChildByField(stmt, syntax.FieldAlternative); alt != syntax.NoNode {
		return s.block(t.ChildByField(alt, syntax.FieldBody), true) || exits.breaks
	}
	return true
}

// try: a handler may be entered from any statement of the body until
// the one that starts; a finally that starts covers every path.
func (s *startFlow) try(stmt syntax.NodeID) bool {
	t := s.f.Tree
	open, raised := true, false
	for c := range t.NamedChildren(t.ChildByField(stmt, syntax.FieldBody)) {
		raised = raised || open && !s.startsAtOnce(c)
		open = s.statement(c, open)
	}
	var finally syntax.NodeID = syntax.NoNode
	handled := false
	for c := range t.Children(stmt) {
		switch t.Kind(c) {
		case syntax.ExceptClause:
			handled = s.block(t.ChildOfKind(c, syntax.Block), raised) || handled
		case syntax.ElseClause:
			open = s.block(t.ChildByField(c, syntax.FieldBody), open)
		case syntax.FinallyClause:
			finally = t.ChildOfKind(c, syntax.Block)
		}
	}
	open = open || handled
	if finally != syntax.NoNode {
		open = s.block(finally, open || raised) && open
	}
	return open
}

// match: a path goes through each case, and past a match without an
// irrefutable case.
func (s *startFlow) match(stmt syntax.NodeID) bool {
	t := s.f.Tree
	open, exhaustive := false, false
	for c := range t.NamedChildren(t.ChildByField(stmt, syntax.FieldBody)) {
		if t.Kind(c) != caseClause {
			continue
		}
		open = s.block(t.ChildByField(c, syntax.FieldConsequence), true) || open
		pattern := t.ChildOfKind(c, syntax.CasePattern)
		if t.ChildOfKind(c, ifClause) == syntax.NoNode && pattern != syntax.NoNode && t.Text(pattern) == "_" {
			exhaustive = true
		}
	}
	return open || !exhaustive
}

// starts reports whether the code of node, in its frame, starts the task
// status: calls its started(), or hands it on to another function.
func (s *startFlow) starts(node syntax.NodeID) bool {
	for id := range frameNodes(s.f.Tree, node) {
		if s.isStart(id) {
			return true
		}
	}
	return false
}

// startsLater reports whether a function or lambda defined in body starts
// the task status.
func (s *startFlow) startsLater(body syntax.NodeID) bool {
	t := s.f.Tree
	for id := body; id < t.Nodes[body].After; id++ {
		if !s.isStart(id) {
			continue
		}
		for a := range t.Ancestors(id) {
			if a == body {
				break
			}
			if isFrameBoundary(t.Kind(a)) {
				return true
			}
		}
	}
	return false
}

// startsAtOnce reports whether statement stmt is a simple statement that
// starts the task status, or hands it on, which may raise only once it
// has started it.
func (s *startFlow) startsAtOnce(stmt syntax.NodeID) bool {
	return s.f.Tree.Kind(stmt) == syntax.ExpressionStatement && s.starts(stmt)
}

// isStart reports whether node id starts the task status: a call of its
// started(), or the status passed as an argument or assigned, which hands
// the start on.
func (s *startFlow) isStart(id syntax.NodeID) bool {
	f, t := s.f, s.f.Tree
	switch t.Kind(id) {
	case syntax.Call:
		callee := t.ChildByField(id, syntax.FieldFunction)
		return t.MethodName(id) == "started" && refersTo(f, t.Unwrap(t.ReadFrom(callee)), s.param)
	case syntax.Identifier:
		if !refersTo(f, id, s.param) || id == s.param {
			return false
		}
		parent := t.Parent(id)
		switch t.Kind(parent) {
		case syntax.ArgumentList, syntax.ListSplat, syntax.DictionarySplat:
			return true
		case syntax.KeywordArgument, syntax.Assignment:
			return t.Nodes[id].Field == syntax.FieldValue || t.Nodes[id].Field == syntax.FieldRight
		}
	}
	return false
}
