package rules

import (
	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/analysis/syntax"
)

var timeoutWithoutAwait = newRule(&analysis.Rule{
	Code:    "AL601",
	Name:    "timeout-without-await",
	Summary: "a timeout or cancel scope whose body has no `await`, `async for` or `async with`",
	Default: true,
	SameAs:  []string{"ASYNC100"},
	Run:     reportTimeoutsWithoutAwait,
})

// reportTimeoutsWithoutAwait reports the timeouts and cancel scopes of
// with statements whose block never reaches a checkpoint, the only place
// where cancellation is delivered.
func reportTimeoutsWithoutAwait(p *analysis.Pass) {
	f := p.File
	t := f.Tree
	for stmt := range t.OfKind(syntax.WithStatement) {
		for _, s := range scopeItems(f, stmt) {
			if s.kind != timeoutScope && s.kind != cancelScope || reachesCheckpoint(f, s) {
				continue
			}
			what := "the timeout can only fire at a checkpoint, so it never does"
			if s.kind == cancelScope {
				what = "the scope can only be cancelled at a checkpoint, so it never is"
			}
			p.Reportf(s.call, nil, "`%s` has no `await`, `async for` or `async with` in its block: %s; "+
				"add a checkpoint such as `%s`, or remove the scope", callText(t, s.call), what, checkpointCall(s.library))
		}
	}
}

// reachesCheckpoint reports whether code inside scope s reaches a
// checkpoint: its block, or the entry of the items after it in an async
// with statement. A yield counts: the code it yields to may checkpoint.
func reachesCheckpoint(f *semantic.File, s scopeItem) bool {
	t := f.Tree
	if t.HasToken(s.stmt, syntax.AsyncKeyword) {
		for _, item := range withItems(t, s.stmt) {
			if item > s.item && asyncItemCheckpoints(f, s.stmt, item) {
				return true
			}
		}
	}
	for id := range frameNodes(t, t.ChildByField(s.stmt, syntax.FieldBody)) {
		switch t.Kind(id) {
		case syntax.Await, syntax.Yield:
			return true
		case syntax.ForStatement, syntax.ForInClause:
			if t.HasToken(id, syntax.AsyncKeyword) {
				return true
			}
		case syntax.WithStatement:
			if !t.HasToken(id, syntax.AsyncKeyword) {
				continue
			}
			for _, item := range withItems(t, id) {
				if asyncItemCheckpoints(f, id, item) {
					return true
				}
			}
		}
	}
	return false
}

// asyncItemCheckpoints reports whether entering or leaving an item of an
// async with statement reaches a checkpoint. Any asynchronous context
// manager may, but a TaskGroup does only when it waits for a task started
// in it.
func asyncItemCheckpoints(f *semantic.File, stmt, item syntax.NodeID) bool {
	s, ok := itemScope(f, stmt, item)
	return !ok || s.kind != taskGroupScope || runsTask(f, s)
}
