package rules

import (
	"fmt"
	"strings"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/fix"
	"github.com/asynclint/asynclint/analysis/syntax"
)

var blockingViaCall = func() *analysis.Rule {
	r := newRule(&analysis.Rule{
		Code:    "AL210",
		Name:    "blocking-via-call",
		Summary: "a call of a project function that blocks, directly or through further calls",
		Default: true,
		FixKind: analysis.FixUnsafe,
		Run:     reportBlockingChains,
	})
	describeFix(r, toThreadPage+libraryPage)
	return r
}()

// reportBlockingChains reports calls from coroutines to project functions
// that block, with the chain of calls that leads to the blocking API. It
// leaves out an awaited call of a function whose decorators may make it
// return an awaitable (which is then what runs), and a call whose
// constant arguments skip every blocking call of the function. A
// generator's body runs later than the call: after the first yield of a
// @contextmanager, when the with block exits.
func reportBlockingChains(p *analysis.Pass) {
	f := p.File
	if p.Project == nil {
		return
	}
	t := f.Tree
	for id := range t.OfKind(syntax.Call) {
		if !f.InCoroutine(id) {
			continue
		}
		callee := t.ChildByField(id, syntax.FieldFunction)
		facts := p.Function(callee)
		if facts == nil || facts.Async || facts.Chain == nil || p.Settings.Blocking.Allowed(facts.Name) ||
			facts.Wrapped && fix.Awaited(t, id) || !facts.BlocksWith(argumentsOf(f, id)) {
			continue
		}
		names := []string{f.DefinitionName(f.Scopes[f.ExecutingFunction(id)].Node), lastName(facts.Name)}
		var related []analysis.Related
		for _, hop := range facts.Chain {
			names = append(names, hop.Callee)
			related = append(related, analysis.Related{Path: hop.Path, Start: hop.Start, End: hop.End,
				Message: fmt.Sprintf("`%s` calls `%s`", lastName(hop.Function), hop.Callee)})
		}
		when := ""
		if facts.Generator && facts.Chain[0].AfterYield && t.IsWithContext(id) {
			when = " when the `with` block exits"
		}
		// In a worker thread, a generator's call would run none of its body.
		call := blockingCall{node: id, callee: callee, api: &blockingAPI{name: facts.Name, code: p.Rule.Code, noFix: facts.Generator}}
		n := &t.Nodes[id]
		p.Report(analysis.Diagnostic{
			Start:   int(n.Start),
			End:     int(n.End),
			Message: fmt.Sprintf("`%s` blocks the event loop%s: %s", shortText(t, callee), when, strings.Join(names, " -> ")),
			Fix:     toThreadFix(p, call),
			Related: related,
		})
	}
}

// lastName drops the modules and classes from a qualified name.
func lastName(name string) string { return name[strings.LastIndex(name, ".")+1:] }
