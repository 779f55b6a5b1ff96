package rules

import (
	"strings"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/syntax"
)

var exceptStarAttribute = newRule(&analysis.Rule{
	Code:    "AL611",
	Name:    "except-star-attribute",
	Summary: "in `except* E as eg`, an attribute of `E` read from the exception group `eg`",
	Default: true,
	SameAs:  []string{"ASYNC400"},
	Run:     reportExceptStarAttribute,
})

// groupAttributes are the attributes of exception groups.
var groupAttributes = map[string]bool{
	"message": true, "exceptions": true, "subgroup": true, "split": true, "derive": true,
	"args": true, "with_traceback": true, "add_note": true,
}

// reportExceptStarAttribute reports, in except* clauses, attribute reads
// of the caught group that exception groups lack, until the name is bound
// to something else.
func reportExceptStarAttribute(p *analysis.Pass) {
	f := p.File
	t := f.Tree
	for clause := range t.OfKind(syntax.ExceptClause) {
		name := exceptName(t, clause)
		if name == "" || !isExceptStar(t, clause) {
			continue
		}
		caught := shortText(t, t.FirstChild(t.ChildByField(clause, syntax.FieldValue)))
		body := t.ChildOfKind(clause, syntax.Block)
		group := true
		for id := body; id < t.Nodes[body].After; id++ {
			switch t.Kind(id) {
			case syntax.FunctionDefinition, syntax.ClassDefinition, syntax.Lambda:
				id = t.Nodes[id].After - 1
				continue
			case syntax.ExceptClause:
				// A nested handler that binds the name is checked on its
				// own; after it the name stands for a group again only
				// if it was an except* clause.
				if exceptName(t, id) == name {
					group = isExceptStar(t, id)
					id = t.Nodes[id].After - 1
				}
				continue
			case syntax.Identifier:
			default:
				continue
			}
			if t.TextView(id) != name || !f.IsVariable(id) {
				continue
			}
			if f.IsBindingOccurrence(id) {
				group = false
				continue
			}
			attr := t.Parent(id)
			if !group || t.Kind(attr) != syntax.Attribute || t.Nodes[id].Field != syntax.FieldObject {
				continue
			}
			a := t.Text(t.ChildByField(attr, syntax.FieldAttr))
			if groupAttributes[a] || strings.HasPrefix(a, "__") && strings.HasSuffix(a, "__") {
				continue
			}
			p.Reportf(attr, nil, "`%s.%s`: in an `except*` clause `%s` is an exception group holding the %s "+
				"exceptions, not one of them; read `%s` from each exception in `%s.exceptions`",
				name, a, name, caught, a, name)
		}
	}
}
