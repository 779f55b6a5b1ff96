package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/fix"
	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/analysis/syntax"
)

var danglingTask = newRule(&analysis.Rule{
	Code:    "AL401",
	Name:    "dangling-task",
	Summary: "a task from `asyncio.create_task`, `ensure_future` or `loop.create_task` that nothing keeps",
	Default: true,
	SameAs:  []string{"RUF006", "ASYNC300"},
	Run:     reportDanglingTasks,
})

var swallowedCancellation = newRule(&analysis.Rule{
	Code:    "AL402",
	Name:    "swallowed-cancellation",
	Summary: "an `except` in a coroutine that catches cancellation and does not always re-raise it",
	Default: true,
	SameAs:  []string{"ASYNC103", "ASYNC104"},
	Run:     reportSwallowedCancellation,
})

var coroutinePassedToWait = newRule(&analysis.Rule{
	Code:    "AL403",
	Name:    "coroutine-passed-to-wait",
	Summary: "coroutines passed to `asyncio.wait`",
	Default: true,
	FixKind: analysis.FixSafe,
	Run:     reportCoroutinesPassedToWait,
})

var busyWait = newRule(&analysis.Rule{
	Code:    "AL404",
	Name:    "busy-wait",
	Summary: "a loop that polls a condition with `await asyncio.sleep`",
	Default: true,
	SameAs:  []string{"ASYNC110"},
	Run:     reportBusyWaits,
})

// taskFactories are the functions whose task only the caller keeps alive.
var taskFactories = []string{
	"asyncio.create_task", "asyncio.ensure_future",
	"asyncio.tasks.create_task", "asyncio.tasks.ensure_future",
}

// cancellationCatchers are the classes an except clause catches
// cancellation with; cancellationClassGetters return such a class.
var (
	cancellationCatchers = []string{
		"asyncio.CancelledError", "asyncio.exceptions.CancelledError",
		"concurrent.futures.CancelledError", "concurrent.futures._base.CancelledError",
		"trio.Cancelled", "builtins.BaseException",
	}
	cancellationClassGetters = []string{"anyio.get_cancelled_exc_class"}
)

// exitCalls end the process: a handler that ends with one stops the task.
var exitCalls = []string{"sys.exit", "os._exit", "os.abort", "builtins.exit", "builtins.quit"}

// waitFunctions reject coroutines since Python 3.11. The value is the
// name of the parameter that takes them.
var waitFunctions = map[string]string{"asyncio.wait": "fs", "asyncio.tasks.wait": "fs"}

// pollingSleeps maps each library's sleep to the event to await instead.
var pollingSleeps = map[string]string{
	"asyncio.sleep": "asyncio.Event",
	"trio.sleep":    "trio.Event",
	"anyio.sleep":   "anyio.Event",
}

const keepTaskAdvice = "the event loop keeps only a weak reference, so the task can be " +
	"garbage-collected mid-flight and its exception is lost; keep a reference " +
	"(a set and `add_done_callback(set.discard)`) or use a TaskGroup"

// reportDanglingTasks reports task-creating calls used as statements or
// assigned to a local that is never read.
func reportDanglingTasks(p *analysis.Pass) {
	f := p.File
	t := f.Tree
	for call := range t.OfKind(syntax.Call) {
		if !createsTask(f, call) {
			continue
		}
		name := shortText(t, t.ChildByField(call, syntax.FieldFunction))
		value, holder := call, t.Nodes[call].Parent
		for t.Kind(holder) == syntax.ParenthesizedExpression {
			value, holder = holder, t.Nodes[holder].Parent
		}
		switch t.Kind(holder) {
		case syntax.ExpressionStatement:
			p.Reportf(call, nil, "the task `%s` returns is discarded: %s", name, keepTaskAdvice)
		case syntax.Assignment:
			if t.Nodes[value].Field != syntax.FieldRight || t.Kind(t.Nodes[holder].Parent) == syntax.Assignment {
				continue // a chained assignment keeps the task in another name too
			}
			if b, ok := localTarget(f, holder); ok && !bindingRead(f, b) {
				p.Reportf(call, nil, "the task `%s` returns is kept in `%s`, which is never used: %s",
					name, f.Bindings[b].Name, keepTaskAdvice)
			}
		}
	}
}

