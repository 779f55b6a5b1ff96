package rules

import (
	"fmt"
	"strings"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/fix"
	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/analysis/syntax"
)

// The AL5xx rules flag event-loop management that fails or misbehaves
// where it runs, and asyncio APIs that later Python versions removed or
// replaced. They share the calls loopCalls finds, and the fixes that
// rename a callee or refer to asyncio as the file already does.

// loopCall is a call, with the qualified name of its callee or "".
type loopCall struct {
	call, callee syntax.NodeID
	name         string
}

type loopCallsKey struct{}

// loopCalls finds, once per file, the calls the AL5xx rules look at.
func loopCalls(p *analysis.Pass) []loopCall {
	return p.Memo(loopCallsKey{}, func() any {
		f := p.File
		t := f.Tree
		var calls []loopCall
		for id := range t.OfKind(syntax.Call) {
			callee := t.ChildByField(id, syntax.FieldFunction)
			if callee != syntax.NoNode {
				calls = append(calls, loopCall{call: id, callee: callee, name: f.QualifiedName(callee)})
			}
		}
		return calls
	}).([]loopCall)
}

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

// moduleInChain returns the identifier that names module at the root of
// the attribute chain expr ("aio" in aio.Task.all_tasks), or NoNode.
func moduleInChain(f *semantic.File, expr syntax.NodeID, module string) syntax.NodeID {
	t := f.Tree
	for id := t.Unwrap(expr); id != syntax.NoNode && t.Kind(id) == syntax.Attribute; {
		id = t.Unwrap(t.ChildByField(id, syntax.FieldObject))
		if id != syntax.NoNode && t.Kind(id) == syntax.Identifier && f.QualifiedName(id) == module {
			return id
		}
	}
	return syntax.NoNode
}

// moduleName returns how code at use can refer to module: as the attribute
// chain expr spells it, keeping an alias such as aio, or else as
// fix.ImportModule says, with the import to add.
func moduleName(f *semantic.File, use, expr syntax.NodeID, module string) (string, *analysis.TextEdit, bool) {
	if id := moduleInChain(f, expr, module); id != syntax.NoNode {
		return f.Tree.Text(id), nil, true
	}
	return fix.ImportModule(f, use, module)
}

// renameCallee returns the safe fix that makes c call module.name instead:
// a callee written through the module keeps its spelling of the module
// and changes what follows it; another (a name imported from the module)
// is replaced by module.name, importing the module if needed.
func renameCallee(f *semantic.File, c loopCall, module, name string) *analysis.Fix {
	t := f.Tree
	callee := &t.Nodes[c.callee]
	edit := analysis.TextEdit{Start: int(callee.Start), End: int(callee.End)}
	var importEdit *analysis.TextEdit
	if id := moduleInChain(f, c.callee, module); id != syntax.NoNode {
		edit.Start, edit.NewText = int(t.Nodes[id].End), "."+name
	} else {
		ref, imp, ok := fix.ImportModule(f, c.call, module)
		if !ok {
			return nil
		}
		edit.NewText, importEdit = ref+"."+name, imp
	}
	return &analysis.Fix{
		Message:       fmt.Sprintf("Use `%s.%s()`", module, name),
		Applicability: analysis.Safe,
		Edits:         fix.WithImports([]analysis.TextEdit{edit}, importEdit),
	}
}
