package rules

import "github.com/asynclint/asynclint/analysis"

var blockingInput = blockingRule(&analysis.Rule{
	Code:    "AL205",
	Name:    "blocking-input",
	Summary: "`input()` in a coroutine",
	FixKind: analysis.FixUnsafe,
	SameAs:  []string{"ASYNC250"},
})
