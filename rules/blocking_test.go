package rules

import (
	"testing"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/analysistest"
)

var blockingRules = []*analysis.Rule{blockingSleep, blockingHTTP, blockingSubprocess, blockingFileIO,
	blockingInput, blockingNetwork, blockingDatabase, blockingWait, blockingConfigured}

// TestBlocking runs every blocking rule over each family's test files, so
// that a call reported by the wrong rule is caught too.
func TestBlocking(t *testing.T) {
	for _, code := range []string{"AL201", "AL202", "AL203", "AL204", "AL205", "AL206", "AL207", "AL208", "AL209"} {
		t.Run(code, func(t *testing.T) {
			analysistest.Run(t, "../testdata/rules/"+code, blockingRules...)
		})
	}
}
