package rules

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/asynclint/asynclint/analysis/analysistest"
)

// TestRules runs the whole suite over each rule's test files in
// testdata/CODE, so that a finding of another rule is caught too, and
// checks each rule's fixes against the .fixed files there. A rule whose
// findings cross modules is tested on the project in testdata/CODE/project
// instead, or too.
func TestRules(t *testing.T) {
	suite := Suite()
	for _, r := range suite.Rules {
		t.Run(r.Code, func(t *testing.T) {
			dir := filepath.Join("testdata", r.Code)
			files, _ := filepath.Glob(filepath.Join(dir, "*.py"))
			project := filepath.Join(dir, "project")
			_, err := os.Stat(project)
			if len(files) == 0 && err != nil {
				t.Fatalf("%s has no test files in %s", r.Code, dir)
			}
			if len(files) > 0 {
				analysistest.Run(t, dir, suite.Rules...)
			}
			if err == nil {
				// Checked as the command line checks a project: imports
				// across packages, relative imports, re-exports, star
				// imports with __all__, inheritance across modules.
				analysistest.RunProject(t, project, suite)
			}
		})
	}
}