// createsTask reports whether call schedules a task that the event loop
// references only weakly: asyncio.create_task, ensure_future, or
// create_task on an event loop. A TaskGroup or nursery keeps its tasks.
func createsTask(f *semantic.File, call syntax.NodeID) bool {
	t := f.Tree
	callee := t.ChildByField(call, syntax.FieldFunction)
	if slices.Contains(taskFactories, f.QualifiedName(callee)) {
		return true
	}
	if t.Kind(callee) != syntax.Attribute || t.Text(t.ChildByField(callee, syntax.FieldAttr)) != "create_task" {
		return false
	}
	return isEventLoop(f, t.ChildByField(callee, syntax.FieldObject))
}

// isEventLoop reports whether expr is known to be an event loop, by its
// type or by a name such as loop, self._loop or event_loop.
func isEventLoop(f *semantic.File, expr syntax.NodeID) bool {
	if f.TypeOf(expr, asyncTypes) == "asyncio.AbstractEventLoop" {
		return true
	}
	t := f.Tree
	expr = t.Unwrap(expr)
	name := ""
	switch t.Kind(expr) {
	case syntax.Identifier:
		name = t.Text(expr)
	case syntax.Attribute:
		name = t.Text(t.ChildByField(expr, syntax.FieldAttr))
	}
	return name == "loop" || strings.HasSuffix(name, "_loop")
}

// localTarget returns the binding an assignment makes when its target is a
// single name local to a function. Globals, nonlocals, attributes and
// unpacking targets keep the value somewhere else.
func localTarget(f *semantic.File, assign syntax.NodeID) (semantic.BindingID, bool) {
	t := f.Tree
	target := t.ChildByField(assign, syntax.FieldLeft)
	if target == syntax.NoNode || t.Kind(target) != syntax.Identifier {
		return 0, false
	}
	for _, b := range f.Lookup(target) {
		bb := &f.Bindings[b]
		if bb.Node == target {
			return b, f.Scopes[bb.Scope].Kind == semantic.FunctionScope
		}
	}
	return 0, false // declared global or nonlocal: bound elsewhere
}

// bindingRead reports whether any name in the scope of binding b, nested
// functions included, reads it. Bindings are flow-insensitive, so a read
// anywhere counts, even before the assignment: precision first.
func bindingRead(f *semantic.File, b semantic.BindingID) bool {
	for id := range f.Uses(b) {
		if !f.IsBindingOccurrence(id) {
			return true
		}
	}
	return false
}

// reportSwallowedCancellation reports except clauses in coroutines that
// catch cancellation and can end without raising.
func reportSwallowedCancellation(p *analysis.Pass) {
	f := p.File
	t := f.Tree
	for clause := range t.OfKind(syntax.ExceptClause) {
		if !f.InCoroutine(clause) {
			continue
		}
		caught, ok := caughtCancellation(f, clause)
		if !ok || caughtEarlier(f, clause) || !swallowsCancellation(f, clause) {
			continue
		}
		end := int(t.Nodes[t.FirstChild(clause)].End) // the except keyword
		if v := t.ChildByField(clause, syntax.FieldValue); v != syntax.NoNode {
			end = int(t.Nodes[v].End)
		}
		p.Report(analysis.Diagnostic{
			Start: int(t.Nodes[clause].Start),
			End:   end,
			Message: fmt.Sprintf("%s catches cancellation and can end without re-raising it: the task will "+
				"not stop when cancelled, which breaks timeouts, TaskGroups and shutdown; re-raise after cleanup", caught),
		})
	}
}

