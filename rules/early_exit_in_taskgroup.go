package rules

import (
	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/analysis/syntax"
)

var earlyExitInTaskGroup = newRule(&analysis.Rule{
	Code:    "AL607",
	Name:    "early-exit-in-taskgroup",
	Summary: "`return`, `break` or `continue` inside a TaskGroup or nursery block",
	Default: true,
	SameAs:  []string{"ASYNC121"},
	Run:     reportEarlyExits,
})

// reportEarlyExits reports the return, break and continue statements that
// leave the block of an async with statement opening a TaskGroup.
func reportEarlyExits(p *analysis.Pass) {
	f := p.File
	t := f.Tree
	for exit := range t.OfKind(syntax.ReturnStatement, syntax.BreakStatement, syntax.ContinueStatement) {
		group, ok := leftTaskGroup(f, exit)
		if !ok {
			continue
		}
		word := taskGroupWord(group.library)
		instead := "move it after the block"
		if group.library != "asyncio" {
			name := word
			if group.target != syntax.NoNode {
				name = t.Text(group.target)
			}
			instead = "cancel the " + word + " (`" + name + ".cancel_scope.cancel()`) and " + instead
		}
		keyword := t.FirstChild(exit)
		p.Reportf(keyword, nil, "`%s` inside `async with %s` only takes effect once every task of the %s has "+
			"finished, and a task's error or cancellation can override it; %s",
			t.TextView(keyword), callText(t, group.call), word, instead)
	}
}

// leftTaskGroup returns the TaskGroup whose async with block a return, or
// a break or continue of a loop around the block, leaves.
func leftTaskGroup(f *semantic.File, exit syntax.NodeID) (scopeItem, bool) {
	t := f.Tree
	loopExit := t.Kind(exit) != syntax.ReturnStatement
	for a := range frameAncestors(t, exit) {
		if !inBody(t, a, exit) {
			continue
		}
		switch t.Kind(a) {
		case syntax.ForStatement, syntax.WhileStatement:
			if loopExit {
				return scopeItem{}, false
			}
		case syntax.WithStatement:
			if !t.HasToken(a, syntax.AsyncKeyword) {
				continue
			}
			for _, s := range scopeItems(f, a) {
				if s.kind == taskGroupScope {
					return s, true
				}
			}
		}
	}
	return scopeItem{}, false
}
