package rules

import (
	"testing"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/analysistest"
)

var coroutineRules = []*analysis.Rule{unawaitedCoroutine, coroutineNeverAwaited, coroutineInCondition,
	missingAsyncWith, missingAsyncFor, coroutineAttribute}

// TestCoroutines runs every AL3xx rule over each rule's test files, so that
// a value reported by the wrong rule is caught too.
func TestCoroutines(t *testing.T) {
	for _, code := range []string{"AL301", "AL302", "AL303", "AL304", "AL305", "AL306"} {
		t.Run(code, func(t *testing.T) {
			analysistest.Run(t, "../testdata/rules/"+code, coroutineRules...)
		})
	}
}

// TestCoroutinesAcrossModules checks coroutines defined in another module
// of a project, and methods inherited from a base class there.
func TestCoroutinesAcrossModules(t *testing.T) {
	analysistest.RunProject(t, "../testdata/rules/AL301/project", Summarize, coroutineRules...)
}
