package rules

import (
	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/semantic"
)

var coroutineNeverAwaited = newRule(&analysis.Rule{
	Code:    "AL302",
	Name:    "coroutine-never-awaited",
	Summary: "a coroutine assigned to a local that is never awaited, returned or passed on",
	Default: true,
	Run:     reportNeverAwaited,
})

// reportNeverAwaited reports the coroutines assigned to locals that nothing
// awaits, returns or passes on.
func reportNeverAwaited(p *analysis.Pass) {
	f := p.File
	t := f.Tree
	locals := asyncLocalsOf(p)
	for b := range f.Bindings {
		l := locals[semantic.BindingID(b)]
		if l == nil || l.value.kind&awaitable == 0 || l.escapes(t) {
			continue
		}
		name, call := f.Bindings[b].Name, callText(t, t.Unwrap(f.Bindings[b].Value))
		if name == "_" {
			p.Reportf(l.assign, nil, "`_ = %s` discards the coroutine without running it; write `await %s`", call, call)
			continue
		}
		p.Reportf(l.assign, nil, "`%s` holds the coroutine `%s` but is never awaited, returned or passed on: "+
			"the coroutine never runs; `await` it, or schedule it with `%s.create_task`", name, call, asyncLibrary(f))
	}
}
