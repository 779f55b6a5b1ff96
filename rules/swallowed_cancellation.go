package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/project"
	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/analysis/syntax"
)

var swallowedCancellation = newRule(&analysis.Rule{
	Code:    "AL402",
	Name:    "swallowed-cancellation",
	Summary: "an `except` in a coroutine that catches cancellation and does not always re-raise it",
	Default: true,
	SameAs:  []string{"ASYNC103", "ASYNC104"},
	// Whether a coroutine runs as a task, and whether its task is
	// cancelled, shows anywhere in the file.
	Whole: reportSwallowedCancellation,
})

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

// taskWaiters are calls that wait for the task given as their first
// argument, or as the keyword argument named here.
var taskWaiters = map[string]string{
	"asyncio.shield": "arg", "asyncio.wait_for": "fut",
	"asyncio.tasks.shield": "arg", "asyncio.tasks.wait_for": "fut",
}

// reportSwallowedCancellation reports except clauses in coroutines that
// catch cancellation raised by an await of their try, and can end without
// raising.
func reportSwallowedCancellation(p *analysis.Pass) {
	f := p.File
	t := f.Tree
	for clause := range t.OfKind(syntax.ExceptClause) {
		if !f.InCoroutine(clause) {
			continue
		}
		caught, ok := caughtCancellation(f, clause)
		if !ok || caughtEarlier(f, clause) || !suspends(t, t.ChildByField(t.Nodes[clause].Parent, syntax.FieldBody)) {
			continue
		}
		how := handlerExits(f, clause)
		if how == 0 || !swallowsCancellation(f, clause) {
			continue
		}
		level := levelTriggered(f, clause)
		why := "the task will not stop when cancelled, which breaks timeouts, TaskGroups and shutdown"
		if level {
			why = "the code after it runs on as if nothing happened, until the next checkpoint raises again"
		}
		if endsFunction(f, t.Nodes[clause].Parent, how) {
			if runsAsTask(p, f.Scopes[f.ExecutingFunction(clause)].Node) {
				continue // the task ends, which is what cancelling it asked
			}
			why = "the coroutine returns as if it had finished, and the code awaiting it carries on instead of stopping"
			if level {
				why = "the coroutine returns as if it had finished, and its caller runs on until the next checkpoint raises again"
			}
		}
		end := int(t.Nodes[t.FirstChild(clause)].End) // the except keyword
		if v := t.ChildByField(clause, syntax.FieldValue); v != syntax.NoNode {
			end = int(t.Nodes[v].End)
		}
		p.Report(analysis.Diagnostic{
			Start:   int(t.Nodes[clause].Start),
			End:     end,
			Message: fmt.Sprintf("%s catches cancellation and can end without re-raising it: %s; re-raise after cleanup", caught, why),
		})
	}
}

// swallowsCancellation reports whether a handler that can end without
// raising swallows its own task's cancellation. A handler that asks
// cancelling() is telling its own task's cancellation from another's,
// and one whose try only awaits tasks the function cancelled catches
// their cancellation, not its own.
func swallowsCancellation(f *semantic.File, clause syntax.NodeID) bool {
	t := f.Tree
	body := t.ChildOfKind(clause, syntax.Block)
	return body != syntax.NoNode && !callsMethod(t, body, "cancelling") && !awaitsCancelledTasks(f, t.Nodes[clause].Parent) &&
		!raisedLater(f, clause)
}

