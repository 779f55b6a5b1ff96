package rules

import (
	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/syntax"
)

var coroutineAttribute = newRule(&analysis.Rule{
	Code:    "AL306",
	Name:    "coroutine-attribute",
	Summary: "an attribute or item read from a coroutine instead of its result",
	Default: true,
	FixKind: analysis.FixUnsafe,
	Run:     reportCoroutineAttribute,
})

// reportCoroutineAttribute reports the attributes and items read from
// coroutines.
func reportCoroutineAttribute(p *analysis.Pass) {
	f := p.File
	t := f.Tree
	locals := asyncLocalsOf(p)
	for id := range t.OfKind(syntax.Attribute, syntax.Subscript) {
		obj := coroutineRead(t, id)
		if obj == syntax.NoNode {
			continue
		}
		if k := t.Kind(obj); k != syntax.Call && k != syntax.Identifier {
			continue
		}
		v := locals.valueOf(p, obj)
		if v.kind&awaitable == 0 {
			continue
		}
		text := callText(t, obj)
		if t.Kind(id) == syntax.Subscript {
			p.Reportf(id, locals.awaitFix(p, obj), "`%s[...]` subscripts the coroutine object, not its result: "+
				"TypeError at run time, and the coroutine never runs; write `(await %s)[...]`", text, text)
			continue
		}
		attr := t.Text(t.ChildByField(id, syntax.FieldAttr))
		p.Reportf(id, locals.awaitFix(p, obj), "`%s.%s` reads `%s` from the coroutine object, not from its result: "+
			"AttributeError at run time, and the coroutine never runs; write `(await %s).%s`", text, attr, attr, text, attr)
	}
}
