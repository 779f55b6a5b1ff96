package check

import (
	"slices"
	"strings"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/syntax"
)

// NoqaEdit returns the edit that silences the rules with the given codes
// on a line: the codes that the line's "# noqa: ..." comment does not
// cover yet are added to it, or such a comment is added at the end of the
// line. It reports false when nothing is to be added, after a bare
// "# noqa" or a comment covering every code, and when no comment can go
// there: the line ends inside a string or with a line continuation.
func NoqaEdit(t *syntax.Tree, line int, codes []string) (analysis.TextEdit, bool) {
	start, end := t.LineStart(line), t.Lines().End(line)
	if c := commentOn(t, start, end); c != syntax.NoNode {
		text := t.Text(c)
		if ok, codesStart, codesEnd := FindNoqa(text); ok {
			var have []string
			if codesStart < codesEnd {
				have = codePattern.FindAllString(strings.ToUpper(text[codesStart:codesEnd]), -1)
			}
			missing := uncovered(codes, have)
			if codesStart == codesEnd || len(missing) == 0 {
				return analysis.TextEdit{}, false
			}
			at := int(t.Nodes[c].Start) + codesEnd
			return analysis.TextEdit{Start: at, End: at, NewText: ", " + strings.Join(missing, ", ")}, true
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
	return analysis.TextEdit{Start: end, End: end, NewText: "  # noqa: " + strings.Join(uncovered(codes, nil), ", ")}, true
}

// uncovered returns the codes, without repeats, that no code of have is a
// prefix of.
func uncovered(codes, have []string) []string {
	var out []string
next:
	for _, c := range codes {
		for _, h := range slices.Concat(have, out) {
			if strings.HasPrefix(c, h) {
				continue next
			}
		}
		out = append(out, c)
	}
	return out
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
