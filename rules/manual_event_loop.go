package rules

import (
	"bytes"
	"slices"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/fix"
	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/analysis/syntax"
)

var manualEventLoop = newRule(&analysis.Rule{
	Code:    "AL504",
	Name:    "manual-event-loop",
	Summary: "an event loop created and run by hand instead of `asyncio.run()`",
	Default: true,
	FixKind: analysis.FixSafe,
	// A loop set anywhere in the file takes the fix away.
	Whole: reportManualLoops,
})

// factoryNames are the calls that hand a program an event loop to run by
// hand.
var factoryNames = []string{"asyncio.get_event_loop", "asyncio.new_event_loop"}

// What goes wrong with a loop run by hand.
const (
	skipsCleanup = "a loop run by hand skips the cleanup `asyncio.run` does: leftover tasks are not " +
		"cancelled, and async generators and the default executor are not shut down"
	getDeprecated = "`asyncio.get_event_loop()` with no loop set is deprecated (RuntimeError from Python " +
		"3.14), and a loop run by hand skips the cleanup `asyncio.run` does"
)

// reportManualLoops reports loops made by asyncio.get_event_loop() or
// new_event_loop() and run with run_until_complete outside a coroutine,
// once per loop: at its first run.
func reportManualLoops(p *analysis.Pass) {
	f := p.File
	t := f.Tree
	// The rule sees the whole file on every edit: it looks for the
	// method's name in the text, then at the calls by their method's name,
	// before anything costlier. The text is searched for the name from
	// its first rare letter: a search looks at each place its first
	// letter occurs (a third of the time for a 20,000-line module).
	if !bytes.Contains(t.Src, []byte("until_complete")) {
		return
	}
	reported := map[syntax.NodeID]bool{}
	for call := range t.OfKind(syntax.Call) {
		if t.MethodName(call) != "run_until_complete" || !inPlainCode(f, call) {
			continue
		}
		recv := t.ChildByField(t.ChildByField(call, syntax.FieldFunction), syntax.FieldObject)
		made := loopFactories(f, recv)
		if len(made) == 0 {
			continue
		}
		loop := reaching(made, call)
		if reported[loop] {
			continue
		}
		reported[loop] = true
		why := skipsCleanup
		if !slices.ContainsFunc(made, func(m syntax.NodeID) bool { return isCall(f, m, "asyncio.new_event_loop") }) &&
			!setBefore(f, loop) {
			why = getDeprecated
		}
		p.Reportf(call, manualLoopFix(p, call, t.Unwrap(recv), made[0]), "%s; use `asyncio.run(...)`", why)
	}
}

// reaching returns the last of the calls that made a loop before use, or
// the first when none comes before it: the loop use most likely runs.
func reaching(made []syntax.NodeID, use syntax.NodeID) syntax.NodeID {
	loop := made[0]
	for _, m := range made {
		if m < use {
			loop = m
		}
	}
	return loop
}

// isCall reports whether id is a call of the function name.
func isCall(f *semantic.File, id syntax.NodeID, name string) bool {
	t := f.Tree
	return id != syntax.NoNode && t.Kind(id) == syntax.Call && f.QualifiedName(t.ChildByField(id, syntax.FieldFunction)) == name
}

// setBefore reports whether asyncio.set_event_loop() is called before id
// in the code that runs it, so that get_event_loop() finds a loop.
func setBefore(f *semantic.File, id syntax.NodeID) bool {
	fn := f.ExecutingFunction(id)
	start := syntax.NodeID(0)
	if fn != semantic.NoScope {
		start = f.Scopes[fn].Node
	}
	for c := start; c < id; c++ {
		if f.ExecutingFunction(c) == fn && isCall(f, c, "asyncio.set_event_loop") {
			return true
		}
	}
	return false
}

// inPlainCode reports whether id runs at module level or in a plain def.
func inPlainCode(f *semantic.File, id syntax.NodeID) bool {
	s := f.ExecutingFunction(id)
	return s == semantic.NoScope || f.Scopes[s].Kind == semantic.FunctionScope && !f.Scopes[s].Async
}

