package check

import (
	"fmt"
	"runtime/debug"

	"github.com/asynclint/asynclint/analysis"
)

// runSafely runs pass p of a rule, with run, its Run or Whole, turning a
// panic in the rule into a diagnostic at the start of the file so that one
// faulty rule cannot stop the run. It reports whether the rule ran to the
// end.
func runSafely(p *analysis.Pass, run func(*analysis.Pass)) (ok bool) {
	defer func() {
		if v := recover(); v != nil {
			p.Report(analysis.Diagnostic{
				Message: fmt.Sprintf("internal error in rule %s: %v\n%s", p.Rule.Code, v, debug.Stack()),
			})
		}
	}()
	run(p)
	return true
}
