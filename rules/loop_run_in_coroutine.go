package rules

import (
	"slices"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/syntax"
)

var loopRunInCoroutine = newRule(&analysis.Rule{
	Code:    "AL503",
	Name:    "loop-run-in-coroutine",
	Summary: "an event loop started from inside a coroutine",
	Default: true,
	Covers:  coveredLoopRuns(),
	Run:     reportLoopRuns,
})

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

// coveredLoopRuns lists the calls the rule knows, for its page.
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
