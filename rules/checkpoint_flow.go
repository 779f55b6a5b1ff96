package rules

import (
	"iter"
	"maps"
	"math/big"
	"slices"
	"strings"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/analysis/syntax"
)

// The checkpoint flow follows each async def in execution order and keeps
// the points since which no checkpoint is certain: the start of the
// function and each yield. Where the function may yield, return or end
// with such points pending, a caller or consumer regains control without
// the function having let other tasks run or cancellation in (AL618). A
// `while True` loop whose body can go round with no checkpoint starves
// the event loop (AL612). The flow is that of flake8-async's ASYNC910,
// ASYNC911 and ASYNC913: an await, an async with (entering and leaving),
// an async for (each step and the end) and a raise count as checkpoints;
// conditions, loops, try and match statements join their paths' points.

// loopStart stands, inside a loop body, for the points pending when the
// body was entered, which are only known once the loop's end is.
const loopStart syntax.NodeID = -2

// pending is a set of points: def or yield nodes, or loopStart.
type pending map[syntax.NodeID]bool

func (s pending) clone() pending { return maps.Clone(s) }

func (s pending) add(o pending) { maps.Copy(s, o) }

// sorted returns the points of s other than loopStart, in source order.
func (s pending) sorted() []syntax.NodeID {
	var out []syntax.NodeID
	for k := range s {
		if k != loopStart {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

// An uncheckpointed exit is a yield, return or end of an async def
// (node: the yield, the return statement, or the def) reachable from
// point since without a checkpoint.
type uncheckpointedExit struct {
	node, since syntax.NodeID
}

// checkpointFindings are what the flow finds in a file.
type checkpointFindings struct {
	exits []uncheckpointedExit
	// loops are the while loops that can go round without an await:
	// found by a second flow, in which the exceptions a handler catches
	// come from the awaits of its try body (so a loop that awaits on every
	// path unless an exception is raised before any await is not one).
	loops []syntax.NodeID
}

type checkpointExitsKey struct{}

// checkpointExits runs the flow that finds the exits over every async def
// of the file, once.
func checkpointExits(p *analysis.Pass) []uncheckpointedExit {
	return p.Memo(checkpointExitsKey{}, func() any {
		f := p.File
		found := &checkpointFindings{}
		for def := range checkpointDefs(f) {
			fl := &checkpointFlow{t: f.Tree, f: f, found: found, seen: map[uncheckpointedExit]bool{},
				exempt: exemptContextMethod(f, def), cur: pending{def: true}}
			fl.visit(f.Tree.ChildByField(def, syntax.FieldBody))
			fl.exit(def)
		}
		return found.exits
	}).([]uncheckpointedExit)
}

type checkpointLoopsKey struct{}

// checkpointLoops runs the flow that finds the loops over the async defs
// of the file that hold a while loop, once: the others have none to find.
func checkpointLoops(p *analysis.Pass) []syntax.NodeID {
	return p.Memo(checkpointLoopsKey{}, func() any {
		f := p.File
		t := f.Tree
		whiles := slices.Collect(t.OfKind(syntax.WhileStatement))
		found := &checkpointFindings{}
		for def := range checkpointDefs(f) {
			i, _ := slices.BinarySearch(whiles, def)
			if i == len(whiles) || !t.Contains(def, whiles[i]) {
				continue
			}
			fl := &checkpointFlow{t: t, f: f, found: found, raisingAwaits: true, cur: pending{def: true}}
			fl.visit(t.ChildByField(def, syntax.FieldBody))
		}
		return found.loops
	}).([]syntax.NodeID)
}

// checkpointDefs yields the async defs of f that the checkpoint rules
// follow: not stubs, overloads, fixtures or context manager generators.
func checkpointDefs(f *semantic.File) iter.Seq[syntax.NodeID] {
	return func(yield func(syntax.NodeID) bool) {
		t := f.Tree
		for def := range t.OfKind(syntax.FunctionDefinition) {
			if f.IsAsyncDef(def) && !isStub(t, def, false) && !skipsCheckpointRules(f, def) && !yield(def) {
				return
			}
		}
	}
}

// skipsCheckpointRules reports whether def is an overload, a fixture or
// an async context manager generator, whose checkpoints others provide.
func skipsCheckpointRules(f *semantic.File, def syntax.NodeID) bool {
	t := f.Tree
	decorated := t.Parent(def)
	if t.Kind(decorated) != syntax.DecoratedDefinition {
		return false
	}
	for d := range t.NamedChildren(decorated) {
		expr := t.Unwrap(t.NamedChild(d, 0))
		if expr != syntax.NoNode && t.Kind(expr) == syntax.Call {
			expr = t.ChildByField(expr, syntax.FieldFunction)
		}
		name := ""
		switch t.Kind(expr) {
		case syntax.Identifier:
			name = t.Text(expr)
		case syntax.Attribute:
			name = t.Text(t.ChildByField(expr, syntax.FieldAttr))
		}
		switch name {
		case "overload", "fixture", "asynccontextmanager":
			return true
		}
	}
	return false
}

// exemptContextMethod reports whether def is an __aenter__ or __aexit__
// with no checkpoint that need not have one: its partner in the class
// checkpoints, or is inherited from a base class (charitably assumed to
// checkpoint). When neither method checkpoints, only __aenter__ is
// reported.
func exemptContextMethod(f *semantic.File, def syntax.NodeID) bool {
	t := f.Tree
	name := t.Text(t.ChildByField(def, syntax.FieldName))
	if (name != "__aenter__" && name != "__aexit__") || !isMethod(f, def) || hasCheckpoint(t, t.ChildByField(def, syntax.FieldBody)) {
		return false
	}
	class := f.Scopes[f.ScopeOf(def)].Node
	partnerName := map[string]string{"__aenter__": "__aexit__", "__aexit__": "__aenter__"}[name]
	for stmt := range t.NamedChildren(t.ChildByField(class, syntax.FieldBody)) {
		if t.Kind(stmt) == syntax.DecoratedDefinition {
			stmt = t.ChildByField(stmt, syntax.FieldDefinition)
		}
		if t.Kind(stmt) == syntax.FunctionDefinition && f.IsAsyncDef(stmt) && t.Text(t.ChildByField(stmt, syntax.FieldName)) == partnerName {
			return hasCheckpoint(t, t.ChildByField(stmt, syntax.FieldBody)) || name == "__aexit__"
		}
	}
	bases := t.ChildByField(class, syntax.FieldSuperclasses)
	if bases == syntax.NoNode {
		return false
	}
	for b := range t.NamedChildren(bases) {
		if t.Kind(b) != syntax.KeywordArgument {
			return true
		}
	}
	return false
}

// checkpointFlow is the flow through one async def.
type checkpointFlow struct {
	t      *syntax.Tree
	f      *semantic.File
	found  *checkpointFindings
	seen   map[uncheckpointedExit]bool
	exempt bool // an __aenter__ or __aexit__ that need not checkpoint
	// raisingAwaits counts an await that raises as a checkpoint: the flow
	// that finds the loops, which need an await on every iteration, not
	// the guarantee of one that trio and anyio functions give their
	// callers. The flow without it finds the exits.
	raisingAwaits bool

	cur  pending // the points pending here
	loop *loopFlow
}

// loopFlow is what a loop body collects for its end.
type loopFlow struct {
	hasBreak       bool
	beforeContinue pending
	beforeBreak    pending
	// fromStart are the yields and returns reached with loopStart
	// pending: they are reported once the points it stands for are known.
	fromStart []syntax.NodeID
}

// checkpoint makes every point checkpointed.
func (fl *checkpointFlow) checkpoint() { fl.cur = pending{} }

// schedulePoint lets other tasks run but is no cancellation point: it
// ends the wait of pending points, and not that of a loop's start, which
// AL612 is about.
func (fl *checkpointFlow) schedulePoint() {
	if fl.cur[loopStart] {
		fl.cur = pending{loopStart: true}
	} else {
		fl.cur = pending{}
	}
}

// exit records the exits at node (a yield, a return, or the def) from the
// points pending.
func (fl *checkpointFlow) exit(node syntax.NodeID) {
	if fl.cur[loopStart] && fl.loop != nil {
		fl.loop.fromStart = append(fl.loop.fromStart, node)
	}
	for _, since := range fl.cur.sorted() {
		fl.report(node, since)
	}
}

func (fl *checkpointFlow) report(node, since syntax.NodeID) {
	e := uncheckpointedExit{node, since}
	if fl.exempt || fl.raisingAwaits || fl.seen[e] {
		return
	}
	fl.seen[e] = true
	fl.found.exits = append(fl.found.exits, e)
}

// visitChildren visits the named children of id in order.
func (fl *checkpointFlow) visitChildren(id syntax.NodeID) {
	for c := range fl.t.NamedChildren(id) {
		fl.visit(c)
	}
}

// visit follows the code of node id.
func (fl *checkpointFlow) visit(id syntax.NodeID) {
	t := fl.t
	if id == syntax.NoNode {
		return
	}
	switch t.Kind(id) {
	case syntax.Await, syntax.RaiseStatement:
		fl.visitChildren(id)
		fl.checkpoint()
	case syntax.Yield:
		fl.visitChildren(id)
		fl.exit(id)
		fl.cur = pending{id: true}
	case syntax.ReturnStatement:
		fl.visitChildren(id)
		fl.exit(id)
		fl.cur = pending{} // the path ends here
	case syntax.FunctionDefinition:
		// Only the default values run here; the body is a flow of its own.
		for param := range t.NamedChildren(t.ChildByField(id, syntax.FieldParameters)) {
			fl.visit(t.ChildByField(param, syntax.FieldValue))
		}
	case syntax.DecoratedDefinition:
		fl.visit(t.ChildByField(id, syntax.FieldDefinition))
	case syntax.Lambda, syntax.ClassDefinition:
	case syntax.IfStatement:
		fl.visitIf(id)
	case syntax.ConditionalExpression:
		fl.visit(t.NamedChild(id, 1))
		after := fl.cur.clone()
		fl.visit(t.NamedChild(id, 0))
		body := fl.cur
		fl.cur = after
		fl.visit(t.NamedChild(id, 2))
		fl.cur.add(body)
	case syntax.BooleanOperator:
		// The right operand may not run: its checkpoints are not certain.
		fl.visit(t.ChildByField(id, syntax.FieldLeft))
		before := fl.cur.clone()
		fl.visit(t.ChildByField(id, syntax.FieldRight))
		fl.cur.add(before)
	case syntax.WhileStatement:
		fl.visit(t.ChildByField(id, syntax.FieldCondition))
		infinite := alwaysTrue(t, t.ChildByField(id, syntax.FieldCondition))
		fl.visitLoop(id, infinite, infinite, false)
	case syntax.ForStatement:
		right := t.ChildByField(id, syntax.FieldRight)
		fl.visit(right)
		fl.visitLoop(id, false, iteratesOnce(fl.f, right), t.HasToken(id, syntax.AsyncKeyword))
	case syntax.TryStatement:
		fl.visitTry(id)
	case syntax.MatchStatement:
		fl.visitMatch(id)
	case syntax.WithStatement:
		fl.visitWith(id)
	case syntax.ListComprehension, syntax.SetComprehension, syntax.DictionaryComprehension:
		fl.visitComprehension(id)
	case syntax.GeneratorExpression:
		// Only the first iterable runs when the generator is created.
		if first := t.ChildOfKind(id, syntax.ForInClause); first != syntax.NoNode {
			fl.visit(t.ChildByField(first, syntax.FieldRight))
		}
	case syntax.ContinueStatement:
		if fl.loop != nil {
			fl.loop.beforeContinue.add(fl.cur)
		}
	case syntax.BreakStatement:
		if fl.loop != nil {
			fl.loop.hasBreak = true
			fl.loop.beforeBreak.add(fl.cur)
		}
	default:
		fl.visitChildren(id)
	}
}

// visitIf joins the ends of the branches, and the state after the last
// condition when there is no else.
func (fl *checkpointFlow) visitIf(id syntax.NodeID) {
	t := fl.t
	fl.visit(t.ChildByField(id, syntax.FieldCondition))
	afterCondition := fl.cur.clone()
	fl.visit(t.ChildByField(id, syntax.FieldConsequence))
	ends := fl.cur
	fl.cur = afterCondition
	hasElse := false
	for c := range t.NamedChildren(id) {
		switch t.Kind(c) {
		case syntax.ElifClause:
			fl.visit(t.ChildByField(c, syntax.FieldCondition))
			afterCondition = fl.cur.clone()
			fl.visit(t.ChildByField(c, syntax.FieldConsequence))
			ends.add(fl.cur)
			fl.cur = afterCondition
		case syntax.ElseClause:
			hasElse = true
			fl.visit(t.ChildByField(c, syntax.FieldBody))
		}
	}
	if hasElse {
		fl.cur.add(ends)
	} else {
		ends.add(fl.cur)
		fl.cur = ends
	}
}

// visitLoop follows a loop body entered with the points pending now. A
// yield or return reached from the body's start without a checkpoint is
// reported once the loop's end is known, for the points pending before
// the loop, at the end of the body and at each continue.
func (fl *checkpointFlow) visitLoop(id syntax.NodeID, infinite, runsOnce, async bool) {
	t := fl.t
	outer := fl.loop
	before := fl.cur
	lf := &loopFlow{beforeContinue: pending{}, beforeBreak: pending{}}
	fl.loop = lf
	if async {
		fl.checkpoint()
	} else {
		fl.cur = pending{loopStart: true}
	}
	fl.visit(t.ChildByField(id, syntax.FieldBody))
	fl.loop = outer

	again := before.clone()
	again.add(fl.cur)
	again.add(lf.beforeContinue)
	for _, node := range lf.fromStart {
		for _, since := range again.sorted() {
			fl.report(node, since)
		}
	}
	if fl.raisingAwaits && infinite && !lf.hasBreak && (fl.cur[loopStart] || lf.beforeContinue[loopStart]) && !mayEndSynchronously(t, id) {
		fl.found.loops = append(fl.found.loops, id)
	}
	for _, s := range []pending{lf.beforeContinue, lf.beforeBreak, fl.cur} {
		if s[loopStart] {
			delete(s, loopStart)
			s.add(before)
		}
	}
	if async {
		fl.checkpoint() // the step that finds the iterator exhausted
	} else {
		if !runsOnce {
			fl.cur.add(before)
		}
		if !infinite {
			fl.cur.add(lf.beforeContinue)
		}
	}
	if e := t.ChildByField(id, syntax.FieldAlternative); e != syntax.NoNode {
		fl.visit(t.ChildByField(e, syntax.FieldBody))
	}
	if infinite && !lf.hasBreak {
		fl.cur = pending{}
	} else {
		fl.cur.add(lf.beforeBreak)
	}
}

// visitTry: a handler may start at any point of the try body, so with
// the points pending before it and its yields; the finally also, unless a
// handler catches everything, after which they are dropped again since
// the exception then propagates.
func (fl *checkpointFlow) visitTry(id syntax.NodeID) {
	t := fl.t
	body := t.ChildByField(id, syntax.FieldBody)
	yields := pending{}
	for y := body; y < t.Nodes[body].After; y++ {
		switch t.Kind(y) {
		case syntax.FunctionDefinition, syntax.Lambda, syntax.ClassDefinition:
			y = t.Nodes[y].After - 1
		case syntax.Yield:
			yields[y] = true
		}
	}
	atHandler := fl.cur.clone()
	atHandler.add(yields)
	fl.visit(body)
	tryEnd := fl.cur
	handlers := pending{}
	catchesAll := false
	var elseClause, finally syntax.NodeID = syntax.NoNode, syntax.NoNode
	for c := range t.NamedChildren(id) {
		switch t.Kind(c) {
		case syntax.ExceptClause:
			fl.cur = atHandler.clone()
			if catchesOnlyCancellation(fl.f, c) || fl.raisingAwaits && hasCheckpoint(t, body) {
				// Cancellation arrives at a checkpoint: only the yields
				// after it can be pending.
				fl.cur = yields.clone()
			}
			fl.visitChildren(c)
			handlers.add(fl.cur)
			v := t.ChildByField(c, syntax.FieldValue)
			catchesAll = catchesAll || v == syntax.NoNode || t.Text(v) == "BaseException"
		case syntax.ElseClause:
			elseClause = c
		case syntax.FinallyClause:
			finally = c
		}
	}
	fl.cur = tryEnd
	if elseClause != syntax.NoNode {
		fl.visit(t.ChildByField(elseClause, syntax.FieldBody))
	}
	fl.cur.add(handlers)
	if finally == syntax.NoNode {
		return
	}
	added := pending{}
	for k := range atHandler {
		if !fl.cur[k] {
			added[k] = true
		}
	}
	if !catchesAll {
		fl.cur.add(added)
	}
	fl.visitChildren(finally)
	for k := range added {
		delete(fl.cur, k)
	}
}

// mayEndSynchronously reports whether loop, which never awaits or yields,
// may be a synchronous loop that does its work and ends: it calls
// something, and returns or raises, or an exception ends it (it lies in a
// try or with statement), as a loop that drains a queue with get_nowait
// until QueueEmpty does. A loop that calls nothing can only wait for
// something no other task can do while it runs.
func mayEndSynchronously(t *syntax.Tree, loop syntax.NodeID) bool {
	body := t.ChildByField(loop, syntax.FieldBody)
	if hasCheckpoint(t, body) || containsOwn(t, body, syntax.Yield) || !containsOwn(t, body, syntax.Call) {
		return false
	}
	if containsOwn(t, body, syntax.ReturnStatement) || containsOwn(t, body, syntax.RaiseStatement) {
		return true
	}
	for a := range t.Ancestors(loop) {
		switch t.Kind(a) {
		case syntax.TryStatement, syntax.WithStatement:
			return true
		case syntax.FunctionDefinition:
			return false
		}
	}
	return false
}

// visitMatch joins the ends of the cases, and the state after the subject
// when no case is sure to match.
func (fl *checkpointFlow) visitMatch(id syntax.NodeID) {
	t := fl.t
	body := t.ChildByField(id, syntax.FieldBody)
	for c := range t.NamedChildren(id) {
		if c != body {
			fl.visit(c) // the subjects
		}
	}
	base := fl.cur
	ends := pending{}
	fallback := false
	for c := range t.NamedChildren(body) {
		if t.Kind(c) != syntax.CaseClause {
			continue
		}
		fl.cur = base.clone()
		guard := t.ChildOfKind(c, ifClause)
		if guard != syntax.NoNode {
			fl.visitChildren(guard)
		}
		if matchesAnything(t, t.ChildOfKind(c, syntax.CasePattern)) && (guard == syntax.NoNode || len(fl.cur) == 0) {
			fallback = true
		}
		fl.visit(t.ChildByField(c, syntax.FieldConsequence))
		ends.add(fl.cur)
	}
	fl.cur = ends
	if !fallback {
		fl.cur.add(base)
	}
}

// matchesAnything reports whether a case pattern is the wildcard _ or a
// capture pattern.
func matchesAnything(t *syntax.Tree, pattern syntax.NodeID) bool {
	if pattern == syntax.NoNode {
		return false
	}
	inner := t.OnlyNamedChild(pattern)
	if inner == syntax.NoNode {
		return t.NamedChild(pattern, 0) == syntax.NoNode && strings.TrimSpace(t.Text(pattern)) == "_"
	}
	return t.Kind(inner) == dottedName && t.OnlyNamedChild(inner) != syntax.NoNode
}

var dottedName = syntax.NamedKind("dotted_name")

// visitWith: an async with checkpoints when entered and when left, but a
// nursery or task group only lets other tasks run (it checkpoints on
// leaving if a task was started in it). Exceptions suppressed by
// contextlib.suppress may skip the body.
func (fl *checkpointFlow) visitWith(id syntax.NodeID) {
	t := fl.t
	async := t.HasToken(id, syntax.AsyncKeyword)
	var nurseries []string // the names of the nurseries, "" when unnamed
	suppress := false
	for _, item := range withItems(t, id) {
		value := t.WithItemValue(item)
		if t.Kind(t.Unwrap(value)) == syntax.Call {
			switch fl.f.QualifiedName(t.ChildByField(t.Unwrap(value), syntax.FieldFunction)) {
			case "contextlib.suppress":
				suppress = true
			case taskGroupFactories[0], taskGroupFactories[1]:
				nurseries = append(nurseries, withTarget(t, item))
			}
		}
	}
	before := fl.cur.clone()
	for _, item := range withItems(t, id) {
		fl.visit(t.WithItemValue(item))
	}
	onlyNurseries := len(nurseries) == len(withItems(t, id))
	if async {
		if onlyNurseries {
			fl.schedulePoint()
		} else {
			fl.checkpoint()
		}
	}
	body := t.ChildByField(id, syntax.FieldBody)
	fl.visit(body)
	if suppress {
		fl.cur.add(before)
	}
	if !async {
		return
	}
	if onlyNurseries && !startsTasks(t, body, nurseries) {
		fl.schedulePoint()
	} else {
		fl.checkpoint()
	}
}

// withTarget returns the name a with item binds, or "".
func withTarget(t *syntax.Tree, item syntax.NodeID) string {
	value := t.ChildByField(item, syntax.FieldValue)
	if t.Kind(value) != syntax.AsPattern {
		return ""
	}
	target := t.NamedChild(t.ChildByField(value, syntax.FieldAlias), 0)
	if target == syntax.NoNode || t.Kind(target) != syntax.Identifier {
		return ""
	}
	return t.Text(target)
}

// startsTasks reports whether body calls start_soon on one of the named
// nurseries.
func startsTasks(t *syntax.Tree, body syntax.NodeID, nurseries []string) bool {
	for c := body; c < t.Nodes[body].After; c++ {
		if t.Kind(c) != syntax.Call || t.MethodName(c) != "start_soon" {
			continue
		}
		obj := t.ChildByField(t.ChildByField(c, syntax.FieldFunction), syntax.FieldObject)
		if t.Kind(obj) == syntax.Identifier && slices.Contains(nurseries, t.Text(obj)) && t.Text(obj) != "" {
			return true
		}
	}
	return false
}

// visitComprehension follows the parts of a list, set or dict
// comprehension that are sure to run, in the order they run: each
// iterable while the previous ones are sure to yield an element, the first
// condition after such an iterable, and the element when no condition or
// possibly empty iterable came before.
func (fl *checkpointFlow) visitComprehension(id syntax.NodeID) {
	t := fl.t
	if len(fl.cur) == 0 {
		return
	}
	var clauses []syntax.NodeID
	for c := range t.NamedChildren(id) {
		if k := t.Kind(c); k == syntax.ForInClause || k == ifClause {
			clauses = append(clauses, c)
		}
	}
	for i := 0; i < len(clauses); i++ {
		c := clauses[i]
		if len(fl.cur) == 0 {
			return
		}
		if t.Kind(c) == ifClause {
			fl.visitChildren(c)
			return
		}
		if t.HasToken(c, syntax.AsyncKeyword) {
			fl.checkpoint()
			return
		}
		right := t.ChildByField(c, syntax.FieldRight)
		fl.visit(right)
		if !iteratesOnce(fl.f, right) {
			return
		}
	}
	if len(fl.cur) > 0 {
		fl.visit(t.ChildByField(id, syntax.FieldBody))
	}
}

// alwaysTrue reports whether a loop condition is a constant that is true:
// True, a non-zero number or a non-empty string.
func alwaysTrue(t *syntax.Tree, cond syntax.NodeID) bool {
	cond = t.Unwrap(cond)
	switch t.Kind(cond) {
	case syntax.True:
		return true
	case syntax.Integer, syntax.Float:
		v, ok := numberValue(t, cond)
		return ok && v != 0
	case syntax.String:
		return stringLength(t, cond) > 0
	}
	return false
}

// stringLength returns the number of characters between the quotes of a
// plain string literal, or -1 for any other string (f-strings,
// concatenations).
func stringLength(t *syntax.Tree, s syntax.NodeID) int {
	n := 0
	for c := range t.NamedChildren(s) {
		switch t.Kind(c) {
		case stringContent:
			n += len(t.Text(c))
		case stringStart, stringEnd:
		default:
			return -1
		}
	}
	return n
}

var (
	stringStart   = syntax.NamedKind("string_start")
	stringContent = syntax.NamedKind("string_content")
	stringEnd     = syntax.NamedKind("string_end")
)

// iteratesOnce reports whether iterating over expr is sure to give at
// least one element: a non-empty literal collection or string, a range
// of integer literals that is not empty, or a variable tested for
// emptiness before (see testedNonEmpty).
func iteratesOnce(f *semantic.File, expr syntax.NodeID) bool {
	t := f.Tree
	expr = t.Unwrap(expr)
	switch t.Kind(expr) {
	case syntax.List, syntax.Tuple, syntax.Set, syntax.Dictionary:
		for c := range t.NamedChildren(expr) {
			switch t.Kind(c) {
			case syntax.ListSplat, syntax.DictionarySplat:
				if iteratesOnce(f, t.NamedChild(c, 0)) {
					return true
				}
			default:
				return true
			}
		}
		return false
	case syntax.String:
		return stringLength(t, expr) > 0
	case syntax.Call:
		if f.QualifiedName(t.ChildByField(expr, syntax.FieldFunction)) != "builtins.range" {
			return false
		}
		return nonEmptyRange(t, expr)
	case syntax.Identifier:
		return testedNonEmpty(f, expr)
	}
	return false
}

// emptyingMethods are the methods that may leave a collection empty.
var emptyingMethods = []string{"clear", "pop", "popitem", "popleft", "remove", "discard"}

// testedNonEmpty reports whether a variable of the function is sure to
// hold something where it is read: a statement before the read, in a
// block around it, is `if not name:` and leaves the block, and nothing in
// the function after that test binds the name again, deletes from it or
// calls a method that may empty it.
func testedNonEmpty(f *semantic.File, use syntax.NodeID) bool {
	t := f.Tree
	fn := f.ExecutingFunction(use)
	refs := f.Lookup(use)
	if fn == semantic.NoScope || len(refs) == 0 ||
		slices.ContainsFunc(refs, func(b semantic.BindingID) bool { return f.Bindings[b].Scope != fn }) {
		return false
	}
	sameName := func(id syntax.NodeID) bool {
		return id != syntax.NoNode && t.Kind(id) == syntax.Identifier && slices.Equal(f.Lookup(id), refs)
	}
	def := f.Scopes[fn].Node
	guard := syntax.NoNode
	for node := use; node != def && guard == syntax.NoNode; node = t.Parent(node) {
		if t.Kind(t.Parent(node)) != syntax.Block {
			continue
		}
		for stmt := range t.NamedChildren(t.Parent(node)) {
			if stmt == node {
				break
			}
			if cond := t.Unwrap(t.ChildByField(stmt, syntax.FieldCondition)); exitsWhen(t, stmt) &&
				t.Kind(cond) == syntax.NotOperator && sameName(t.Unwrap(t.ChildByField(cond, syntax.FieldArgument))) {
				guard = stmt
			}
		}
	}
	if guard == syntax.NoNode {
		return false
	}
	for id := t.Nodes[guard].After; id < t.Nodes[def].After; id++ {
		if !sameName(id) {
			continue
		}
		parent := t.Parent(t.OuterParens(id))
		switch {
		case f.IsBindingOccurrence(id):
			return false
		case t.Kind(parent) == syntax.Attribute && slices.Contains(emptyingMethods, t.Text(t.ChildByField(parent, syntax.FieldAttr))):
			return false
		case t.Kind(parent) == syntax.Subscript && t.Kind(t.Parent(parent)) == syntax.DeleteStatement:
			return false
		}
	}
	return true
}

// nonEmptyRange reports whether range(...) of integer literals (each
// possibly negated or inverted once) has an element.
func nonEmptyRange(t *syntax.Tree, call syntax.NodeID) bool {
	positional, keywords, ok := t.CallArguments(call)
	if !ok || len(keywords) > 0 || len(positional) == 0 || len(positional) > 3 {
		return false
	}
	values := make([]*big.Int, len(positional))
	for i, arg := range positional {
		v, ok := integerLiteral(t, arg)
		if !ok {
			return false
		}
		values[i] = v
	}
	start, stop, step := big.NewInt(0), values[0], big.NewInt(1)
	if len(values) > 1 {
		start, stop = values[0], values[1]
	}
	if len(values) > 2 {
		step = values[2]
	}
	switch step.Sign() {
	case 1:
		return start.Cmp(stop) < 0
	case -1:
		return start.Cmp(stop) > 0
	}
	return false
}

// integerLiteral returns the value of an integer literal, or of one with
// a unary +, - or ~.
func integerLiteral(t *syntax.Tree, id syntax.NodeID) (*big.Int, bool) {
	op := ""
	if t.Kind(id) == syntax.UnaryOperator {
		op = t.Text(t.ChildByField(id, syntax.FieldOperator))
		id = t.ChildByField(id, syntax.FieldArgument)
	}
	if id == syntax.NoNode || t.Kind(id) != syntax.Integer {
		return nil, false
	}
	text := strings.ToLower(strings.ReplaceAll(t.Text(id), "_", ""))
	v, ok := new(big.Int).SetString(text, 0)
	if !ok {
		return nil, false
	}
	switch op {
	case "-":
		v.Neg(v)
	case "~":
		v.Neg(v).Sub(v, big.NewInt(1))
	}
	return v, true
}
