package rules

import (
	"fmt"
	"slices"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/analysis/syntax"
)

var busyWait = newRule(&analysis.Rule{
	Code:    "AL404",
	Name:    "busy-wait",
	Summary: "a loop that polls a condition with `await asyncio.sleep`",
	Default: true,
	SameAs:  []string{"ASYNC110"},
	Run:     reportBusyWaits,
})

// pollingSleeps maps each library's sleeps, and the checkpoints that
// sleep for no time, to the event to await instead.
var pollingSleeps = map[string]string{
	"asyncio.sleep":             "asyncio.Event",
	"trio.sleep":                "trio.Event",
	"trio.sleep_until":          "trio.Event",
	"anyio.sleep":               "anyio.Event",
	"anyio.sleep_until":         "anyio.Event",
	"trio.lowlevel.checkpoint":  "trio.Event",
	"anyio.lowlevel.checkpoint": "anyio.Event",
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