// raisedLater reports whether a handler appends the exception it caught
// to a list (errors.append(exc)) that a raise statement after its try
// statement raises: cleanups that collect the errors of each step, then
// raise them once every step has run.
func raisedLater(f *semantic.File, clause syntax.NodeID) bool {
	t := f.Tree
	value := t.ChildByField(clause, syntax.FieldValue)
	if value == syntax.NoNode || t.Kind(value) != syntax.AsPattern {
		return false
	}
	target := t.ChildOfKind(value, syntax.AsPatternTarget)
	if target == syntax.NoNode || t.Kind(t.NamedChild(target, 0)) != syntax.Identifier {
		return false
	}
	caught := f.Lookup(t.NamedChild(target, 0))
	lists := map[semantic.BindingID]bool{}
	for call := range frameNodes(t, t.ChildOfKind(clause, syntax.Block)) {
		if t.Kind(call) != syntax.Call || t.MethodName(call) != "append" {
			continue
		}
		arg, list := t.Unwrap(t.FirstArgument(call, "")), receiver(t, call)
		if arg == syntax.NoNode || t.Kind(arg) != syntax.Identifier || !slices.Equal(f.Lookup(arg), caught) ||
			list == syntax.NoNode || t.Kind(list) != syntax.Identifier {
			continue
		}
		for _, b := range f.Lookup(list) {
			lists[b] = true
		}
	}
	if len(lists) == 0 {
		return false
	}
	fn := f.ExecutingFunction(clause)
	try := t.Parent(clause)
	for id := t.Nodes[try].After; id < t.Nodes[f.Scopes[fn].Node].After; id++ {
		if t.Kind(id) != syntax.RaiseStatement || f.ExecutingFunction(id) != fn {
			continue
		}
		for n := id; n < t.Nodes[id].After; n++ {
			if t.Kind(n) == syntax.Identifier && slices.ContainsFunc(f.Lookup(n), func(b semantic.BindingID) bool { return lists[b] }) {
				return true
			}
		}
	}
	return false
}

// callsMethod reports whether the subtree of id calls a method called name.
func callsMethod(t *syntax.Tree, id syntax.NodeID, name string) bool {
	for c := id; c < t.Nodes[id].After; c++ {
		if t.Kind(c) == syntax.Call && t.MethodName(c) == name {
			return true
		}
	}
	return false
}

// awaitsCancelledTasks reports whether the body of a try statement awaits
// only tasks that its function cancelled earlier: the idiom of asyncio's
// documentation, task.cancel(); try: await task; except CancelledError:
// pass. A task kept in an attribute of self or in a global may be
// cancelled by another function of the module instead: a stop() that
// cancels the task start() awaits.
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
			if task := awaitedTask(f, id); !cancelledBefore(f, task, id) && !cancelledElsewhere(f, task) {
				return false
			}
			awaits++
		}
	}
	return awaits > 0
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
		return t.FirstArgument(operand, keyword)
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
		if t.Kind(id) == syntax.Call && t.MethodName(id) == "cancel" && f.ExecutingFunction(id) == fn &&
			t.Text(t.ChildByField(t.ChildByField(id, syntax.FieldFunction), syntax.FieldObject)) == text {
			return true
		}
	}
	return false
}

// cancelledElsewhere reports whether task is an attribute of self or a
// global name, and a function of the module calls cancel() on it, directly
// or through a local assigned from it (task = self._task; task.cancel()),
// in the same class for an attribute.
func cancelledElsewhere(f *semantic.File, task syntax.NodeID) bool {
	t := f.Tree
	task = t.Unwrap(task)
	switch {
	case task == syntax.NoNode:
		return false
	case t.Kind(task) == syntax.Attribute:
		if obj := t.ChildByField(task, syntax.FieldObject); t.Kind(obj) != syntax.Identifier || t.TextView(obj) != "self" {
			return false
		}
	case t.Kind(task) == syntax.Identifier:
		refs := f.Lookup(task)
		if len(refs) == 0 || slices.ContainsFunc(refs, func(b semantic.BindingID) bool { return f.Bindings[b].Scope != 0 }) {
			return false
		}
	default:
		return false
	}
	text, class := t.TextView(task), enclosingClass(t, task)
	for call := range t.OfKind(syntax.Call) {
		recv := receiver(t, call)
		if t.MethodName(call) != "cancel" || recv == syntax.NoNode || enclosingClass(t, call) != class && t.Kind(task) == syntax.Attribute {
			continue
		}
		if t.TextView(recv) == text {
			return true
		}
		if t.Kind(recv) == syntax.Identifier {
			if refs := f.Lookup(recv); len(refs) == 1 && f.Bindings[refs[0]].Kind == semantic.AssignmentBinding &&
				f.Bindings[refs[0]].Value != syntax.NoNode && t.TextView(t.Unwrap(f.Bindings[refs[0]].Value)) == text {
				return true
			}
		}
	}
	return false
}

