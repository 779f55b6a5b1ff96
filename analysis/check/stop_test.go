package check

import (
	"testing"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/config"
	"github.com/asynclint/asynclint/analysis/project"
	"github.com/asynclint/asynclint/analysis/semantic"
)

// TestStopBetweenSteps stops checks at each of their steps in turn: a
// check stopped before its project's view or its rules does not ask for
// them, and reports nothing.
func TestStopBetweenSteps(t *testing.T) {
	tree := parse(t, threeFunctions)
	for asks := range 4 {
		var seen []string
		viewed := false
		opts := &Options{
			Rules:    []*analysis.Rule{callRule(&seen)},
			Settings: config.DefaultSettings(),
			Project:  func(*semantic.File) *project.View { viewed = true; return nil },
		}
		n := 0
		opts.Stop = func() bool { n++; return n > asks }
		res := Run(tree, opts)
		// The steps ask before the view, before the rules, and before
		// each rule: three asks for one rule.
		stopped, wantViewed := asks < 3, asks >= 1
		if res.Stopped != stopped || viewed != wantViewed || stopped && (seen != nil || res.Diagnostics != nil) || !stopped && len(res.Diagnostics) != 3 {
			t.Errorf("stop at ask %d: Stopped %v, viewed %v, the rule saw %q, %d findings", asks+1, res.Stopped, viewed, seen, len(res.Diagnostics))
		}
	}
}
