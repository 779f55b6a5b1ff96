package rules

import "github.com/asynclint/asynclint/analysis"

var sleepZero = newRule(&analysis.Rule{
	Code:    "AL615",
	Name:    "sleep-zero",
	Summary: "`trio.sleep(0)` or `anyio.sleep(0)` written for a checkpoint",
	Default: true,
	FixKind: analysis.FixSafe,
	SameAs:  []string{"ASYNC115"},
	Run:     reportSleepZero,
})

// reportSleepZero reports trio and anyio sleeps of zero seconds.
func reportSleepZero(p *analysis.Pass) {
	t := p.Tree()
	for _, s := range librarySleeps(p) {
		if v, ok := numberValue(t, s.arg); !ok || v != 0 {
			continue
		}
		p.Reportf(s.call, callReplacement(p, s, "lowlevel.checkpoint", analysis.Safe),
			"`%s.sleep(0)` does not wait: it is a checkpoint; write `%s.lowlevel.checkpoint()`, which says so",
			s.library, s.library)
	}
}
