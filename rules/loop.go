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

// The AL5xx rules flag event-loop management that fails or misbehaves
// where it runs, and asyncio APIs that later Python versions removed or
// replaced. The APIs they know are the tables below.

// legacyDecorators maps the decorators that make generator-based
// coroutines to what they do on current Python.
var legacyDecorators = map[string]string{
	"asyncio.coroutine":            "was removed in Python 3.11: importing the module fails with AttributeError",
	"asyncio.coroutines.coroutine": "was removed in Python 3.11: importing the module fails with AttributeError",
	"types.coroutine": "still works but makes a legacy generator-based coroutine: " +
		"`inspect.iscoroutinefunction` is false for it, and it cannot use `await`, `async for` or `async with`",
}

// loopRunners maps the functions that start an event loop, and run a
// coroutine in it to completion, to what they do inside a coroutine.
var loopRunners = map[string]string{
	"asyncio.run": "raises RuntimeError: an event loop is already running in this thread",
	"anyio.run":   "raises RuntimeError: an event loop is already running in this thread",
	"trio.run": "raises RuntimeError under trio, and under another library blocks the running loop " +
		"until it returns",
}

// loopMethods maps the event loop methods that run the loop, which a
// running loop refuses with RuntimeError, to what to write instead.
var loopMethods = map[string]string{
	"run_until_complete": "`await` the coroutine instead",
	"run_forever":        "`await` an `asyncio.Event` or future instead",
}

// loopFactories maps the calls that hand a program an event loop to run by
// hand to what goes wrong when it does.
var loopFactories = map[string]string{
	"asyncio.get_event_loop": "`asyncio.get_event_loop()` outside a running loop is deprecated " +
		"(RuntimeError from Python 3.14 when no loop is set), and a loop run by hand skips the cleanup " +
		"`asyncio.run` does",
	"asyncio.new_event_loop": "a loop run by hand skips the cleanup `asyncio.run` does: leftover " +
		"tasks are not cancelled, and async generators and the default executor are not shut down",
}

// loopArgumentRemoved lists the asyncio APIs whose loop parameter Python
// 3.10 removed: passing loop= raises TypeError. ensure_future and
// run_coroutine_threadsafe still take a loop.
var loopArgumentRemoved = []string{
	"asyncio.sleep", "asyncio.gather", "asyncio.wait", "asyncio.wait_for", "asyncio.shield",
	"asyncio.as_completed",
	"asyncio.open_connection", "asyncio.start_server",
	"asyncio.open_unix_connection", "asyncio.start_unix_server",
	"asyncio.create_subprocess_exec", "asyncio.create_subprocess_shell",
	"asyncio.subprocess.create_subprocess_exec", "asyncio.subprocess.create_subprocess_shell",
	"asyncio.Queue", "asyncio.LifoQueue", "asyncio.PriorityQueue",
	"asyncio.Lock", "asyncio.Event", "asyncio.Condition", "asyncio.Semaphore",
	"asyncio.BoundedSemaphore",
}

// removedTaskMethods maps the Task class methods Python 3.9 removed to the
// asyncio functions that replace them.
var removedTaskMethods = map[string]string{
	"asyncio.Task.current_task": "current_task",
	"asyncio.Task.all_tasks":    "all_tasks",
}

var legacyCoroutine = newRule(&analysis.Rule{
	Code:    "AL501",
	Name:    "legacy-coroutine",
	Summary: "a generator-based coroutine: `@asyncio.coroutine` or `@types.coroutine`",
	Default: true,
	FixKind: analysis.FixUnsafe,
	SameAs:  []string{"W4905"},
	Run:     reportLegacyCoroutines,
})

var getEventLoopInCoroutine = newRule(&analysis.Rule{
	Code:    "AL502",
	Name:    "get-event-loop-in-coroutine",
	Summary: "`asyncio.get_event_loop()` in a coroutine",
	Default: true,
	FixKind: analysis.FixSafe,
	Run:     reportGetEventLoop,
})

var loopRunInCoroutine = newRule(&analysis.Rule{
	Code:    "AL503",
	Name:    "loop-run-in-coroutine",
	Summary: "an event loop started from inside a coroutine",
	Default: true,
	Run:     reportLoopRuns,
})

