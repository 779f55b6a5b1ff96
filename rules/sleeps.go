package rules

import (
	"errors"
	"strconv"
	"strings"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/fix"
	"github.com/asynclint/asynclint/analysis/syntax"
)

// The sleep rules (AL615, AL616) look at trio.sleep and anyio.sleep calls
// whose duration says something other than a wait: zero, which only
// yields to the scheduler, or more than a day, which means forever.

// librarySleep is a call of trio.sleep or anyio.sleep and its duration.
type librarySleep struct {
	loopCall
	library string
	arg     syntax.NodeID // the duration, positional or by keyword
	// only is set when the duration is the call's only argument, passed by
	// position or by the library's name for it.
	only bool
}

// durationKeywords are the names of the libraries' sleep durations.
var durationKeywords = map[string]string{"trio": "seconds", "anyio": "delay"}

// librarySleeps returns the trio and anyio sleeps of the file that pass a
// duration: their one positional argument, or else their one keyword
// argument, whatever its name (trio calls it seconds, anyio delay).
func librarySleeps(p *analysis.Pass) []librarySleep {
	t := p.Tree()
	var sleeps []librarySleep
	for _, c := range loopCalls(p) {
		library, ok := strings.CutSuffix(c.name, ".sleep")
		if !ok || library != "trio" && library != "anyio" {
			continue
		}
		positional, keywords, ok := t.CallArguments(c.call)
		if !ok {
			continue
		}
		s := librarySleep{loopCall: c, library: library, arg: syntax.NoNode, only: len(positional)+len(keywords) == 1}
		switch {
		case len(positional) == 1:
			s.arg = positional[0]
		case len(keywords) == 1:
			for name, kw := range keywords {
				s.arg = t.ChildByField(kw, syntax.FieldValue)
				s.only = s.only && name == durationKeywords[library]
			}
		default:
			continue
		}
		sleeps = append(sleeps, s)
	}
	return sleeps
}

// numberValue returns the value of an integer or float literal (not an
// imaginary one).
func numberValue(t *syntax.Tree, id syntax.NodeID) (float64, bool) {
	text := strings.ReplaceAll(t.Text(id), "_", "")
	if strings.HasSuffix(strings.ToLower(text), "j") {
		return 0, false
	}
	switch t.Kind(id) {
	case syntax.Integer:
		if n, err := strconv.ParseInt(text, 0, 64); err == nil {
			return float64(n), true
		}
		// Too large for an int64, or written 00.
		v, err := strconv.ParseFloat(text, 64)
		return v, err == nil
	case syntax.Float:
		v, err := strconv.ParseFloat(text, 64)
		return v, err == nil || errors.Is(err, strconv.ErrRange) // 1e999 is inf
	}
	return 0, false
}

// callReplacement returns the fix that turns a library sleep into a call
// of library.name with no arguments.
func callReplacement(p *analysis.Pass, s librarySleep, name string, applicability analysis.Applicability) *analysis.Fix {
	if !s.only {
		return nil
	}
	t := p.Tree()
	f := renameCallee(p.File, s.loopCall, s.library, name)
	if f == nil {
		return nil
	}
	args := t.ChildByField(s.call, syntax.FieldArguments)
	if t.HasComment(args, int(t.Nodes[args].Start), int(t.Nodes[args].End)) {
		return nil
	}
	f.Applicability = applicability
	f.Edits = append(f.Edits, analysis.TextEdit{Start: int(t.Nodes[args].Start), End: int(t.Nodes[args].End), NewText: "()"})
	f.Edits = fix.NonEmpty(f.Edits)
	return f
}