// swallowsCancellation reports whether an except clause can end without
// raising. A handler that asks cancelling() is telling its own task's
// cancellation from another's, and one whose try only awaits tasks the
// function cancelled catches their cancellation, not its own.
func swallowsCancellation(f *semantic.File, clause syntax.NodeID) bool {
	t := f.Tree
	body := t.ChildOfKind(clause, syntax.Block)
	if body == syntax.NoNode || alwaysRaises(f, body) && !leavesEarly(t, body) {
		return false
	}
	return !callsMethod(t, body, "cancelling") && !awaitsCancelledTasks(f, t.Nodes[clause].Parent)
}

// callsMethod reports whether the subtree of id calls a method called name.
func callsMethod(t *syntax.Tree, id syntax.NodeID, name string) bool {
	for c := id; c < t.Nodes[id].After; c++ {
		if t.Kind(c) == syntax.Call && methodName(t, c) == name {
			return true
		}
	}
	return false
}

// methodName returns the attribute a call's callee names, or "".
func methodName(t *syntax.Tree, call syntax.NodeID) string {
	callee := t.ChildByField(call, syntax.FieldFunction)
	if t.Kind(callee) != syntax.Attribute {
		return ""
	}
	return t.TextView(t.ChildByField(callee, syntax.FieldAttr))
}

// awaitsCancelledTasks reports whether the body of a try statement awaits
// only tasks that its function cancelled earlier: the idiom of asyncio's
// documentation, task.cancel(); try: await task; except CancelledError:
// pass.
func awaitsCancelledTasks(f *semantic.File, try syntax.NodeID) bool {
	t := f.Tree
	body := t.ChildByField(try, syntax.FieldBody)
	if body == syntax.NoNode {
		return false
	}
	awaits := 0
	for id := body; id < t.Nodes[body].After; id++ {
		switch t.Kind(id) {
		case syntax.FunctionDefinition, syntax.ClassDefinition, syntax.Lambda:
			id = t.Nodes[id].After - 1
		case syntax.ForStatement, syntax.WithStatement:
			if t.HasToken(id, syntax.AsyncKeyword) {
				return false
			}
		case syntax.Await:
			if !cancelledBefore(f, awaitedTask(f, id), id) {
				return false
			}
			awaits++
		}
	}
	return awaits > 0
}

// taskWaiters are calls that wait for the task given as their first
// argument, or as the keyword argument named here.
var taskWaiters = map[string]string{
	"asyncio.shield": "arg", "asyncio.wait_for": "fut",
	"asyncio.tasks.shield": "arg", "asyncio.tasks.wait_for": "fut",
}

// awaitedTask returns the expression an await waits for, looking into
// asyncio.shield(task) and asyncio.wait_for(task, timeout).
func awaitedTask(f *semantic.File, await syntax.NodeID) syntax.NodeID {
	t := f.Tree
	var operand syntax.NodeID = syntax.NoNode
	for c := range t.NamedChildren(await) {
		operand = t.Unwrap(c)
	}
	if operand == syntax.NoNode || t.Kind(operand) != syntax.Call {
		return operand
	}
	if keyword, ok := taskWaiters[f.QualifiedName(t.ChildByField(operand, syntax.FieldFunction))]; ok {
		return firstArgument(t, operand, keyword)
	}
	return operand
}

// cancelledBefore reports whether, before node at, the function running it
// calls cancel() on an expression spelled like task.
func cancelledBefore(f *semantic.File, task, at syntax.NodeID) bool {
	if task == syntax.NoNode {
		return false
	}
	t := f.Tree
	fn := f.ExecutingFunction(at)
	if fn == semantic.NoScope {
		return false
	}
	text := t.Text(task)
	for id := f.Scopes[fn].Node; id < at; id++ {
		if t.Kind(id) == syntax.Call && methodName(t, id) == "cancel" && f.ExecutingFunction(id) == fn &&
			t.Text(t.ChildByField(t.ChildByField(id, syntax.FieldFunction), syntax.FieldObject)) == text {
			return true
		}
	}
	return false
}

// caughtCancellation describes how an except clause catches cancellation,
// and reports whether it does.
func caughtCancellation(f *semantic.File, clause syntax.NodeID) (string, bool) {
	t := f.Tree
	value := t.ChildByField(clause, syntax.FieldValue)
	if value == syntax.NoNode {
		return "bare `except:`", true
	}
	if t.Kind(value) == syntax.AsPattern {
		value = t.FirstChild(value)
	}
	if c := cancellationCatcher(f, value, 0); c != syntax.NoNode {
		return "`except " + shortText(t, c) + "`", true
	}
	return "", false
}

