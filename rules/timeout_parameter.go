package rules

import (
	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/syntax"
)

var timeoutParameter = newRule(&analysis.Rule{
	Code:    "AL613",
	Name:    "timeout-parameter",
	Summary: "an `async def` taking a `timeout` parameter",
	SameAs:  []string{"ASYNC109"},
	Run:     reportTimeoutParameter,
})

// reportTimeoutParameter reports the timeout parameters of async defs.
func reportTimeoutParameter(p *analysis.Pass) {
	f := p.File
	t := f.Tree
	scope := timeoutRemedy(p)
	for def := range t.OfKind(syntax.FunctionDefinition) {
		if !f.IsAsyncDef(def) || !keepsSignature(p, def) {
			continue
		}
		for param := range t.NamedChildren(t.ChildByField(def, syntax.FieldParameters)) {
			if parameterName(t, param) == "timeout" {
				p.Reportf(param, nil, "async function with a `timeout` parameter: let callers bound the call with %s, "+
					"which cancels it cleanly and composes with their own deadlines", scope)
			}
		}
	}
}

// parameterName returns the name of a parameter of a def that can be
// passed by position or keyword, or "" (for *args, **kwargs, / and *).
func parameterName(t *syntax.Tree, param syntax.NodeID) string {
	switch t.Kind(param) {
	case syntax.Identifier:
		return t.Text(param)
	case syntax.DefaultParameter, syntax.TypedDefaultParameter:
		return t.Text(t.ChildByField(param, syntax.FieldName))
	case syntax.TypedParameter:
		if first := t.NamedChild(param, 0); first != syntax.NoNode && t.Kind(first) == syntax.Identifier {
			return t.Text(first)
		}
	}
	return ""
}

// timeoutRemedy returns the timeout a caller of the file's library writes
// around a call.
func timeoutRemedy(p *analysis.Pass) string {
	switch asyncLibrary(p.File) {
	case "trio":
		return "`with trio.move_on_after(...)` or `trio.fail_after(...)`"
	case "anyio":
		return "`with anyio.move_on_after(...)` or `anyio.fail_after(...)`"
	}
	if p.Settings.TargetVersion.AtLeast(3, 11) {
		return "`async with asyncio.timeout(...)`"
	}
	return "`asyncio.wait_for(...)`"
}