var manualEventLoop = newRule(&analysis.Rule{
	Code:    "AL504",
	Name:    "manual-event-loop",
	Summary: "an event loop created and run by hand instead of `asyncio.run()`",
	Default: true,
	FixKind: analysis.FixSafe,
	Run:     reportManualLoops,
})

var removedLoopArgument = newRule(&analysis.Rule{
	Code:    "AL505",
	Name:    "removed-loop-argument",
	Summary: "a `loop=` argument or asyncio function that Python removed",
	Default: true,
	FixKind: analysis.FixSafe,
	Run:     reportRemovedLoopAPIs,
})

var preferTimeoutContext = newRule(&analysis.Rule{
	Code:    "AL506",
	Name:    "prefer-timeout-context",
	Summary: "`await asyncio.wait_for(...)` where `async with asyncio.timeout(...)` fits",
	Default: true,
	FixKind: analysis.FixUnsafe,
	Run:     reportWaitFor,
})

func coveredLoopRuns() []string {
	var covers []string
	for name := range loopRunners {
		covers = append(covers, name)
	}
	for method := range loopMethods {
		covers = append(covers, "asyncio.AbstractEventLoop."+method)
	}
	slices.Sort(covers)
	return covers
}

func coveredRemovedAPIs() []string {
	covers := []string{"asyncio.async"}
	for _, name := range loopArgumentRemoved {
		covers = append(covers, name+"(loop=...)")
	}
	for name := range removedTaskMethods {
		covers = append(covers, name)
	}
	slices.Sort(covers)
	return covers
}

// loopCall is a call, with the qualified name of its callee or "".
type loopCall struct {
	call, callee syntax.NodeID
	name         string
}

type loopCallsKey struct{}

// loopCalls finds, once per file, the calls the AL5xx rules look at.
func loopCalls(p *analysis.Pass) []loopCall {
	return p.Memo(loopCallsKey{}, func() any {
		f := p.File
		t := f.Tree
		var calls []loopCall
		for id := range t.OfKind(syntax.Call) {
			callee := t.ChildByField(id, syntax.FieldFunction)
			if callee != syntax.NoNode {
				calls = append(calls, loopCall{call: id, callee: callee, name: f.QualifiedName(callee)})
			}
		}
		return calls
	}).([]loopCall)
}

// reportLegacyCoroutines reports the defs decorated as generator-based
// coroutines.
func reportLegacyCoroutines(p *analysis.Pass) {
	f := p.File
	t := f.Tree
	for id := range t.OfKind(syntax.Decorator) {
		def := t.ChildByField(t.Parent(id), syntax.FieldDefinition)
		if def == syntax.NoNode || t.Kind(def) != syntax.FunctionDefinition {
			continue
		}
		name := f.QualifiedName(t.NamedChild(id, 0))
		if meaning, ok := legacyDecorators[name]; ok {
			p.Reportf(id, legacyCoroutineFix(f, id, def),
				"`@%s` %s; write `async def` and use `await` instead of `yield from`", name, meaning)
		}
	}
}

// legacyCoroutineFix rewrites a generator-based coroutine as an async def:
// the decorator's line goes, def becomes async def and each yield from of
// the function itself becomes await, or pass for the `yield from []` idiom.
// A function with a bare yield, or no yield at all, gets no fix: it would
// become an async generator, or its callers would get a coroutine where
// they got a value. Nor does one that yields from another iterable, which
// await cannot take.
func legacyCoroutineFix(f *semantic.File, decorator, def syntax.NodeID) *analysis.Fix {
	t := f.Tree
	scope := f.OwnedScope(def)
	if scope == semantic.NoScope || !f.Scopes[scope].Yields || t.HasToken(def, syntax.AsyncKeyword) {
		return nil
	}
	line, ok := lineDeletion(t, decorator, int(t.Nodes[decorator].End))
	if !ok {
		return nil
	}
	at := int(t.Nodes[def].Start)
	edits := []analysis.TextEdit{line, {Start: at, End: at, NewText: "async "}}
	for id := def; id < t.Nodes[def].After; id++ {
		if t.Kind(id) != syntax.Yield || f.ScopeOf(id) != scope {
			continue
		}
		operand := t.OnlyNamedChild(id)
		switch {
		case !t.HasToken(id, syntax.FromKeyword) || operand == syntax.NoNode:
			return nil
		case isPlainIterable(f, operand):
			// `yield from []` only made the function a generator.
			if !isEmptyDisplay(t, operand) || t.Kind(t.Parent(id)) != syntax.ExpressionStatement {
				return nil
			}
			edits = append(edits, analysis.TextEdit{Start: int(t.Nodes[id].Start), End: int(t.Nodes[id].End), NewText: "pass"})
		default:
			edits = append(edits, awaitEdits(t, id, operand, "await ")...)
		}
	}
	return &analysis.Fix{
		Message:       "Rewrite as `async def` with `await`",
		Applicability: analysis.Unsafe,
		Edits:         edits,
	}
}

