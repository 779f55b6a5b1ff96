package rules

import (
	"slices"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/syntax"
)

var coroutineInCondition = newRule(&analysis.Rule{
	Code:    "AL303",
	Name:    "coroutine-in-condition",
	Summary: "a coroutine used as a truth value, which is always true",
	Default: true,
	FixKind: analysis.FixUnsafe,
	Run:     reportInCondition,
})

// reportInCondition reports the coroutines tested for truth.
func reportInCondition(p *analysis.Pass) {
	f := p.File
	t := f.Tree
	locals := asyncLocalsOf(p)
	for _, id := range truthTestedValues(t) {
		v := locals.valueOf(p, id)
		if v.kind&awaitable == 0 {
			continue
		}
		advice := "test `await " + callText(t, id) + "` instead"
		if t.Kind(id) == syntax.Identifier {
			advice = "test the result of awaiting it instead"
		}
		p.Reportf(id, locals.awaitFix(p, id), "`%s` is a coroutine object, which is always true: the test "+
			"never sees its result and the coroutine never runs; %s", callText(t, id), advice)
	}
}

// truthTestedValues returns, in source order, the calls and names whose
// value is tested for truth (see truthTested).
func truthTestedValues(t *syntax.Tree) []syntax.NodeID {
	var found []syntax.NodeID
	var visit func(syntax.NodeID)
	visit = func(id syntax.NodeID) {
		switch t.Kind(id) {
		case syntax.ParenthesizedExpression:
			for c := range t.NamedChildren(id) {
				visit(c)
			}
		case syntax.Call, syntax.Identifier:
			if truthTested(t, id) {
				found = append(found, id)
			}
		}
	}
	// The outermost parentheses around such a value are an operand of one
	// of these, which are far fewer than the calls and names.
	for test := range t.OfKind(syntax.IfStatement, syntax.ElifClause, syntax.WhileStatement, syntax.NotOperator,
		ifClause, syntax.AssertStatement, syntax.ConditionalExpression, syntax.BooleanOperator) {
		for operand := range t.NamedChildren(test) {
			visit(operand)
		}
	}
	slices.Sort(found)
	return found
}

// truthTested reports whether the value of expression id is tested for
// truth, including as the left operand of and/or, whose value may then
// flow on as the result.
func truthTested(t *syntax.Tree, id syntax.NodeID) bool {
	id = t.OuterParens(id)
	n := &t.Nodes[id]
	if t.Kind(n.Parent) == syntax.BooleanOperator && n.Field == syntax.FieldLeft {
		return true
	}
	return onlyTested(t, id)
}
