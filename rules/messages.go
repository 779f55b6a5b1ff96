package rules

import (
	"strings"

	"github.com/asynclint/asynclint/analysis/syntax"
)

// shortText returns the source of an expression for a message, shortened
// when it is long or spans lines.
func shortText(t *syntax.Tree, id syntax.NodeID) string {
	text := t.Text(id)
	if len(text) <= 40 && !strings.ContainsAny(text, "\n\r") {
		return text
	}
	if t.Kind(id) == syntax.Attribute {
		return "…." + t.Text(t.ChildByField(id, syntax.FieldAttr))
	}
	return "…"
}

// displayName drops the "builtins." of builtin functions.
func displayName(name string) string { return strings.TrimPrefix(name, "builtins.") }

// callText returns a call as a message shows it, "fetch()" or "fetch(...)",
// or the short text of any other expression.
func callText(t *syntax.Tree, id syntax.NodeID) string {
	if t.Kind(id) != syntax.Call {
		return shortText(t, id)
	}
	args := t.ChildByField(id, syntax.FieldArguments)
	if args != syntax.NoNode && t.NamedChild(args, 0) == syntax.NoNode {
		return shortText(t, t.ChildByField(id, syntax.FieldFunction)) + "()"
	}
	return shortText(t, t.ChildByField(id, syntax.FieldFunction)) + "(...)"
}
