package rules

import (
	"fmt"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/fix"
)

var blockingSleep = blockingRule(&analysis.Rule{
	Code:    "AL201",
	Name:    "blocking-sleep",
	Summary: "`time.sleep` in a coroutine",
	FixKind: analysis.FixSafe,
	SameAs:  []string{"ASYNC251"},
	Run:     func(p *analysis.Pass) { reportBlocking(p, sleepFix) },
})

// sleepFix rewrites time.sleep(x) as await asyncio.sleep(x) (or the trio or
// anyio sleep), importing the library when needed.
func sleepFix(p *analysis.Pass, c blockingCall) *analysis.Fix {
	f := p.File
	t := f.Tree
	if !fix.CanAwait(f, c.node, p.Settings) {
		return nil
	}
	name, importEdit, ok := fix.ImportModule(f, c.node, asyncLibrary(f))
	if !ok {
		return nil
	}
	return &analysis.Fix{
		Message:       fmt.Sprintf("Use `await %s.sleep(...)`", name),
		Applicability: analysis.Safe,
		Edits:         fix.WithImports(fix.AwaitCall(t, c.node, int(t.Nodes[c.callee].End), "await "+name+".sleep", ""), importEdit),
	}
}
