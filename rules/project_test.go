package rules

import (
	"testing"

	"github.com/asynclint/asynclint/analysis/analysistest"
)

// TestProjects checks multi-module projects: imports across packages,
// relative imports, re-exports, star imports with __all__, inheritance
// across modules, call cycles and the allow list.
func TestProjects(t *testing.T) {
	for _, dir := range []string{"chains"} {
		t.Run(dir, func(t *testing.T) {
			analysistest.RunProject(t, "../testdata/projects/"+dir, Summarize, blockingViaCall, blockingSleep, unawaitedCoroutine)
		})
	}
}