// enclosingClass returns the class statement id lies in, or NoNode.
func enclosingClass(t *syntax.Tree, id syntax.NodeID) syntax.NodeID {
	for a := range t.Ancestors(id) {
		if t.Kind(a) == syntax.ClassDefinition {
			return a
		}
	}
	return syntax.NoNode
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

// levelTriggered reports whether the cancellation a handler catches is
// trio's or anyio's, which every later checkpoint raises again.
func levelTriggered(f *semantic.File, clause syntax.NodeID) bool {
	t := f.Tree
	value := t.ChildByField(clause, syntax.FieldValue)
	if value != syntax.NoNode && t.Kind(value) == syntax.AsPattern {
		value = t.FirstChild(value)
	}
	if c := cancellationCatcher(f, value, 0); c != syntax.NoNode {
		if t.Kind(c) == syntax.Call {
			c = t.ChildByField(c, syntax.FieldFunction)
		}
		switch name := f.QualifiedName(c); {
		case strings.HasPrefix(name, "trio."), strings.HasPrefix(name, "anyio."):
			return true
		case name != "builtins.BaseException":
			return false
		}
	}
	return asyncLibrary(f) != "asyncio"
}

type taskBodiesKey struct{}

// runsAsTask reports whether the module starts def as a task of its own:
// create_task(def(...)), nursery.start_soon(def), asyncio.run(def()),
// loop.call_soon_threadsafe(loop.create_task, def()), also through a local
// assigned once (coro = def(...); create_task(coro)) and through a
// function of the module that hands its parameter to a task starter
// (def spawn(coro): return create_task(coro); spawn(def())).
func runsAsTask(p *analysis.Pass, def syntax.NodeID) bool {
	bodies := p.Memo(taskBodiesKey{}, func() any {
		f := p.File
		t := f.Tree
		bodies := map[syntax.NodeID]bool{}
		forwarders := map[syntax.NodeID]string{} // def -> the parameter it starts as a task
		var started []syntax.NodeID              // what task starters are given
		for call := range t.OfKind(syntax.Call) {
			arg := startedArgument(f, call)
			if arg == syntax.NoNode {
				continue
			}
			started = append(started, arg)
			if t.Kind(arg) != syntax.Identifier {
				continue
			}
			if refs := f.Lookup(arg); len(refs) == 1 && f.Bindings[refs[0]].Kind == semantic.ParameterBinding {
				if fn := f.Bindings[refs[0]].Scope; fn == f.ExecutingFunction(call) {
					forwarders[f.Scopes[fn].Node] = f.Bindings[refs[0]].Name
				}
			}
		}
		for call := range t.OfKind(syntax.Call) {
			callee := t.ChildByField(call, syntax.FieldFunction)
			if d, _ := f.Definition(callee); d != syntax.NoNode && forwarders[d] != "" {
				started = append(started, forwardedArgument(f, call, d, forwarders[d]))
			}
		}
		for _, arg := range started {
			if arg != syntax.NoNode && t.Kind(arg) == syntax.Identifier {
				// coro = f(...); create_task(coro)
				if refs := f.Lookup(arg); len(refs) == 1 && f.Bindings[refs[0]].Kind == semantic.AssignmentBinding {
					if v := t.Unwrap(f.Bindings[refs[0]].Value); v != syntax.NoNode && t.Kind(v) == syntax.Call {
						arg = v
					}
				}
			}
			if arg != syntax.NoNode && t.Kind(arg) == syntax.Call {
				arg = t.ChildByField(arg, syntax.FieldFunction)
			}
			if arg == syntax.NoNode {
				continue
			}
			if d, _ := f.Definition(arg); d != syntax.NoNode {
				bodies[d] = true
			}
		}
		return bodies
	}).(map[syntax.NodeID]bool)
	return bodies[def]
}

// forwardedArgument returns the argument a call of def passes for its
// parameter named param, unwrapped, or NoNode.
func forwardedArgument(f *semantic.File, call, def syntax.NodeID, param string) syntax.NodeID {
	t := f.Tree
	positional, keywords, _ := t.CallArguments(call)
	if kw, ok := keywords[param]; ok {
		return t.Unwrap(t.ChildByField(kw, syntax.FieldValue))
	}
	i := slices.IndexFunc(functionParams(t, def), func(p project.Param) bool { return p.Name == param && p.Positional })
	if i >= 0 && f.Scopes[f.ScopeOf(def)].Kind == semantic.ClassScope &&
		t.Kind(t.ChildByField(call, syntax.FieldFunction)) == syntax.Attribute &&
		!slices.Contains(f.Decorators(def), "builtins.staticmethod") {
		i-- // self
	}
	if i < 0 || i >= len(positional) {
		return syntax.NoNode
	}
	return t.Unwrap(positional[i])
}