// caughtEarlier reports whether an except clause before clause in its try
// statement catches cancellation, which then never reaches clause. A class
// named like CancelledError counts: projects re-export their library's.
func caughtEarlier(f *semantic.File, clause syntax.NodeID) bool {
	t := f.Tree
	for c := t.FirstChild(t.Nodes[clause].Parent); c != clause; c = t.NextSibling(c) {
		if t.Kind(c) != syntax.ExceptClause {
			continue
		}
		if _, ok := caughtCancellation(f, c); ok || namesCancellation(t, t.ChildByField(c, syntax.FieldValue)) {
			return true
		}
	}
	return false
}

// namesCancellation reports whether an exception specification names a
// class called CancelledError or Cancelled, whatever it resolves to.
func namesCancellation(t *syntax.Tree, spec syntax.NodeID) bool {
	if spec == syntax.NoNode {
		return false
	}
	for id := spec; id < t.Nodes[spec].After; id++ {
		if t.Kind(id) != syntax.Identifier {
			continue
		}
		if name := t.Text(id); strings.HasSuffix(name, "CancelledError") || strings.HasSuffix(name, "Cancelled") {
			return true
		}
	}
	return false
}

// cancellationCatcher returns the part of an exception specification that
// catches cancellation, or NoNode. It looks into tuples, and through names
// assigned once.
func cancellationCatcher(f *semantic.File, spec syntax.NodeID, depth int) syntax.NodeID {
	t := f.Tree
	spec = t.Unwrap(spec)
	if spec == syntax.NoNode || depth > 4 {
		return syntax.NoNode
	}
	switch t.Kind(spec) {
	case syntax.Tuple:
		for c := range t.NamedChildren(spec) {
			if cancellationCatcher(f, c, depth+1) != syntax.NoNode {
				return c
			}
		}
		return syntax.NoNode
	case syntax.Call:
		if slices.Contains(cancellationClassGetters, f.QualifiedName(t.ChildByField(spec, syntax.FieldFunction))) {
			return spec
		}
		return syntax.NoNode
	}
	if slices.Contains(cancellationCatchers, f.QualifiedName(spec)) {
		return spec
	}
	if t.Kind(spec) == syntax.Identifier {
		refs := f.Lookup(spec)
		if len(refs) == 1 && cancellationCatcher(f, f.Bindings[refs[0]].Value, depth+1) != syntax.NoNode {
			return spec
		}
	}
	return syntax.NoNode
}

// alwaysRaises reports whether statement (or block) id ends by raising on
// every path that reaches its end: a raise or sys.exit(), or an if/else,
// try or with whose every branch ends so. Early exits are leavesEarly's concern.
func alwaysRaises(f *semantic.File, id syntax.NodeID) bool {
	t := f.Tree
	if id == syntax.NoNode {
		return false
	}
	switch t.Kind(id) {
	case syntax.Block:
		last := syntax.NoNode
		for c := range t.NamedChildren(id) {
			last = c
		}
		return last != syntax.NoNode && alwaysRaises(f, last)
	case syntax.RaiseStatement:
		return true
	case syntax.ExpressionStatement:
		call := t.Unwrap(t.FirstChild(id))
		return call != syntax.NoNode && t.Kind(call) == syntax.Call &&
			slices.Contains(exitCalls, f.QualifiedName(t.ChildByField(call, syntax.FieldFunction)))
	case syntax.IfStatement:
		return ifAlwaysRaises(f, id)
	case syntax.TryStatement:
		return tryAlwaysRaises(f, id)
	case syntax.WithStatement:
		return alwaysRaises(f, t.ChildByField(id, syntax.FieldBody))
	}
	return false
}

