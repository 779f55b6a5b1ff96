package rules

import "github.com/asynclint/asynclint/analysis"

var blockingSubprocess = blockingRule(&analysis.Rule{
	Code:    "AL203",
	Name:    "blocking-subprocess",
	Summary: "a process started or waited for synchronously in a coroutine",
	FixKind: analysis.FixUnsafe,
	SameAs:  []string{"ASYNC220", "ASYNC221", "ASYNC222"},
})