// loopFactories returns the get_event_loop() or new_event_loop() calls
// that made the loop recv: recv itself, or the value of every assignment to
// the name recv, in source order. It returns nil for any other receiver.
func loopFactories(f *semantic.File, recv syntax.NodeID) []syntax.NodeID {
	t := f.Tree
	isFactory := func(id syntax.NodeID) bool {
		return slices.ContainsFunc(factoryNames, func(name string) bool { return isCall(f, id, name) })
	}
	recv = t.Unwrap(recv)
	if isFactory(recv) {
		return []syntax.NodeID{recv}
	}
	if recv == syntax.NoNode || t.Kind(recv) != syntax.Identifier {
		return nil
	}
	var made []syntax.NodeID
	for _, b := range f.Lookup(recv) {
		bb := &f.Bindings[b]
		if bb.Kind != semantic.AssignmentBinding || !isFactory(t.Unwrap(bb.Value)) {
			return nil
		}
		made = append(made, t.Unwrap(bb.Value))
	}
	return made
}

// loopSetters choose the loop that get_event_loop() and new_event_loop()
// return, which asyncio.run would not use: a loop set as the current one,
// a custom policy.
var loopSetters = map[string]bool{
	"asyncio.set_event_loop": true, "asyncio.set_event_loop_policy": true,
	"asyncio.get_event_loop_policy": true, "asyncio.events.set_event_loop_policy": true,
	"uvloop.install": true,
}

// manualLoopFix replaces a loop run by hand with asyncio.run(main()): the
// one-liner get_event_loop().run_until_complete(main()), or the statements
// loopStatements matches. Anything else gets no fix: the loop may outlive
// the run on purpose. Neither does a module that sets the current loop or
// the loop policy anywhere: the loop it runs may be one asyncio.run would
// not make.
func manualLoopFix(p *analysis.Pass, run, recv, factory syntax.NodeID) *analysis.Fix {
	f := p.File
	t := f.Tree
	positional, keywords, ok := t.CallArguments(run)
	if !ok || len(positional) != 1 || len(keywords) > 0 {
		return nil
	}
	for _, c := range loopCalls(p) {
		if loopSetters[c.name] {
			return nil
		}
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
		if t.EndsLine(tail) {
			line := t.LineOf(tail)
			tail = t.LineStart(line) + len(t.LineText(line))
		}
		head := analysis.TextEdit{Start: int(t.Nodes[first].Start), End: int(t.Nodes[runStmt].Start)}
		rest := analysis.TextEdit{Start: min(tail, int(t.Nodes[last].End)), End: int(t.Nodes[last].End)}
		block := t.Parent(first)
		if t.HasComment(block, head.Start, head.End) || t.HasComment(block, rest.Start, rest.End) {
			return nil
		}
		edits = append(edits, head, rest)
	}
	return &analysis.Fix{
		Message:       "Replace with `asyncio.run(...)`",
		Applicability: analysis.Safe,
		Edits:         fix.WithImports(fix.NonEmpty(edits), importEdit),
	}
}

// loopStatements matches the consecutive statements
//
//	loop = asyncio.new_event_loop()  # or get_event_loop()
//	loop.run_until_complete(main())  # or result = loop.run_until_complete(main())
//	loop.close()                     # optional
//
// where the run and the close may also be try: <run> finally: loop.close(),
// and the loop is used nowhere else. It returns the first statement, the
// one with the run and the last.
func loopStatements(f *semantic.File, run, recv, factory syntax.NodeID) (first, runStmt, last syntax.NodeID, ok bool) {
	t := f.Tree
	first, runStmt = t.SimpleStatement(factory), t.SimpleStatement(run)
	if first == syntax.NoNode || runStmt == syntax.NoNode || len(f.Lookup(recv)) != 1 || !t.PassesOnly(factory) {
		return first, runStmt, last, false
	}
	loop := t.Text(recv)
	next := t.NextStatement(first)
	switch {
	case next == runStmt:
		last = runStmt
		if after := t.NextStatement(runStmt); isClose(t, after, loop) {
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
	c := t.StatementCall(stmt)
	return c != syntax.NoNode && t.Text(t.ChildByField(c, syntax.FieldFunction)) == loop+".close" && t.PassesOnly(c)
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