// isEmptyDisplay reports whether id is [] or ().
func isEmptyDisplay(t *syntax.Tree, id syntax.NodeID) bool {
	k := t.Kind(id)
	return (k == syntax.List || k == syntax.Tuple) && t.NamedChild(id, 0) == syntax.NoNode
}

// reportGetEventLoop reports asyncio.get_event_loop() in coroutines.
func reportGetEventLoop(p *analysis.Pass) {
	for _, c := range loopCalls(p) {
		if c.name == "asyncio.get_event_loop" && p.File.InCoroutine(c.call) {
			p.Reportf(c.call, renameCallee(p.File, c, "asyncio", "get_running_loop"),
				"`asyncio.get_event_loop()` in a coroutine; use `asyncio.get_running_loop()`: it returns "+
					"the same loop here, and raises instead of making a new one if the code ever runs outside a coroutine")
		}
	}
}

// reportLoopRuns reports the calls that start an event loop from inside a
// coroutine.
func reportLoopRuns(p *analysis.Pass) {
	f := p.File
	t := f.Tree
	for _, c := range loopCalls(p) {
		if !f.InCoroutine(c.call) {
			continue
		}
		if effect, ok := loopRunners[c.name]; ok {
			p.Reportf(c.call, nil, "`%s()` in a coroutine %s; `await` the coroutine instead", c.name, effect)
			continue
		}
		instead, ok := loopMethods[t.MethodName(c.call)]
		if recv := t.ChildByField(c.callee, syntax.FieldObject); ok && recv != syntax.NoNode && isEventLoop(f, recv) {
			p.Reportf(c.call, nil, "`%s()` in a coroutine raises RuntimeError: an event loop is already "+
				"running in this thread; %s", shortText(t, c.callee), instead)
		}
	}
}

// reportManualLoops reports loops made by asyncio.get_event_loop() or
// new_event_loop() and run with run_until_complete outside a coroutine.
func reportManualLoops(p *analysis.Pass) {
	f := p.File
	t := f.Tree
	for _, c := range loopCalls(p) {
		if t.MethodName(c.call) != "run_until_complete" || !inPlainCode(f, c.call) {
			continue
		}
		recv := t.ChildByField(c.callee, syntax.FieldObject)
		if factory := loopFactory(f, recv); factory != syntax.NoNode {
			why := loopFactories[f.QualifiedName(t.ChildByField(factory, syntax.FieldFunction))]
			p.Reportf(c.call, manualLoopFix(f, c.call, t.Unwrap(recv), factory), "%s; use `asyncio.run(...)`", why)
		}
	}
}

// inPlainCode reports whether id runs at module level or in a plain def.
func inPlainCode(f *semantic.File, id syntax.NodeID) bool {
	s := f.ExecutingFunction(id)
	return s == semantic.NoScope || f.Scopes[s].Kind == semantic.FunctionScope && !f.Scopes[s].Async
}

// loopFactory returns the get_event_loop() or new_event_loop() call that
// made the loop recv: recv itself, or the value of every assignment to the
// name recv. It returns NoNode for any other receiver.
func loopFactory(f *semantic.File, recv syntax.NodeID) syntax.NodeID {
	t := f.Tree
	isFactory := func(id syntax.NodeID) bool {
		if id == syntax.NoNode || t.Kind(id) != syntax.Call {
			return false
		}
		_, ok := loopFactories[f.QualifiedName(t.ChildByField(id, syntax.FieldFunction))]
		return ok
	}
	recv = t.Unwrap(recv)
	if isFactory(recv) {
		return recv
	}
	if recv == syntax.NoNode || t.Kind(recv) != syntax.Identifier {
		return syntax.NoNode
	}
	bindings := f.Lookup(recv)
	for _, b := range bindings {
		if bb := &f.Bindings[b]; bb.Kind != semantic.AssignmentBinding || !isFactory(t.Unwrap(bb.Value)) {
			return syntax.NoNode
		}
	}
	if len(bindings) == 0 {
		return syntax.NoNode
	}
	return t.Unwrap(f.Bindings[bindings[0]].Value)
}

