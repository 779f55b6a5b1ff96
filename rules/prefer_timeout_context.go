package rules

import (
	"fmt"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/fix"
	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/analysis/syntax"
)

var preferTimeoutContext = newRule(&analysis.Rule{
	Code:    "AL506",
	Name:    "prefer-timeout-context",
	Summary: "`await asyncio.wait_for(...)` where `async with asyncio.timeout(...)` fits",
	Default: true,
	FixKind: analysis.FixUnsafe,
	Run:     reportWaitFor,
})

// reportWaitFor reports awaited asyncio.wait_for calls that a timeout
// block can replace.
func reportWaitFor(p *analysis.Pass) {
	if !p.Settings.TargetVersion.AtLeast(3, 11) {
		return
	}
	f := p.File
	t := f.Tree
	for _, c := range loopCalls(p) {
		await := t.Parent(c.call)
		if c.name != "asyncio.wait_for" || t.Kind(await) != syntax.Await || !f.InCoroutine(c.call) {
			continue
		}
		if stmt := t.SimpleStatement(await); stmt != syntax.NoNode {
			p.Reportf(await, timeoutFix(f, c, stmt),
				"`await asyncio.wait_for(...)`: on Python 3.11+ write `async with asyncio.timeout(...)` around "+
					"the await; `wait_for` before 3.12 runs the awaitable in a separate task")
		}
	}
}

// timeoutFix rewrites [x =] await asyncio.wait_for(aw, t) as
//
//	async with asyncio.timeout(t):
//	    [x =] await aw
//
// when the statement is alone on its lines and the call passes just aw
// and the timeout.
func timeoutFix(f *semantic.File, c loopCall, stmt syntax.NodeID) *analysis.Fix {
	t := f.Tree
	positional, keywords, ok := t.CallArguments(c.call)
	if !ok || len(positional)+len(keywords) != 2 || len(positional) == 0 {
		return nil
	}
	var timeout syntax.NodeID
	if len(positional) == 2 {
		timeout = positional[1]
	} else if kw, ok := keywords["timeout"]; ok {
		timeout = t.ChildByField(kw, syntax.FieldValue)
	} else {
		return nil
	}
	indent, ok := fix.StatementIndent(t, stmt)
	if !ok || !t.EndsLine(int(t.Nodes[stmt].End)) {
		return nil
	}
	unwrapped := fix.AwaitOperand(t, c.call, positional[0], "")
	for _, e := range unwrapped {
		if t.HasComment(c.call, e.Start, e.End) {
			return nil
		}
	}
	asyncio, importEdit, ok := moduleName(f, c.call, c.callee, "asyncio")
	if !ok {
		return nil
	}
	at := int(t.Nodes[stmt].Start)
	block := analysis.TextEdit{Start: at, End: at,
		NewText: fmt.Sprintf("async with %s.timeout(%s):\n%s    ", asyncio, t.Text(timeout), indent)}
	return &analysis.Fix{
		Message:       "Use `async with asyncio.timeout(...)`",
		Applicability: analysis.Unsafe,
		Edits:         fix.WithImports(append([]analysis.TextEdit{block}, unwrapped...), importEdit),
	}
}
