package rules

import "github.com/asynclint/asynclint/analysis"

var getEventLoopInCoroutine = newRule(&analysis.Rule{
	Code:    "AL502",
	Name:    "get-event-loop-in-coroutine",
	Summary: "`asyncio.get_event_loop()` in a coroutine",
	Default: true,
	FixKind: analysis.FixSafe,
	Run:     reportGetEventLoop,
})

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
