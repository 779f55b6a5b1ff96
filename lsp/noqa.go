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
// holding byte offset off (see check.NoqaEdit).
func noqaEdit(t *syntax.Tree, off int, code string) (analysis.TextEdit, bool) {
	return check.NoqaEdit(t, t.LineOf(off), []string{code})
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
