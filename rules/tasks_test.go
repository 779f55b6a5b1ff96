package rules

import (
	"testing"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/analysistest"
)

var taskRules = []*analysis.Rule{danglingTask, swallowedCancellation, coroutinePassedToWait, busyWait}

// TestTasks runs every AL4xx rule over each rule's test files, so that a
// finding reported by the wrong rule is caught too.
func TestTasks(t *testing.T) {
	for _, code := range []string{"AL401", "AL402", "AL403", "AL404"} {
		t.Run(code, func(t *testing.T) {
			analysistest.Run(t, "../testdata/rules/"+code, taskRules...)
		})
	}
}
