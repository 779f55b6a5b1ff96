package rules

import "github.com/asynclint/asynclint/analysis"

// blockingPathMetadata is off by default: one metadata call is usually a
// short stall, worth reporting only where the file system may be slow.
var blockingPathMetadata = func() *analysis.Rule {
	r := blockingRule(&analysis.Rule{
		Code:    "AL211",
		Name:    "blocking-path-metadata",
		Summary: "a metadata system call on a path (`exists`, `stat`, `mkdir`, `unlink`...) in a coroutine",
		FixKind: analysis.FixUnsafe,
		SameAs:  []string{"ASYNC240"},
	})
	r.Default = false
	return r
}()
