package rules

import (
	"strconv"
	"strings"

	"github.com/asynclint/asynclint/analysis/project"
	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/analysis/syntax"
)

// What the project index needs to tell which calls a constant argument
// makes unreachable: serve(run_async=True) does not reach the blocking
// code under "if not run_async:" in serve, nor anything after "if
// run_async: return ...". Conditions are only read on parameters that the
// function never rebinds.

// functionParams returns the parameters of a def, in order.
func functionParams(t *syntax.Tree, def syntax.NodeID) []project.Param {
	var params []project.Param
	positional := true
	for p := range t.NamedChildren(t.ChildByField(def, syntax.FieldParameters)) {
		name, value := syntax.NoNode, syntax.NoNode
		switch t.Kind(p) {
		case syntax.Identifier:
			name = p
		case syntax.TypedParameter:
			name = t.FirstChild(p)
		case syntax.DefaultParameter, syntax.TypedDefaultParameter:
			name, value = t.ChildByField(p, syntax.FieldName), t.ChildByField(p, syntax.FieldValue)
		case syntax.ListSplatPattern, syntax.DictionarySplatPattern:
			positional = false
			continue
		default:
			if t.Text(p) == "*" {
				positional = false
			}
			continue
		}
		if name == syntax.NoNode || t.Kind(name) != syntax.Identifier {
			continue
		}
		param := project.Param{Name: strings.Clone(t.Text(name)), Positional: positional}
		if value != syntax.NoNode {
			param.Default = truthOf(t, value)
		}
		params = append(params, param)
	}
	return params
}

// truthOf returns the truth value of a constant: True, False, None, a
// number or a plain string.
func truthOf(t *syntax.Tree, id syntax.NodeID) project.Truth {
	id = t.Unwrap(id)
	switch t.Kind(id) {
	case syntax.True:
		return project.Truthy
	case syntax.False, syntax.None:
		return project.Falsy
	case syntax.Integer, syntax.Float:
		text := strings.ReplaceAll(t.Text(id), "_", "")
		if n, err := strconv.ParseInt(text, 0, 64); err == nil {
			return boolTruth(n != 0)
		}
		if v, err := strconv.ParseFloat(text, 64); err == nil {
			return boolTruth(v != 0)
		}
	case syntax.String:
		for c := range t.NamedChildren(id) {
			if t.Kind(c) == syntax.Interpolation {
				return project.UnknownTruth
			}
		}
		return boolTruth(strings.TrimLeft(strings.TrimLeft(t.Text(id), "rRbBuU"), `'"`) != "")
	}
	return project.UnknownTruth
}

func boolTruth(b bool) project.Truth {
	if b {
		return project.Truthy
	}
	return project.Falsy
}

// reachOf says when call runs in the function that makes it: the
// conditions on its parameters that the if statements around it and the
// early exits before it need, and whether it comes after a yield.
func reachOf(f *semantic.File, call syntax.NodeID) project.Reach {
	t := f.Tree
	frame := f.ExecutingFunction(call)
	if frame == semantic.NoScope {
		return project.Reach{}
	}
	def := f.Scopes[frame].Node
	var reach project.Reach
	add := func(cond syntax.NodeID, want bool) {
		reach.Guard = append(reach.Guard, conditionsOf(f, frame, cond, want)...)
	}
	for node := call; node != def && node != syntax.NoNode; node = t.Parent(node) {
		parent := t.Parent(node)
		switch t.Kind(parent) {
		case syntax.IfStatement:
			if t.Nodes[node].Field == syntax.FieldConsequence {
				add(t.ChildByField(parent, syntax.FieldCondition), true)
			}
		case syntax.ElifClause, syntax.ElseClause:
			stmt := t.Parent(parent)
			if t.Kind(stmt) != syntax.IfStatement {
				continue // the else of a loop or a try
			}
			if t.Kind(parent) == syntax.ElifClause {
				add(t.ChildByField(parent, syntax.FieldCondition), true)
			}
			add(t.ChildByField(stmt, syntax.FieldCondition), false)
			for clause := range t.NamedChildren(stmt) {
				if clause == parent {
					break
				}
				if t.Kind(clause) == syntax.ElifClause {
					add(t.ChildByField(clause, syntax.FieldCondition), false)
				}
			}
		case syntax.Block, syntax.Module:
			for stmt := range t.NamedChildren(parent) {
				if stmt == node {
					break
				}
				if exitsWhen(t, stmt) {
					add(t.ChildByField(stmt, syntax.FieldCondition), false)
				}
			}
		}
	}
	if f.Scopes[frame].Yields {
		for id := def; id < call; id++ {
			if t.Kind(id) == syntax.Yield && f.ExecutingFunction(id) == frame && !t.Contains(id, call) {
				reach.AfterYield = true
				break
			}
		}
	}
	return reach
}

