package rules

import (
	"fmt"
	"strings"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/syntax"
)

var blockingViaCall = newRule(&analysis.Rule{
	Code:    "AL210",
	Name:    "blocking-via-call",
	Summary: "a call of a project function that blocks, directly or through further calls",
	Default: true,
	FixKind: analysis.FixUnsafe,
	Run:     reportBlockingChains,
})

// reportBlockingChains reports calls from coroutines to project functions
// that block, with the chain of calls that leads to the blocking API.
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
		if facts == nil || facts.Async || facts.Chain == nil || p.Settings.Blocking.Allowed(facts.Name) {
			continue
		}
		names := []string{f.DefinitionName(f.Scopes[f.ExecutingFunction(id)].Node), lastName(facts.Name)}
		var related []analysis.Related
		for _, hop := range facts.Chain {
			names = append(names, hop.Callee)
			related = append(related, analysis.Related{Path: hop.Path, Start: hop.Start, End: hop.End,
				Message: fmt.Sprintf("`%s` calls `%s`", lastName(hop.Function), hop.Callee)})
		}
		call := blockingCall{node: id, callee: callee, api: &blockingAPI{name: facts.Name, code: p.Rule.Code}}
		n := &t.Nodes[id]
		p.Report(analysis.Diagnostic{
			Start:   int(n.Start),
			End:     int(n.End),
			Message: fmt.Sprintf("`%s` blocks the event loop: %s", shortText(t, callee), strings.Join(names, " -> ")),
			Fix:     toThreadFix(p, call),
			Related: related,
		})
	}
}

// lastName drops the modules and classes from a qualified name.
func lastName(name string) string { return name[strings.LastIndex(name, ".")+1:] }
