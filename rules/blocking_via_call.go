package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/fix"
	"github.com/asynclint/asynclint/analysis/semantic"
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
// leaves out a call of a function whose decorators may make it return an
// awaitable (which is then what runs) when the call is awaited or started
// as a task, a call whose constant arguments skip every blocking call of
// the function, and a call under a mock that patches the API the chain
// ends at. A
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
			facts.Wrapped && (fix.Awaited(t, id) || startedAsTask(f, id)) || !facts.BlocksWith(argumentsOf(f, id)) ||
			patchedAway(f, id, facts.Chain[len(facts.Chain)-1].Callee) {
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

// mockPatchers patch a name for the block of a with statement, or the
// function they decorate.
var mockPatchers = []string{"unittest.mock.patch", "unittest.mock.patch.object", "mock.patch", "mock.patch.object"}

// patchedAway reports whether a call runs where unittest.mock patches api,
// a qualified name: in the block of a with statement, or a function
// decorated, with patch("module.api") (or a name it imported,
// "pkg.user.subprocess.run") or patch.object(module, "name").
func patchedAway(f *semantic.File, call syntax.NodeID, api string) bool {
	t := f.Tree
	for a := range t.Ancestors(call) {
		var patches []syntax.NodeID
		switch t.Kind(a) {
		case syntax.WithStatement:
			if inBody(t, a, call) {
				patches = withValues(t, a)
			}
		case syntax.DecoratedDefinition:
			for d := range t.NamedChildren(a) {
				if t.Kind(d) == syntax.Decorator {
					patches = append(patches, t.Unwrap(t.NamedChild(d, 0)))
				}
			}
		}
		for _, patch := range patches {
			if patch = t.Unwrap(patch); t.Kind(patch) == syntax.Call && patchesName(f, patch, api) {
				return true
			}
		}
	}
	return false
}

// patchesName reports whether call is a mock patch of api.
func patchesName(f *semantic.File, call syntax.NodeID, api string) bool {
	t := f.Tree
	if !slices.Contains(mockPatchers, f.QualifiedName(t.ChildByField(call, syntax.FieldFunction))) {
		return false
	}
	positional, _, ok := t.CallArguments(call)
	if !ok || len(positional) == 0 {
		return false
	}
	first := t.Unwrap(positional[0])
	if t.Kind(first) == syntax.String {
		target := stringValue(t, first)
		return target == api || strings.HasSuffix(target, "."+api)
	}
	dot := strings.LastIndex(api, ".")
	if dot < 0 || len(positional) < 2 {
		return false
	}
	if attr := t.Unwrap(positional[1]); t.Kind(attr) != syntax.String || stringValue(t, attr) != api[dot+1:] {
		return false
	}
	obj, module := t.Text(first), api[:dot]
	return obj == module || strings.HasSuffix(obj, "."+module) || f.QualifiedName(first) == module
}