// ifAlwaysRaises requires an else and every branch to raise.
func ifAlwaysRaises(f *semantic.File, id syntax.NodeID) bool {
	t := f.Tree
	if !alwaysRaises(f, t.ChildByField(id, syntax.FieldConsequence)) {
		return false
	}
	hasElse := false
	for c := range t.Children(id) {
		switch t.Kind(c) {
		case syntax.ElifClause:
			if !alwaysRaises(f, t.ChildByField(c, syntax.FieldConsequence)) {
				return false
			}
		case syntax.ElseClause:
			hasElse = true
			if !alwaysRaises(f, t.ChildByField(c, syntax.FieldBody)) {
				return false
			}
		}
	}
	return hasElse
}

// tryAlwaysRaises: a finally that raises decides; otherwise the body (or
// its else) must raise and so must every handler.
func tryAlwaysRaises(f *semantic.File, id syntax.NodeID) bool {
	t := f.Tree
	raises := alwaysRaises(f, t.ChildByField(id, syntax.FieldBody))
	for c := range t.Children(id) {
		switch t.Kind(c) {
		case syntax.FinallyClause:
			if alwaysRaises(f, t.ChildOfKind(c, syntax.Block)) {
				return true
			}
		case syntax.ElseClause:
			raises = raises || alwaysRaises(f, t.ChildByField(c, syntax.FieldBody))
		case syntax.ExceptClause:
			if !alwaysRaises(f, t.ChildOfKind(c, syntax.Block)) {
				return false
			}
		}
	}
	return raises
}

// leavesEarly reports whether a handler's body can leave the handler
// without raising before its end: a return, or a break or continue of a
// loop around the handler. Nested functions and classes do not count.
func leavesEarly(t *syntax.Tree, body syntax.NodeID) bool {
	for id := body; id < t.Nodes[body].After; id++ {
		switch t.Kind(id) {
		case syntax.FunctionDefinition, syntax.ClassDefinition, syntax.Lambda:
			id = t.Nodes[id].After - 1
		case syntax.ReturnStatement:
			return true
		case syntax.BreakStatement, syntax.ContinueStatement:
			if !insideLoop(t, id, body) {
				return true
			}
		}
	}
	return false
}

// insideLoop reports whether a break or continue belongs to a loop within
// body.
func insideLoop(t *syntax.Tree, id, body syntax.NodeID) bool {
	for a := range t.Ancestors(id) {
		if a == body {
			return false
		}
		if k := t.Kind(a); k == syntax.ForStatement || k == syntax.WhileStatement {
			return true
		}
	}
	return false
}

// reportCoroutinesPassedToWait reports asyncio.wait calls given
// coroutines, with a fix that wraps each in asyncio.create_task.
func reportCoroutinesPassedToWait(p *analysis.Pass) {
	f := p.File
	t := f.Tree
	for call := range t.OfKind(syntax.Call) {
		keyword, ok := waitFunctions[f.QualifiedName(t.ChildByField(call, syntax.FieldFunction))]
		if !ok {
			continue
		}
		arg := firstArgument(t, call, keyword)
		if arg == syntax.NoNode {
			continue
		}
		elems, inPlace := coroutineElements(f, arg)
		if !slices.ContainsFunc(elems, func(e syntax.NodeID) bool { return asyncValueOf(p, e).kind&awaitable != 0 }) {
			continue
		}
		var fix *analysis.Fix
		if inPlace && f.InCoroutine(call) { // create_task needs a running loop
			fix = wrapInTasksFix(p, call, elems)
		}
		p.Reportf(arg, fix, "`%s` given coroutines: a TypeError since Python 3.11 (deprecated since 3.8); "+
			"wrap each in `asyncio.create_task`", shortText(t, t.ChildByField(call, syntax.FieldFunction)))
	}
}

