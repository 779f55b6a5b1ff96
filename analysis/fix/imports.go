package fix

import (
	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/analysis/syntax"
)

// ImportModule returns the name under which code at node use can refer to
// module, and the edit that adds "import module" when the file lacks it.
// ok is false when no name works: the module's name is bound to something
// else where it would be used.
func ImportModule(f *semantic.File, use syntax.NodeID, module string) (name string, edit *analysis.TextEdit, ok bool) {
	scope := f.ScopeOf(use)
	if name := f.ModuleImportName(module); name != "" {
		if f.NameOwner(scope, name) == 0 {
			return name, nil, true
		}
		return "", nil, false
	}
	if f.Binds(scope, module) {
		return "", nil, false
	}
	src := f.Tree.Src
	at := importInsertionPoint(f.Tree)
	text := "import " + module + "\n"
	if at == len(src) && at > 0 && src[at-1] != '\n' {
		text = "\n" + text
	}
	return module, &analysis.TextEdit{Start: at, End: at, NewText: text}, true
}

// importInsertionPoint returns the offset of the line after the imports at
// the top of the module, after its leading comments, docstring and
// __future__ imports, where a new import statement goes.
func importInsertionPoint(t *syntax.Tree) int {
	at, statements := 0, 0
	lineAfter := func(id syntax.NodeID) int { return t.LineStart(t.LineOf(int(t.Nodes[id].End)) + 1) }
	for c := range t.Children(0) {
		switch k := t.Kind(c); {
		case k == syntax.Comment:
			if statements == 0 && at == int(t.Nodes[c].Start) {
				at = lineAfter(c) // shebang, coding line, licence header
			}
			continue
		case k == syntax.ImportStatement || k == syntax.ImportFromStatement || k == syntax.FutureImportStatement:
			at = lineAfter(c)
		case k == syntax.ExpressionStatement && statements == 0 && isDocstring(t, c):
			at = lineAfter(c)
		default:
			return at
		}
		statements++
	}
	return at
}

func isDocstring(t *syntax.Tree, stmt syntax.NodeID) bool {
	first := t.FirstChild(stmt)
	return first != syntax.NoNode && t.Kind(first) == syntax.String && t.NextSibling(first) == syntax.NoNode
}