// manualLoopFix replaces a loop run by hand with asyncio.run(main()): the
// one-liner get_event_loop().run_until_complete(main()), or the statements
// loopStatements matches. Anything else gets no fix: the loop may outlive
// the run on purpose.
func manualLoopFix(f *semantic.File, run, recv, factory syntax.NodeID) *analysis.Fix {
	t := f.Tree
	positional, keywords, ok := callArguments(t, run)
	if !ok || len(positional) != 1 || len(keywords) > 0 {
		return nil
	}
	asyncio, importEdit, ok := moduleName(f, run, t.ChildByField(factory, syntax.FieldFunction), "asyncio")
	if !ok {
		return nil
	}
	callee := &t.Nodes[t.ChildByField(run, syntax.FieldFunction)]
	edits := []analysis.TextEdit{{Start: int(callee.Start), End: int(callee.End), NewText: asyncio + ".run"}}
	if recv != factory {
		first, runStmt, last, ok := loopStatements(f, run, recv, factory)
		if !ok {
			return nil
		}
		// Keep the statement with the run, and a comment after it on its
		// line, in place of all of them.
		tail := int(t.Nodes[runStmt].End)
		if endsLine(t, tail) {
			line := t.LineOf(tail)
			tail = t.LineStart(line) + len(t.LineText(line))
		}
		head := analysis.TextEdit{Start: int(t.Nodes[first].Start), End: int(t.Nodes[runStmt].Start)}
		rest := analysis.TextEdit{Start: min(tail, int(t.Nodes[last].End)), End: int(t.Nodes[last].End)}
		block := t.Parent(first)
		if hasComment(t, block, head.Start, head.End) || hasComment(t, block, rest.Start, rest.End) {
			return nil
		}
		edits = append(edits, head, rest)
	}
	return &analysis.Fix{
		Message:       "Replace with `asyncio.run(...)`",
		Applicability: analysis.Safe,
		Edits:         fix.WithImports(nonEmpty(edits), importEdit),
	}
}

// loopStatements matches the consecutive statements
//
//	loop = asyncio.new_event_loop()  # or get_event_loop()
//	asyncio.set_event_loop(loop)     # optional
//	loop.run_until_complete(main())  # or result = loop.run_until_complete(main())
//	loop.close()                     # optional
//
// where the run and the close may also be try: <run> finally: loop.close(),
// and the loop is used nowhere else. It returns the first statement, the
// one with the run and the last.
func loopStatements(f *semantic.File, run, recv, factory syntax.NodeID) (first, runStmt, last syntax.NodeID, ok bool) {
	t := f.Tree
	first, runStmt = simpleStatement(t, factory), simpleStatement(t, run)
	if first == syntax.NoNode || runStmt == syntax.NoNode || len(f.Lookup(recv)) != 1 || !passesOnly(t, factory) {
		return first, runStmt, last, false
	}
	loop := t.Text(recv)
	next := nextStatement(t, first)
	if c := statementCall(t, next); c != syntax.NoNode &&
		f.QualifiedName(t.ChildByField(c, syntax.FieldFunction)) == "asyncio.set_event_loop" && passesOnly(t, c, loop) {
		next = nextStatement(t, next)
	}
	switch {
	case next == runStmt:
		last = runStmt
		if after := nextStatement(t, runStmt); isClose(t, after, loop) {
			last = after
		}
	case next != syntax.NoNode && t.Kind(next) == syntax.TryStatement && isTryClose(t, next, runStmt, loop):
		last = next
	default:
		return first, runStmt, last, false
	}
	return first, runStmt, last, !usedOutside(f, recv, int(t.Nodes[first].Start), int(t.Nodes[last].End))
}

