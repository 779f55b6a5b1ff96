package rules

import (
	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/syntax"
)

var constantAbsoluteDeadline = newRule(&analysis.Rule{
	Code:    "AL609",
	Name:    "constant-absolute-deadline",
	Summary: "a constant absolute deadline (`asyncio.timeout_at(10)`, `trio.move_on_at(5)`)",
	Default: true,
	SameAs:  []string{"ASYNC125"},
	Run:     reportConstantDeadlines,
})

// relativeScopes maps the scopes that take an absolute deadline to the
// ones that take a delay.
var relativeScopes = map[string]string{
	"timeout_at": "timeout", "fail_at": "fail_after", "move_on_at": "move_on_after", "CancelScope": "move_on_after",
}

// reportConstantDeadlines reports number literals given as the absolute
// deadline of a scope.
func reportConstantDeadlines(p *analysis.Pass) {
	f := p.File
	t := f.Tree
	for call := range t.OfKind(syntax.Call) {
		api, ok := scopeCall(f, call)
		if !ok || api.deadline == "" {
			continue
		}
		value := t.FirstArgument(call, api.deadline)
		if !isConstantNumber(t, value) {
			continue
		}
		clock := api.library + ".current_time()"
		if api.library == "asyncio" {
			clock = "asyncio.get_running_loop().time()"
		}
		callee := t.ChildByField(call, syntax.FieldFunction)
		p.Reportf(value, nil, "`%s` is an absolute deadline on %s's clock, whose zero is arbitrary: a constant is "+
			"already past or far off; use `%s.%s(%s)`, or add the delay to `%s`",
			t.Text(value), api.library, api.library, relativeScopes[lastName(f.QualifiedName(callee))], t.Text(value), clock)
	}
}

// isConstantNumber reports whether expr is arithmetic on number literals.
func isConstantNumber(t *syntax.Tree, expr syntax.NodeID) bool {
	expr = t.Unwrap(expr)
	if expr == syntax.NoNode {
		return false
	}
	switch t.Kind(expr) {
	case syntax.Integer, syntax.Float:
		return true
	case syntax.UnaryOperator:
		return isConstantNumber(t, t.ChildByField(expr, syntax.FieldArgument))
	case syntax.BinaryOperator:
		return isConstantNumber(t, t.ChildByField(expr, syntax.FieldLeft)) &&
			isConstantNumber(t, t.ChildByField(expr, syntax.FieldRight))
	}
	return false
}
