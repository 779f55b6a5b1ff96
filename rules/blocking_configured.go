package rules

import "github.com/asynclint/asynclint/analysis"

var blockingConfigured = blockingRule(&analysis.Rule{
	Code:    "AL209",
	Name:    "blocking-configured",
	Summary: "a call the configuration lists as blocking, in a coroutine",
	SameAs:  []string{"ASYNC200"},
})
