package rules

import (
	"fmt"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/fix"
	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/analysis/syntax"
)

var exitWithoutCheckpoint = newRule(&analysis.Rule{
	Code:       "AL618",
	Name:       "exit-without-checkpoint",
	Summary:    "trio/anyio: an `async def` that can return or yield without a checkpoint",
	FixKind:    analysis.FixSafe,
	SameAs:     []string{"ASYNC910", "ASYNC911"},
	Run:        reportExitWithoutCheckpoint,
	CitesLines: true,
})

// reportExitWithoutCheckpoint reports, in trio and anyio code, each yield,
// return and function end reachable without a checkpoint, once for each
// point it is reachable from: the start of the function or a yield.
func reportExitWithoutCheckpoint(p *analysis.Pass) {
	f := p.File
	t := f.Tree
	library, checkpoint := checkpointLibrary(f)
	if library == "asyncio" {
		return
	}
	fixed := map[syntax.NodeID]bool{}
	for _, e := range checkpointExits(p) {
		var checkpointFix *analysis.Fix
		if !fixed[e.node] && library != "" {
			fixed[e.node] = true
			checkpointFix = insertCheckpoint(p, e.node, library)
		}
		what, at := exitWhat(t, e.node)
		p.Report(analysis.Diagnostic{
			Start: int(t.Nodes[at].Start),
			End:   int(t.Nodes[at].End),
			Message: fmt.Sprintf("%s without a checkpoint %s: the caller regains control without this function "+
				"having let other tasks run or a cancellation in; await something on every path (%s)",
				what, exitSince(t, e.since), checkpoint),
			Fix: checkpointFix,
		})
	}
}

// checkpointLibrary returns the library of a file, "" when it imports
// none of asyncio, trio and anyio, and how to await a checkpoint with it.
func checkpointLibrary(f *semantic.File) (library, checkpoint string) {
	if !f.Imports("asyncio") && !f.Imports("trio") && !f.Imports("anyio") {
		return "", "`await trio.lowlevel.checkpoint()` or `await anyio.lowlevel.checkpoint()`"
	}
	library = asyncLibrary(f)
	if library == "asyncio" {
		return library, "`await asyncio.sleep(0)`"
	}
	return library, "`await " + library + ".lowlevel.checkpoint()`"
}

// exitWhat describes an exit, and returns the node to report it at.
func exitWhat(t *syntax.Tree, node syntax.NodeID) (string, syntax.NodeID) {
	switch t.Kind(node) {
	case syntax.Yield:
		return "this `yield` can be reached", node
	case syntax.ReturnStatement:
		return "this `return` can be reached", node
	}
	name := t.ChildByField(node, syntax.FieldName)
	return fmt.Sprintf("`%s` can end", t.Text(name)), name
}

// exitSince describes the point an exit is reachable from.
func exitSince(t *syntax.Tree, since syntax.NodeID) string {
	if t.Kind(since) == syntax.Yield {
		return fmt.Sprintf("since the `yield` on line %d", t.LineOf(int(t.Nodes[since].Start)))
	}
	return "since the function started"
}

// insertCheckpoint returns the fix that awaits a checkpoint of library
// just before the statement of a yield or return, or at the end of the
// function's body; none where the new line would not be a statement of
// its own, would split a boolean or conditional expression, or would
// await in a handler or finally clause (where the await is itself
// unsafe).
func insertCheckpoint(p *analysis.Pass, node syntax.NodeID, library string) *analysis.Fix {
	f := p.File
	t := f.Tree
	var at int
	var indent string
	if t.Kind(node) == syntax.FunctionDefinition {
		body := t.ChildByField(node, syntax.FieldBody)
		first := t.NamedChild(body, 0)
		in, ok := fix.StatementIndent(t, first)
		if first == syntax.NoNode || !ok || t.LineOf(int(t.Nodes[first].Start)) == t.LineOf(int(t.Nodes[node].Start)) {
			return nil
		}
		indent, at = in, t.LineStart(t.LineOf(int(t.Nodes[body].End))+1)
	} else {
		stmt := node
		for t.Kind(stmt) != syntax.ExpressionStatement && t.Kind(stmt) != syntax.ReturnStatement {
			switch t.Kind(stmt) {
			case syntax.BooleanOperator, syntax.ConditionalExpression, syntax.Lambda:
				return nil
			}
			if stmt = t.Parent(stmt); stmt == syntax.NoNode || t.Kind(stmt) == syntax.Block {
				return nil
			}
		}
		in, ok := fix.StatementIndent(t, stmt)
		if !ok || inCleanup(t, stmt) || sharesLine(t, stmt) {
			return nil
		}
		indent, at = in, t.LineStart(t.LineOf(int(t.Nodes[stmt].Start)))
	}
	name, importEdit, ok := fix.ImportModule(f, node, library)
	if !ok {
		return nil
	}
	text := indent + "await " + name + ".lowlevel.checkpoint()\n"
	if at == len(t.Src) && at > 0 && t.Src[at-1] != '\n' {
		text = "\n" + text
	}
	return &analysis.Fix{
		Message:       fmt.Sprintf("Insert `await %s.lowlevel.checkpoint()`", name),
		Applicability: analysis.Safe,
		Edits:         fix.WithImports([]analysis.TextEdit{{Start: at, End: at, NewText: text}}, importEdit),
	}
}

// inCleanup reports whether stmt lies in an except or finally clause of
// its function.
func inCleanup(t *syntax.Tree, stmt syntax.NodeID) bool {
	for a := range t.Ancestors(stmt) {
		switch t.Kind(a) {
		case syntax.ExceptClause, syntax.FinallyClause:
			return true
		case syntax.FunctionDefinition, syntax.Lambda, syntax.ClassDefinition:
			return false
		}
	}
	return false
}

// sharesLine reports whether another statement ends on the line where
// stmt starts, as in "x = 1; yield x".
func sharesLine(t *syntax.Tree, stmt syntax.NodeID) bool {
	prev := t.Nodes[stmt].Parent
	line := t.LineOf(int(t.Nodes[stmt].Start))
	for c := range t.NamedChildren(prev) {
		if c != stmt && t.LineOf(int(t.Nodes[c].End)) == line && t.Nodes[c].End <= t.Nodes[stmt].Start {
			return true
		}
	}
	return false
}