// exitsWhen reports whether stmt is an if statement without elif or else
// whose body always leaves the block: "if run_async: return server".
func exitsWhen(t *syntax.Tree, stmt syntax.NodeID) bool {
	if t.Kind(stmt) != syntax.IfStatement || t.ChildByField(stmt, syntax.FieldAlternative) != syntax.NoNode {
		return false
	}
	body := t.ChildByField(stmt, syntax.FieldConsequence)
	if body == syntax.NoNode {
		return false // a broken if statement
	}
	var last syntax.NodeID = syntax.NoNode
	for s := range t.NamedChildren(body) {
		if t.Kind(s) != syntax.Comment {
			last = s
		}
	}
	if last == syntax.NoNode {
		return false
	}
	switch t.Kind(last) {
	case syntax.ReturnStatement, syntax.RaiseStatement, syntax.ContinueStatement, syntax.BreakStatement:
		return true
	}
	return false
}

// conditionsOf returns what parameters of frame must be for the condition
// cond to be want: "run_async" true, "not run_async" false, each side of
// "a and b" when it is true, of "a or b" when it is false; "p is None"
// true and "p is not None" false need p to be false.
func conditionsOf(f *semantic.File, frame semantic.ScopeID, cond syntax.NodeID, want bool) []project.Condition {
	t := f.Tree
	cond = t.Unwrap(cond)
	switch t.Kind(cond) {
	case syntax.Identifier:
		if name := parameterOf(f, frame, cond); name != "" {
			return []project.Condition{{Param: name, Truthy: want}}
		}
	case syntax.NotOperator:
		return conditionsOf(f, frame, t.ChildByField(cond, syntax.FieldArgument), !want)
	case syntax.BooleanOperator:
		if op := t.Text(t.ChildByField(cond, syntax.FieldOperator)); op == "and" && want || op == "or" && !want {
			return append(conditionsOf(f, frame, t.ChildByField(cond, syntax.FieldLeft), want),
				conditionsOf(f, frame, t.ChildByField(cond, syntax.FieldRight), want)...)
		}
	case syntax.ComparisonOperator:
		left, right := t.NamedChild(cond, 0), t.NamedChild(cond, 1)
		if right == syntax.NoNode || t.NamedChild(cond, 2) != syntax.NoNode || t.Kind(right) != syntax.None {
			return nil
		}
		op := strings.Join(strings.Fields(string(t.Src[t.Nodes[left].End:t.Nodes[right].Start])), " ")
		if op == "is" && want || op == "is not" && !want {
			return conditionsOf(f, frame, left, false)
		}
	}
	return nil
}

// parameterOf returns the name of the parameter of frame that the
// identifier id reads, when the function never rebinds it; else "".
func parameterOf(f *semantic.File, frame semantic.ScopeID, id syntax.NodeID) string {
	bindings := f.Lookup(id)
	if len(bindings) != 1 {
		return ""
	}
	if b := &f.Bindings[bindings[0]]; b.Kind == semantic.ParameterBinding && b.Scope == frame {
		return strings.Clone(b.Name)
	}
	return ""
}

