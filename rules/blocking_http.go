package rules

import "github.com/asynclint/asynclint/analysis"

var blockingHTTP = blockingRule(&analysis.Rule{
	Code:    "AL202",
	Name:    "blocking-http",
	Summary: "a synchronous HTTP request in a coroutine",
	FixKind: analysis.FixUnsafe,
	SameAs:  []string{"ASYNC210", "ASYNC211", "ASYNC212"},
})
