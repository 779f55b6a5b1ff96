package rules

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/analysistest"
)

// TestRules runs the rules enabled by default, and the rule itself, over
// each rule's test files in testdata/CODE, so that a finding of another
// rule is caught too, and checks each rule's fixes against the .fixed
// files there. A rule whose
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
				analysistest.Run(t, dir, withDefaults(suite, r)...)
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

// withDefaults returns the rules of the suite that are on by default, and
// r, which may be off by default.
func withDefaults(suite *analysis.Suite, r *analysis.Rule) []*analysis.Rule {
	var rules []*analysis.Rule
	for _, s := range suite.Rules {
		if s.Default || s == r {
			rules = append(rules, s)
		}
	}
	return rules
}
