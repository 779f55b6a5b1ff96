package rules

import (
	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/check"
)

var unusedNoqa = newRule(&analysis.Rule{
	Code:    check.UnusedNoqaCode,
	Name:    "unused-noqa",
	Summary: "a `# noqa` comment, or a code in one, that silences nothing",
	Default: true,
	FixKind: analysis.FixSafe,
	SameAs:  []string{"RUF100"},
	// check.Run reports it itself: only the pipeline sees what the
	// other rules found and which noqa comments silenced it.
	Run: func(*analysis.Pass) {},
})
