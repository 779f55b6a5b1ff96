package rules

import (
	"slices"
	"strings"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/fix"
	"github.com/asynclint/asynclint/analysis/syntax"
)

var removedLoopArgument = newRule(&analysis.Rule{
	Code:    "AL505",
	Name:    "removed-loop-argument",
	Summary: "a `loop=` argument or asyncio function that Python removed",
	Default: true,
	FixKind: analysis.FixSafe,
	Covers:  coveredRemovedAPIs(),
	Run:     reportRemovedLoopAPIs,
})

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

// coveredRemovedAPIs lists the APIs the rule knows, for its page.
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

// errorChecks are the context managers with which a test expects an
// exception or a warning from the code in their block: unittest's and
// pytest's.
var errorChecks = map[string]bool{
	"assertRaises": true, "assertRaisesRegex": true, "assertWarns": true, "assertWarnsRegex": true,
	"raises": true, "warns": true, "deprecated_call": true,
}

// expectsError reports whether id runs in the block of a with statement
// that expects an exception or a warning: a test of the error the removed
// API raises, which the fix would make fail.
func expectsError(t *syntax.Tree, id syntax.NodeID) bool {
	for a := range t.Ancestors(id) {
		if t.Kind(a) != syntax.WithStatement {
			continue
		}
		for _, value := range withValues(t, a) {
			if value = t.Unwrap(value); value == syntax.NoNode || t.Kind(value) != syntax.Call {
				continue
			}
			callee := t.ChildByField(value, syntax.FieldFunction)
			if t.Kind(callee) == syntax.Attribute {
				callee = t.ChildByField(callee, syntax.FieldAttr)
			}
			if errorChecks[t.Text(callee)] {
				return true
			}
		}
	}
	return false
}

// reportRemovedLoopAPIs reports loop= arguments that asyncio no longer
// takes, and the functions it removed. Their fixes are safe, save in a
// test that expects the error: there they are left out.
func reportRemovedLoopAPIs(p *analysis.Pass) {
	t := p.Tree()
	for _, c := range loopCalls(p) {
		if !strings.HasPrefix(c.name, "asyncio") {
			continue // what it reports is all asyncio's
		}
		tested := expectsError(t, c.call)
		if replacement, ok := removedTaskMethods[c.name]; ok {
			var rename *analysis.Fix
			if !tested {
				rename = renameCallee(p.File, c, "asyncio", replacement)
			}
			p.Reportf(c.call, rename,
				"`%s()` was removed in Python 3.9 and raises AttributeError; use `asyncio.%s()`", c.name, replacement)
			continue
		}
		if c.name == "asyncio" {
			reportAsyncioAsync(p, c, !tested)
			continue
		}
		if !slices.Contains(loopArgumentRemoved, c.name) {
			continue
		}
		if arg := t.KeywordArgument(c.call, "loop"); arg != syntax.NoNode {
			var deletion *analysis.Fix
			if edit, ok := fix.DeleteArgument(t, arg); ok && !tested {
				deletion = &analysis.Fix{Message: "Remove the `loop` argument", Applicability: analysis.Safe,
					Edits: []analysis.TextEdit{edit}}
			}
			p.Reportf(arg, deletion, "`%s()` has no `loop` parameter since Python 3.10: the call raises TypeError; "+
				"drop the argument, the running loop is used", c.name)
		}
	}
}

// reportAsyncioAsync reports asyncio.async(...), which tree-sitter parses,
// since async became a keyword, as a call of the module with a stray
// `.async` before the arguments; with a fix when withFix is set.
func reportAsyncioAsync(p *analysis.Pass, c loopCall, withFix bool) {
	t := p.Tree()
	stray := t.NextSibling(c.callee)
	if stray == syntax.NoNode || t.Kind(stray) != syntax.Error || strings.Join(strings.Fields(t.Text(stray)), "") != ".async" {
		return
	}
	end := int(t.Nodes[stray].End)
	var rename *analysis.Fix
	if withFix {
		rename = &analysis.Fix{Message: "Use `asyncio.ensure_future`", Applicability: analysis.Safe,
			Edits: []analysis.TextEdit{{Start: int(t.Nodes[stray].Start), End: end, NewText: ".ensure_future"}}}
	}
	p.Report(analysis.Diagnostic{
		Start: int(t.Nodes[c.callee].Start),
		End:   end,
		Message: "`asyncio.async()` is a SyntaxError since Python 3.7 made `async` a keyword; use " +
			"`asyncio.ensure_future()`, or `asyncio.create_task()` for a coroutine",
		Fix: rename,
	})
}