// isTryClose reports whether try is exactly
//
//	try:
//	    <runStmt>
//	finally:
//	    loop.close()
func isTryClose(t *syntax.Tree, try, runStmt syntax.NodeID, loop string) bool {
	var clauses []syntax.NodeID
	for c := range t.NamedChildren(try) {
		clauses = append(clauses, c)
	}
	if len(clauses) != 2 || t.Kind(clauses[1]) != syntax.FinallyClause || t.OnlyNamedChild(clauses[0]) != runStmt {
		return false
	}
	block := t.ChildOfKind(clauses[1], syntax.Block)
	return block != syntax.NoNode && isClose(t, t.OnlyNamedChild(block), loop)
}

// isClose reports whether stmt is loop.close().
func isClose(t *syntax.Tree, stmt syntax.NodeID, loop string) bool {
	c := statementCall(t, stmt)
	return c != syntax.NoNode && t.Text(t.ChildByField(c, syntax.FieldFunction)) == loop+".close" && passesOnly(t, c)
}

// usedOutside reports whether the name id, as bound where id is, is
// referred to outside the byte range [start, end).
func usedOutside(f *semantic.File, id syntax.NodeID, start, end int) bool {
	t := f.Tree
	bindings := f.Lookup(id)
	for use := range t.OfKind(syntax.Identifier) {
		if t.TextView(use) != t.TextView(id) || !f.IsVariable(use) {
			continue
		}
		if n := &t.Nodes[use]; (int(n.Start) < start || int(n.End) > end) && slices.Equal(f.Lookup(use), bindings) {
			return true
		}
	}
	return false
}

// reportRemovedLoopAPIs reports loop= arguments that asyncio no longer
// takes, and the functions it removed.
func reportRemovedLoopAPIs(p *analysis.Pass) {
	t := p.Tree()
	for _, c := range loopCalls(p) {
		if replacement, ok := removedTaskMethods[c.name]; ok {
			p.Reportf(c.call, renameCallee(p.File, c, "asyncio", replacement),
				"`%s()` was removed in Python 3.9 and raises AttributeError; use `asyncio.%s()`", c.name, replacement)
			continue
		}
		if c.name == "asyncio" {
			reportAsyncioAsync(p, c)
			continue
		}
		if !slices.Contains(loopArgumentRemoved, c.name) {
			continue
		}
		if arg := keywordArgument(t, c.call, "loop"); arg != syntax.NoNode {
			var fix *analysis.Fix
			if edit, ok := argumentDeletion(t, arg); ok {
				fix = &analysis.Fix{Message: "Remove the `loop` argument", Applicability: analysis.Safe,
					Edits: []analysis.TextEdit{edit}}
			}
			p.Reportf(arg, fix, "`%s()` has no `loop` parameter since Python 3.10: the call raises TypeError; "+
				"drop the argument, the running loop is used", c.name)
		}
	}
}

// reportAsyncioAsync reports asyncio.async(...), which tree-sitter parses,
// since async became a keyword, as a call of the module with a stray
// `.async` before the arguments.
func reportAsyncioAsync(p *analysis.Pass, c loopCall) {
	t := p.Tree()
	stray := t.NextSibling(c.callee)
	if stray == syntax.NoNode || t.Kind(stray) != syntax.Error || strings.Join(strings.Fields(t.Text(stray)), "") != ".async" {
		return
	}
	end := int(t.Nodes[stray].End)
	p.Report(analysis.Diagnostic{
		Start: int(t.Nodes[c.callee].Start),
		End:   end,
		Message: "`asyncio.async()` is a SyntaxError since Python 3.7 made `async` a keyword; use " +
			"`asyncio.ensure_future()`, or `asyncio.create_task()` for a coroutine",
		Fix: &analysis.Fix{Message: "Use `asyncio.ensure_future`", Applicability: analysis.Safe,
			Edits: []analysis.TextEdit{{Start: int(t.Nodes[stray].Start), End: end, NewText: ".ensure_future"}}},
	})
}

