package rules

import (
	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/syntax"
)

var loopWithoutCheckpoint = newRule(&analysis.Rule{
	Code:    "AL612",
	Name:    "loop-without-checkpoint",
	Summary: "a `while True` loop in a coroutine that can go round without awaiting",
	Default: true,
	SameAs:  []string{"ASYNC913"},
	Run:     reportLoopWithoutCheckpoint,
})

// reportLoopWithoutCheckpoint reports the indefinite loops of coroutines
// with a path through the body that has no checkpoint and no break.
func reportLoopWithoutCheckpoint(p *analysis.Pass) {
	t := p.Tree()
	_, checkpoint := checkpointLibrary(p.File)
	for _, loop := range checkpointLoops(p) {
		end := int(t.Nodes[t.ChildByField(loop, syntax.FieldCondition)].End)
		p.Report(analysis.Diagnostic{
			Start: int(t.Nodes[loop].Start),
			End:   end,
			Message: "this loop never ends by itself, and some paths through its body do not await: on such an " +
				"iteration no other task runs and the task cannot be cancelled, so a loop that waits for another task " +
				"to change something spins forever; await on every iteration (" + checkpoint + " at least)",
		})
	}
}
