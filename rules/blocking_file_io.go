package rules

import "github.com/asynclint/asynclint/analysis"

var blockingFileIO = blockingRule(&analysis.Rule{
	Code:    "AL204",
	Name:    "blocking-file-io",
	Summary: "file system access in a coroutine",
	FixKind: analysis.FixUnsafe,
	SameAs:  []string{"ASYNC230", "ASYNC231", "ASYNC232", "ASYNC240"},
})
