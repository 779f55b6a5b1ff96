package analysis

import (
	"fmt"
	"runtime/debug"
)

// runSafely runs a pass, turning a panic in the rule into a diagnostic at
// the start of the file so that one faulty rule cannot stop the run.
func runSafely(p *Pass) {
	defer func() {
		if v := recover(); v != nil {
			p.Report(Diagnostic{
				Message: fmt.Sprintf("internal error in rule %s: %v\n%s", p.Rule.Code, v, debug.Stack()),
			})
		}
	}()
	p.Rule.Run(p)
}