// reportWaitFor reports awaited asyncio.wait_for calls that a timeout
// block can replace.
func reportWaitFor(p *analysis.Pass) {
	if !p.Settings.TargetVersion.AtLeast(3, 11) {
		return
	}
	f := p.File
	t := f.Tree
	for _, c := range loopCalls(p) {
		await := t.Parent(c.call)
		if c.name != "asyncio.wait_for" || t.Kind(await) != syntax.Await || !f.InCoroutine(c.call) {
			continue
		}
		if stmt := simpleStatement(t, await); stmt != syntax.NoNode {
			p.Reportf(await, timeoutFix(f, c, stmt),
				"`await asyncio.wait_for(...)`: on Python 3.11+ write `async with asyncio.timeout(...)` around "+
					"the await; `wait_for` before 3.12 runs the awaitable in a separate task")
		}
	}
}

// timeoutFix rewrites [x =] await asyncio.wait_for(aw, t) as
//
//	async with asyncio.timeout(t):
//	    [x =] await aw
//
// when the statement is alone on its lines and the call passes just aw
// and the timeout.
func timeoutFix(f *semantic.File, c loopCall, stmt syntax.NodeID) *analysis.Fix {
	t := f.Tree
	positional, keywords, ok := callArguments(t, c.call)
	if !ok || len(positional)+len(keywords) != 2 || len(positional) == 0 {
		return nil
	}
	var timeout syntax.NodeID
	if len(positional) == 2 {
		timeout = positional[1]
	} else if kw, ok := keywords["timeout"]; ok {
		timeout = t.ChildByField(kw, syntax.FieldValue)
	} else {
		return nil
	}
	indent, ok := fix.StatementIndent(t, stmt)
	if !ok || !endsLine(t, int(t.Nodes[stmt].End)) {
		return nil
	}
	unwrapped := awaitEdits(t, c.call, positional[0], "")
	for _, e := range unwrapped {
		if hasComment(t, c.call, e.Start, e.End) {
			return nil
		}
	}
	asyncio, importEdit, ok := moduleName(f, c.call, c.callee, "asyncio")
	if !ok {
		return nil
	}
	at := int(t.Nodes[stmt].Start)
	block := analysis.TextEdit{Start: at, End: at,
		NewText: fmt.Sprintf("async with %s.timeout(%s):\n%s    ", asyncio, t.Text(timeout), indent)}
	return &analysis.Fix{
		Message:       "Use `async with asyncio.timeout(...)`",
		Applicability: analysis.Unsafe,
		Edits:         fix.WithImports(append([]analysis.TextEdit{block}, unwrapped...), importEdit),
	}
}

// The helpers below are shared by the AL5xx rules.

// callArguments returns the positional arguments of call and its keyword
// arguments by name. ok is false when the call unpacks *args or **kwargs,
// or its only argument is a bare generator expression.
func callArguments(t *syntax.Tree, call syntax.NodeID) (positional []syntax.NodeID, keywords map[string]syntax.NodeID, ok bool) {
	args := t.ChildByField(call, syntax.FieldArguments)
	if args == syntax.NoNode || t.Kind(args) != syntax.ArgumentList {
		return nil, nil, false
	}
	keywords, ok = map[string]syntax.NodeID{}, true
	for a := range t.NamedChildren(args) {
		switch t.Kind(a) {
		case syntax.KeywordArgument:
			keywords[t.Text(t.ChildByField(a, syntax.FieldName))] = a
		case syntax.ListSplat, syntax.DictionarySplat:
			ok = false
		default:
			positional = append(positional, a)
		}
	}
	return positional, keywords, ok
}

// keywordArgument returns the keyword argument name of call, or NoNode.
func keywordArgument(t *syntax.Tree, call syntax.NodeID, name string) syntax.NodeID {
	args := t.ChildByField(call, syntax.FieldArguments)
	if args == syntax.NoNode || t.Kind(args) != syntax.ArgumentList {
		return syntax.NoNode
	}
	for a := range t.NamedChildren(args) {
		if t.Kind(a) == syntax.KeywordArgument && t.TextView(t.ChildByField(a, syntax.FieldName)) == name {
			return a
		}
	}
	return syntax.NoNode
}

