package rules

import (
	"strings"

	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/analysis/syntax"
)

// isEventLoop reports whether expr is known to be an event loop, by its
// type or by a name such as loop, self._loop or event_loop.
func isEventLoop(f *semantic.File, expr syntax.NodeID) bool {
	if f.TypeOf(expr, asyncTypes) == "asyncio.AbstractEventLoop" {
		return true
	}
	t := f.Tree
	expr = t.Unwrap(expr)
	name := ""
	switch t.Kind(expr) {
	case syntax.Identifier:
		name = t.Text(expr)
	case syntax.Attribute:
		name = t.Text(t.ChildByField(expr, syntax.FieldAttr))
	}
	return name == "loop" || strings.HasSuffix(name, "_loop")
}
