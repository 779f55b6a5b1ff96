package rules

import "github.com/asynclint/asynclint/analysis"

var blockingWait = blockingRule(&analysis.Rule{
	Code:    "AL208",
	Name:    "blocking-wait",
	Summary: "a wait on a thread or a synchronous primitive in a coroutine",
	// Whether a with statement on a lock blocks depends on what the code
	// that takes the lock anywhere else does while holding it.
	Whole: func(p *analysis.Pass) { reportBlocking(p, lockHolds(p), nil) },
})