// argumentsOf returns the arguments of call, by position or keyword, with
// what the index can follow of each: a constant's truth value, or the
// parameter of the calling function passed on; a dictionary display
// unpacked with ** gives its items with string keys.
func argumentsOf(f *semantic.File, call syntax.NodeID) project.Arguments {
	t := f.Tree
	var out project.Arguments
	args := t.ChildByField(call, syntax.FieldArguments)
	if args == syntax.NoNode || t.Kind(args) != syntax.ArgumentList {
		return out
	}
	frame := f.ExecutingFunction(call)
	// follow returns what the index can know of an argument: nothing, when
	// it is neither a constant nor a parameter, which still fills the
	// parameter in place of its default.
	follow := func(value syntax.NodeID) project.Argument {
		if truth := truthOf(t, value); truth != project.UnknownTruth {
			return project.Argument{Value: truth}
		}
		if value = t.Unwrap(value); t.Kind(value) == syntax.Identifier && frame != semantic.NoScope {
			return project.Argument{Param: parameterOf(f, frame, value)}
		}
		return project.Argument{}
	}
	position, starred := 0, false
	for a := range t.NamedChildren(args) {
		switch t.Kind(a) {
		case syntax.Comment:
		case syntax.ListSplat:
			out.Open, starred = true, true
		case syntax.DictionarySplat:
			items, ok := dictionaryItems(f, t.NamedChild(a, 0))
			out.Open = out.Open || !ok
			for key, value := range items {
				arg := follow(value)
				arg.Keyword = key
				out.List = append(out.List, arg)
			}
		case syntax.KeywordArgument:
			arg := follow(t.ChildByField(a, syntax.FieldValue))
			arg.Keyword = strings.Clone(t.Text(t.ChildByField(a, syntax.FieldName)))
			out.List = append(out.List, arg)
		default:
			if !starred {
				arg := follow(a)
				arg.Position = position
				out.List = append(out.List, arg)
			}
			position++
		}
	}
	return out
}

// dictionaryItems returns the items with string keys of the dictionary
// that the name id holds, when it is bound once, to a dictionary display,
// and is only read, tested with in, and stored into with string keys
// (which drop those keys) besides; ok is false when it holds anything
// else, or may.
func dictionaryItems(f *semantic.File, id syntax.NodeID) (items map[string]syntax.NodeID, ok bool) {
	t := f.Tree
	if id == syntax.NoNode || t.Kind(id) != syntax.Identifier {
		return nil, false
	}
	bindings := f.Lookup(id)
	if len(bindings) != 1 || f.Bindings[bindings[0]].Kind != semantic.AssignmentBinding {
		return nil, false
	}
	display := t.Unwrap(f.Bindings[bindings[0]].Value)
	if display == syntax.NoNode || t.Kind(display) != syntax.Dictionary {
		return nil, false
	}
	items = map[string]syntax.NodeID{}
	for item := range t.NamedChildren(display) {
		switch t.Kind(item) {
		case syntax.Pair:
			if key := t.NamedChild(item, 0); t.Kind(key) == syntax.String && truthOf(t, key) != project.UnknownTruth {
				items[stringValue(t, key)] = t.NamedChild(item, 1)
			}
		case syntax.Comment:
		default: // **other may hold any of the keys before it
			clear(items)
		}
	}
	for use := range f.Uses(bindings[0]) {
		parent := t.Parent(t.OuterParens(use))
		switch {
		case use == f.Bindings[bindings[0]].Node:
		case t.Kind(parent) == syntax.DictionarySplat:
		case t.Kind(parent) == syntax.ComparisonOperator && t.NamedChild(parent, 1) == t.OuterParens(use):
		case t.Kind(parent) == syntax.Subscript && t.Nodes[t.OuterParens(use)].Field == syntax.FieldValue:
			key := t.NamedChild(parent, 1)
			if t.Nodes[parent].Field == syntax.FieldLeft && t.Kind(t.Parent(parent)) == syntax.Assignment {
				if t.Kind(key) != syntax.String {
					return nil, false
				}
				delete(items, stringValue(t, key))
			}
		default:
			return nil, false
		}
	}
	return items, true
}