// firstArgument returns the first positional argument of a call, or the
// keyword argument named keyword; a generator expression may be the
// call's only argument.
func firstArgument(t *syntax.Tree, call syntax.NodeID, keyword string) syntax.NodeID {
	args := t.ChildByField(call, syntax.FieldArguments)
	if args == syntax.NoNode || t.Kind(args) == syntax.GeneratorExpression {
		return args
	}
	for a := range t.NamedChildren(args) {
		switch t.Kind(a) {
		case syntax.KeywordArgument:
			if t.Text(t.ChildByField(a, syntax.FieldName)) == keyword {
				return t.ChildByField(a, syntax.FieldValue)
			}
		case syntax.ListSplat:
			return syntax.NoNode // the first argument is not written out
		case syntax.DictionarySplat:
		default:
			return a
		}
	}
	return syntax.NoNode
}

// coroutineElements returns the elements a collection expression is made
// of: the items of a list, set or tuple, or the element of a
// comprehension. A name assigned once such an expression is looked
// through; inPlace is then false, as the fix would change the variable.
func coroutineElements(f *semantic.File, expr syntax.NodeID) (elems []syntax.NodeID, inPlace bool) {
	t := f.Tree
	expr = t.Unwrap(expr)
	if expr == syntax.NoNode {
		return nil, false
	}
	switch t.Kind(expr) {
	case syntax.List, syntax.Set, syntax.Tuple:
		return slices.Collect(t.NamedChildren(expr)), true
	case syntax.ListComprehension, syntax.SetComprehension, syntax.GeneratorExpression:
		return []syntax.NodeID{t.ChildByField(expr, syntax.FieldBody)}, true
	case syntax.Identifier:
		if refs := f.Lookup(expr); len(refs) == 1 && f.Bindings[refs[0]].Kind == semantic.AssignmentBinding {
			if value := f.Bindings[refs[0]].Value; value != syntax.NoNode && t.Kind(t.Unwrap(value)) != syntax.Identifier {
				elems, _ := coroutineElements(f, value)
				return elems, false
			}
		}
	}
	return nil, false
}

// wrapInTasksFix wraps each element in asyncio.create_task, when every
// element is certainly a coroutine call: create_task rejects anything
// else.
func wrapInTasksFix(p *analysis.Pass, call syntax.NodeID, elems []syntax.NodeID) *analysis.Fix {
	f := p.File
	t := f.Tree
	for _, e := range elems {
		v := asyncValueOf(p, e)
		if t.Kind(t.Unwrap(e)) != syntax.Call || v.kind&awaitable == 0 || !v.certain {
			return nil
		}
	}
	asyncio, importEdit, ok := fix.ImportModule(f, call, "asyncio")
	if !ok {
		return nil
	}
	var edits []analysis.TextEdit
	for _, e := range elems {
		n := &t.Nodes[e]
		edits = append(edits,
			analysis.TextEdit{Start: int(n.Start), End: int(n.Start), NewText: asyncio + ".create_task("},
			analysis.TextEdit{Start: int(n.End), End: int(n.End), NewText: ")"})
	}
	return &analysis.Fix{
		Message:       fmt.Sprintf("Wrap each coroutine in `%s.create_task`", asyncio),
		Applicability: analysis.Safe,
		Edits:         fix.WithImports(edits, importEdit),
	}
}

// reportBusyWaits reports while loops in coroutines that only sleep until
// a condition holds.
func reportBusyWaits(p *analysis.Pass) {
	f := p.File
	t := f.Tree
	for loop := range t.OfKind(syntax.WhileStatement) {
		if !f.InCoroutine(loop) {
			continue
		}
		event := pollingEvent(f, loop)
		if event == "" {
			continue
		}
		cond := t.ChildByField(loop, syntax.FieldCondition)
		p.Report(analysis.Diagnostic{
			Start: int(t.Nodes[loop].Start),
			End:   int(t.Nodes[cond].End),
			Message: fmt.Sprintf("busy-wait: this loop polls a condition with sleep; "+
				"use an `%s`, set where the condition changes, and await its `wait()`", event),
		})
	}
}

