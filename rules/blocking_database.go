package rules

import "github.com/asynclint/asynclint/analysis"

var blockingDatabase = blockingRule(&analysis.Rule{
	Code:    "AL207",
	Name:    "blocking-database",
	Summary: "a synchronous database driver used in a coroutine",
	FixKind: analysis.FixUnsafe,
})
