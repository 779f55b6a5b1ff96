package rules

import (
	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/fix"
	"github.com/asynclint/asynclint/analysis/syntax"
)

// awaitFix inserts await before expr, parenthesised where needed, when it
// runs in a coroutine.
func awaitFix(p *analysis.Pass, expr syntax.NodeID, applicability analysis.Applicability) *analysis.Fix {
	if !fix.CanAwait(p.File, expr, p.Settings) {
		return nil
	}
	t := p.Tree()
	return &analysis.Fix{
		Message:       "Insert `await`",
		Applicability: applicability,
		Edits:         fix.AwaitCall(t, expr, int(t.Nodes[expr].Start), "await ", ""),
	}
}

// asyncKeywordFix makes a with statement, for statement or comprehension
// clause asynchronous by writing async before its keyword, when it runs in
// a coroutine.
func asyncKeywordFix(p *analysis.Pass, id syntax.NodeID, keyword syntax.Kind, certain bool) *analysis.Fix {
	t := p.Tree()
	kw := t.ChildOfKind(id, keyword)
	if kw == syntax.NoNode || !fix.CanAwait(p.File, id, p.Settings) {
		return nil
	}
	at := int(t.Nodes[kw].Start)
	return &analysis.Fix{
		Message:       "Use `async " + t.Text(kw) + "`",
		Applicability: certainty(certain),
		Edits:         []analysis.TextEdit{{Start: at, End: at, NewText: "async "}},
	}
}

// certainty is the applicability of a fix that relies on a value being
// async: unsafe when a subclass may override the method that produces it.
func certainty(certain bool) analysis.Applicability {
	if certain {
		return analysis.Safe
	}
	return analysis.Unsafe
}