// pollingEvent returns the event class to use instead when a while loop
// only sleeps until a condition holds, or "". The body may hold sleeps,
// pass and continue; under while True it must also break on a condition.
func pollingEvent(f *semantic.File, loop syntax.NodeID) string {
	t := f.Tree
	cond, body := t.ChildByField(loop, syntax.FieldCondition), t.ChildByField(loop, syntax.FieldBody)
	if cond == syntax.NoNode || body == syntax.NoNode {
		return "" // a syntax error
	}
	forever := isTrue(t, cond)
	if !forever && !isLocalState(f, cond) {
		return ""
	}
	event, breaks := "", false
	for s := range t.NamedChildren(body) {
		switch k := t.Kind(s); {
		case k == syntax.PassStatement, k == syntax.ContinueStatement:
		case forever && isBreakIf(t, s):
			if !isLocalState(f, t.ChildByField(s, syntax.FieldCondition)) {
				return ""
			}
			breaks = true
		default:
			e := sleepEvent(f, s)
			if e == "" {
				return ""
			}
			event = e
		}
	}
	if forever && !breaks {
		return "" // sleeping forever, or until cancelled: nothing is polled
	}
	return event
}

// stateQueries are the calls a polled condition may make and still be
// about state within the process, which an event can signal. Other calls
// and awaits may ask another thread, process or service, for which polling
// is the only way.
var stateQueries = []string{
	"builtins.len", "builtins.bool", "builtins.isinstance",
	"asyncio.Event.is_set", "trio.Event.is_set", "anyio.Event.is_set",
}

// isLocalState reports whether a condition reads only names, attributes,
// items and stateQueries.
func isLocalState(f *semantic.File, cond syntax.NodeID) bool {
	t := f.Tree
	if cond == syntax.NoNode {
		return false
	}
	for id := cond; id < t.Nodes[cond].After; id++ {
		switch t.Kind(id) {
		case syntax.Await:
			return false
		case syntax.Call:
			if !slices.Contains(stateQueries, calledName(f, id)) {
				return false
			}
		}
	}
	return true
}

// calledName returns the qualified name of a call's callee, or Type.method
// for a method of a receiver of a known async type; "" when unknown.
func calledName(f *semantic.File, call syntax.NodeID) string {
	t := f.Tree
	callee := t.ChildByField(call, syntax.FieldFunction)
	if q := f.QualifiedName(callee); q != "" {
		return q
	}
	if t.Kind(callee) == syntax.Attribute {
		if typ := f.TypeOf(t.ChildByField(callee, syntax.FieldObject), asyncTypes); typ != "" {
			return typ + "." + t.Text(t.ChildByField(callee, syntax.FieldAttr))
		}
	}
	return ""
}

// sleepEvent returns the event class of the library whose sleep statement
// s awaits, or "".
func sleepEvent(f *semantic.File, s syntax.NodeID) string {
	t := f.Tree
	if t.Kind(s) != syntax.ExpressionStatement {
		return ""
	}
	await := t.Unwrap(t.FirstChild(s))
	if await == syntax.NoNode || t.Kind(await) != syntax.Await {
		return ""
	}
	var call syntax.NodeID = syntax.NoNode
	for c := range t.NamedChildren(await) {
		call = t.Unwrap(c)
	}
	if call == syntax.NoNode || t.Kind(call) != syntax.Call {
		return ""
	}
	return pollingSleeps[f.QualifiedName(t.ChildByField(call, syntax.FieldFunction))]
}

// isBreakIf reports whether s is "if <condition>: break" with no other
// branch.
func isBreakIf(t *syntax.Tree, s syntax.NodeID) bool {
	if t.Kind(s) != syntax.IfStatement || t.ChildByField(s, syntax.FieldAlternative) != syntax.NoNode {
		return false
	}
	then := t.ChildByField(s, syntax.FieldConsequence)
	if then == syntax.NoNode {
		return false
	}
	body := slices.Collect(t.NamedChildren(then))
	return len(body) == 1 && t.Kind(body[0]) == syntax.BreakStatement
}

// isTrue reports whether a loop condition is the constant True (or 1).
func isTrue(t *syntax.Tree, cond syntax.NodeID) bool {
	cond = t.Unwrap(cond)
	return cond != syntax.NoNode && (t.Kind(cond) == syntax.True || t.Kind(cond) == syntax.Integer && t.Text(cond) == "1")
}
