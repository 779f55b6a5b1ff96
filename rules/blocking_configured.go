package rules

import (
	"path"
	"sort"
	"strings"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/config"
	"github.com/asynclint/asynclint/analysis/project"
	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/analysis/syntax"
)

var blockingConfigured = blockingRule(&analysis.Rule{
	Code:    "AL209",
	Name:    "blocking-configured",
	Summary: "a call the configuration lists as blocking, in a coroutine",
	SameAs:  []string{"ASYNC200"},
})

// configuredCall returns the call listed under [blocking] that call
// makes, or nil. An entry is a qualified name, where * stands for any run
// of characters ("mylib.sync_*"). A callee is named by what it stands
// for: an imported name, made absolute against the module when the import
// is relative (from . import helpers), or a function of the module itself
// ("pkg.mod.slow", or "slow" in a file that is not in a package). The
// module is known from view; without one, only absolute imports match. A
// call awaited at once is taken for a coroutine of the same name: "*.get"
// is meant for session.get(url), not for await session.get(url).
func configuredCall(f *semantic.File, view *project.View, call syntax.NodeID, settings *config.BlockingSettings) *blockingAPI {
	t := f.Tree
	if len(settings.Calls) == 0 || t.Kind(t.Parent(t.OuterParens(call))) == syntax.Await {
		return nil
	}
	name := configuredName(f, view, t.ChildByField(call, syntax.FieldFunction))
	if name == "" {
		return nil
	}
	replacement, ok := settings.Calls[name]
	if !ok {
		patterns := make([]string, 0, len(settings.Calls))
		for p := range settings.Calls {
			if strings.Contains(p, "*") {
				patterns = append(patterns, p)
			}
		}
		sort.Strings(patterns) // the first that matches, whatever the map's order
		for _, p := range patterns {
			if matched, _ := path.Match(p, name); matched {
				replacement, ok = settings.Calls[p], true
				break
			}
		}
	}
	if !ok {
		return nil
	}
	return &blockingAPI{name: name, code: "AL209", replacement: replacement, noFix: true}
}

// configuredName returns the absolute qualified name callee stands for,
// or "".
func configuredName(f *semantic.File, view *project.View, callee syntax.NodeID) string {
	target := f.CallTarget(callee)
	switch {
	case target.Name == "":
		return f.QualifiedName(callee) // a builtin
	case view == nil:
		if target.Local || strings.HasPrefix(target.Name, ".") {
			return ""
		}
		return target.Name
	}
	module, pkg := view.Module()
	if target.Local {
		if module == "" {
			return target.Name
		}
		return module + "." + target.Name
	}
	return project.Absolute(module, pkg, target.Name)
}