// passesOnly reports whether call passes exactly the positional arguments
// spelled args.
func passesOnly(t *syntax.Tree, call syntax.NodeID, args ...string) bool {
	positional, keywords, ok := callArguments(t, call)
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

// simpleStatement returns the statement that expression id makes up, alone
// or as the value of a plain assignment (x = id), or NoNode.
func simpleStatement(t *syntax.Tree, id syntax.NodeID) syntax.NodeID {
	parent := t.Parent(id)
	if t.Kind(parent) == syntax.Assignment && t.Nodes[id].Field == syntax.FieldRight &&
		t.ChildByField(parent, syntax.FieldType) == syntax.NoNode {
		id, parent = parent, t.Parent(parent)
	}
	if t.Kind(parent) != syntax.ExpressionStatement || t.OnlyNamedChild(parent) != id {
		return syntax.NoNode
	}
	return parent
}

// statementCall returns the call that statement stmt consists of, or
// NoNode.
func statementCall(t *syntax.Tree, stmt syntax.NodeID) syntax.NodeID {
	if stmt == syntax.NoNode || t.Kind(stmt) != syntax.ExpressionStatement {
		return syntax.NoNode
	}
	call := t.OnlyNamedChild(stmt)
	if call == syntax.NoNode || t.Kind(call) != syntax.Call {
		return syntax.NoNode
	}
	return call
}

// nextStatement returns the statement after stmt in its block, skipping
// comments, or NoNode.
func nextStatement(t *syntax.Tree, stmt syntax.NodeID) syntax.NodeID {
	next := t.NextSibling(stmt)
	for next != syntax.NoNode && t.Kind(next) == syntax.Comment {
		next = t.NextSibling(next)
	}
	return next
}

// moduleInChain returns the identifier that names module at the root of
// the attribute chain expr ("aio" in aio.Task.all_tasks), or NoNode.
func moduleInChain(f *semantic.File, expr syntax.NodeID, module string) syntax.NodeID {
	t := f.Tree
	for id := t.Unwrap(expr); id != syntax.NoNode && t.Kind(id) == syntax.Attribute; {
		id = t.Unwrap(t.ChildByField(id, syntax.FieldObject))
		if id != syntax.NoNode && t.Kind(id) == syntax.Identifier && f.QualifiedName(id) == module {
			return id
		}
	}
	return syntax.NoNode
}

// moduleName returns how code at use can refer to module: as the attribute
// chain expr spells it, keeping an alias such as aio, or else as
// analysis.ImportModule says, with the import to add.
func moduleName(f *semantic.File, use, expr syntax.NodeID, module string) (string, *analysis.TextEdit, bool) {
	if id := moduleInChain(f, expr, module); id != syntax.NoNode {
		return f.Tree.Text(id), nil, true
	}
	return fix.ImportModule(f, use, module)
}

// renameCallee returns the safe fix that makes c call module.name instead:
// a callee written through the module keeps its spelling of the module
// and changes what follows it; another (a name imported from the module)
// is replaced by module.name, importing the module if needed.
func renameCallee(f *semantic.File, c loopCall, module, name string) *analysis.Fix {
	t := f.Tree
	callee := &t.Nodes[c.callee]
	edit := analysis.TextEdit{Start: int(callee.Start), End: int(callee.End)}
	var importEdit *analysis.TextEdit
	if id := moduleInChain(f, c.callee, module); id != syntax.NoNode {
		edit.Start, edit.NewText = int(t.Nodes[id].End), "."+name
	} else {
		ref, imp, ok := fix.ImportModule(f, c.call, module)
		if !ok {
			return nil
		}
		edit.NewText, importEdit = ref+"."+name, imp
	}
	return &analysis.Fix{
		Message:       fmt.Sprintf("Use `%s.%s()`", module, name),
		Applicability: analysis.Safe,
		Edits:         fix.WithImports([]analysis.TextEdit{edit}, importEdit),
	}
}

// awaitEdits turns expression id into `await operand`, operand being a
// part of it: the text of id before operand becomes prefix and the text
// after it goes. The operand is parenthesised unless it is a primary,
// which await binds to whole.
func awaitEdits(t *syntax.Tree, id, operand syntax.NodeID, prefix string) []analysis.TextEdit {
	open, close := "", ""
	if !isPrimary(t, operand) {
		open, close = "(", ")"
	}
	n, o := &t.Nodes[id], &t.Nodes[operand]
	return nonEmpty([]analysis.TextEdit{
		{Start: int(n.Start), End: int(o.Start), NewText: prefix + open},
		{Start: int(o.End), End: int(n.End), NewText: close},
	})
}

// isPrimary reports whether id is an expression that binds tighter than
// await: a name, attribute, call, subscript, literal or bracketed display.
func isPrimary(t *syntax.Tree, id syntax.NodeID) bool {
	switch t.Kind(id) {
	case syntax.Identifier, syntax.Attribute, syntax.Call, syntax.Subscript, syntax.ParenthesizedExpression,
		syntax.List, syntax.Tuple, syntax.Set, syntax.Dictionary, syntax.ListComprehension,
		syntax.SetComprehension, syntax.DictionaryComprehension, syntax.GeneratorExpression,
		syntax.String, syntax.Integer, syntax.Float, syntax.True, syntax.False, syntax.None:
		return true
	}
	return false
}

// nonEmpty drops the edits that change nothing.
func nonEmpty(edits []analysis.TextEdit) []analysis.TextEdit {
	return slices.DeleteFunc(edits, func(e analysis.TextEdit) bool { return e.Start == e.End && e.NewText == "" })
}

// argumentDeletion returns the edit that removes argument arg and one comma
// next to it, so that the call stays well-formed: the only argument goes
// with everything between the parentheses, an argument alone on its line
// with the line (and the comment ending it), another one with the comma
// before it, and a first argument with the comma and blanks after it. It
// fails rather than delete any other comment.
func argumentDeletion(t *syntax.Tree, arg syntax.NodeID) (analysis.TextEdit, bool) {
	list := t.Parent(arg)
	var tokens []syntax.NodeID // the arguments and commas, without comments
	at := 0
	for c := range t.Children(list) {
		if c == arg {
			at = len(tokens)
		}
		if t.Kind(c) != syntax.Comment {
			tokens = append(tokens, c)
		}
	}
	isComma := func(i int) bool { return i >= 0 && i < len(tokens) && t.Text(tokens[i]) == "," }
	// startOf returns where token i starts, the closing parenthesis past
	// the last one.
	startOf := func(i int) int {
		if i < len(tokens) {
			return int(t.Nodes[tokens[i]].Start)
		}
		return int(t.Nodes[list].End) - 1
	}
	start, end := int(t.Nodes[arg].Start), int(t.Nodes[arg].End)
	if at == 0 && (len(tokens) == 1 || len(tokens) == 2 && isComma(1)) {
		// The only argument: leave f().
		edit := analysis.TextEdit{Start: int(t.Nodes[list].Start) + 1, End: int(t.Nodes[list].End) - 1}
		if !hasComment(t, list, edit.Start, edit.End) {
			return edit, true
		}
	}
	lineEnd := end
	if isComma(at + 1) {
		lineEnd = int(t.Nodes[tokens[at+1]].End)
	}
	if edit, ok := lineDeletion(t, arg, lineEnd); ok {
		return edit, true
	}
	edit := analysis.TextEdit{Start: start, End: end}
	switch {
	case isComma(at - 1):
		edit.Start = int(t.Nodes[tokens[at-1]].Start)
	case isComma(at + 1):
		edit.End = startOf(at + 2)
	}
	return edit, !hasComment(t, list, edit.Start, edit.End)
}

// lineDeletion returns the edit that deletes the lines from the start of
// node id to offset end, when only blanks precede the node on its first
// line and only blanks or a comment follow end on its last.
func lineDeletion(t *syntax.Tree, id syntax.NodeID, end int) (analysis.TextEdit, bool) {
	if _, ok := fix.StatementIndent(t, id); !ok || !endsLine(t, end) {
		return analysis.TextEdit{}, false
	}
	return analysis.TextEdit{
		Start: t.LineStart(t.LineOf(int(t.Nodes[id].Start))),
		End:   t.LineStart(t.LineOf(end) + 1),
	}, true
}

// endsLine reports whether only blanks or a comment follow offset off on
// its line.
func endsLine(t *syntax.Tree, off int) bool {
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

// hasComment reports whether a comment in the subtree of id lies in the
// byte range [start, end).
func hasComment(t *syntax.Tree, id syntax.NodeID, start, end int) bool {
	for c := id; c < t.Nodes[id].After; c++ {
		if n := &t.Nodes[c]; n.Kind == syntax.Comment && int(n.Start) < end && int(n.End) > start {
			return true
		}
	}
	return false
}
