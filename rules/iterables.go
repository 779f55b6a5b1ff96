package rules

import (
	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/analysis/syntax"
)

// isPlainIterable reports whether id is a literal collection, a
// comprehension or a call of a builtin that returns an iterator.
func isPlainIterable(f *semantic.File, id syntax.NodeID) bool {
	t := f.Tree
	switch t.Kind(id) {
	case syntax.List, syntax.Tuple, syntax.Set, syntax.ListComprehension,
		syntax.SetComprehension, syntax.GeneratorExpression:
		return true
	case syntax.Call:
		switch f.QualifiedName(t.ChildByField(id, syntax.FieldFunction)) {
		case "builtins.range", "builtins.zip", "builtins.enumerate", "builtins.map",
			"builtins.filter", "builtins.reversed", "builtins.sorted", "builtins.iter":
			return true
		}
	}
	return false
}
