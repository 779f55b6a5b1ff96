package lsp

import (
	"regexp"
	"strings"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/check"
	"github.com/asynclint/asynclint/analysis/syntax"
)

// ruleCode finds each code in the list check.FindNoqa locates.
var ruleCode = regexp.MustCompile(`[A-Za-z]+[0-9]+`)

// noqaEdit returns the edit that silences the rule with code on the line
// holding byte offset off: code is added to the line's "# noqa: ..."
// comment, or such a comment is added at the end of the line. It reports
// false when no comment can go there, for a line that ends inside a string
// or with a line continuation, or one whose bare "# noqa" already silences
// everything.
func noqaEdit(t *syntax.Tree, off int, code string) (analysis.TextEdit, bool) {
	line := t.LineOf(off)
	start, end := t.LineStart(line), t.Lines().End(line)
	if c := commentOn(t, start, end); c != syntax.NoNode {
		if ok, codesStart, codesEnd := check.FindNoqa(t.Text(c)); ok {
			if codesStart == codesEnd {
				return analysis.TextEdit{}, false // a bare noqa silences everything already
			}
			at := int(t.Nodes[c].Start) + codesEnd
			return analysis.TextEdit{Start: at, End: at, NewText: ", " + code}, true
		}
	}
	if strings.HasSuffix(strings.TrimRight(string(t.Src[start:end]), " \t"), "\\") {
		return analysis.TextEdit{}, false
	}
	for i := range t.Nodes {
		if n := &t.Nodes[i]; n.Kind == syntax.String && int(n.Start) < end && int(n.End) > end {
			return analysis.TextEdit{}, false
		}
	}
	return analysis.TextEdit{Start: end, End: end, NewText: "  # noqa: " + code}, true
}

// noqaCodeAt returns the rule code under byte offset off in a noqa comment,
// with its extent.
func noqaCodeAt(t *syntax.Tree, off int) (code string, start, end int, ok bool) {
	line := t.LineOf(off)
	c := commentOn(t, t.LineStart(line), t.Lines().End(line))
	if c == syntax.NoNode {
		return "", 0, 0, false
	}
	base, text := int(t.Nodes[c].Start), t.Text(c)
	found, codesStart, codesEnd := check.FindNoqa(text)
	if !found {
		return "", 0, 0, false
	}
	for _, loc := range ruleCode.FindAllStringIndex(text[codesStart:codesEnd], -1) {
		start, end = base+codesStart+loc[0], base+codesStart+loc[1]
		if start <= off && off <= end {
			return strings.ToUpper(string(t.Src[start:end])), start, end, true
		}
	}
	return "", 0, 0, false
}

// commentOn returns the comment that starts on the line [start, end), or
// NoNode.
func commentOn(t *syntax.Tree, start, end int) syntax.NodeID {
	for i := range t.Nodes {
		if n := &t.Nodes[i]; n.Kind == syntax.Comment && int(n.Start) >= start && int(n.Start) < end {
			return syntax.NodeID(i)
		}
	}
	return syntax.NoNode
}
