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
	FixKind: analysis.FixUnsafe,
	SameAs:  []string{"ASYNC251"},
	Run:     func(p *analysis.Pass) { reportBlocking(p, blockingCalls(p), sleepFix) },
})

// sleepFix rewrites time.sleep(x) as await asyncio.sleep(x) (or the trio or
// anyio sleep), importing the library when needed. Unsafe: other tasks now
// run during the wait, and the sleep can be cancelled.
func sleepFix(p *analysis.Pass, c blockingCall) *analysis.Fix {
	f := p.File
	t := f.Tree
	library := awaitFixLibrary(p, c.node)
	if library == "" {
		return nil
	}
	name, importEdit, ok := fix.ImportModule(f, c.node, library)
	if !ok {
		return nil
	}
	return &analysis.Fix{
		Message:       fmt.Sprintf("Use `await %s.sleep(...)`", name),
		Applicability: analysis.Unsafe,
		Edits:         fix.WithImports(fix.AwaitCall(t, c.node, int(t.Nodes[c.callee].End), "await "+name+".sleep", ""), importEdit),
	}
}
