package rules

import (
	"strings"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/syntax"
)

var longSleep = newRule(&analysis.Rule{
	Code:    "AL616",
	Name:    "long-sleep",
	Summary: "`trio.sleep` or `anyio.sleep` for more than a day, standing for forever",
	Default: true,
	FixKind: analysis.FixUnsafe,
	SameAs:  []string{"ASYNC116"},
	Run:     reportLongSleep,
})

// oneDay is the longest sleep taken to mean a real wait, in seconds.
const oneDay = 24 * 60 * 60

// reportLongSleep reports trio and anyio sleeps of more than a day.
func reportLongSleep(p *analysis.Pass) {
	for _, s := range librarySleeps(p) {
		if !longerThanADay(p, s.arg) {
			continue
		}
		p.Reportf(s.call, callReplacement(p, s, "sleep_forever", analysis.Unsafe),
			"`%s.sleep(%s)` sleeps for more than a day: to wait until cancelled, write `%s.sleep_forever()`",
			s.library, shortText(p.Tree(), s.arg), s.library)
	}
}

// longerThanADay reports whether a duration is a number above a day or
// infinite: math.inf (or any attribute or name inf) or float("inf").
func longerThanADay(p *analysis.Pass, arg syntax.NodeID) bool {
	t := p.Tree()
	arg = t.Unwrap(arg)
	switch t.Kind(arg) {
	case syntax.Integer, syntax.Float:
		v, ok := numberValue(t, arg)
		return ok && v > oneDay
	case syntax.Identifier:
		return t.Text(arg) == "inf"
	case syntax.Attribute:
		return t.Text(t.ChildByField(arg, syntax.FieldAttr)) == "inf"
	case syntax.Call:
		if p.File.QualifiedName(t.ChildByField(arg, syntax.FieldFunction)) != "builtins.float" {
			return false
		}
		positional, keywords, ok := t.CallArguments(arg)
		if !ok || len(positional) != 1 || len(keywords) != 0 || t.Kind(positional[0]) != syntax.String {
			return false
		}
		text := strings.ToLower(strings.Trim(strings.TrimLeft(t.Text(positional[0]), "rRbBuU"), `"'`))
		text = strings.TrimPrefix(strings.TrimSpace(text), "+")
		return text == "inf" || text == "infinity"
	}
	return false
}
