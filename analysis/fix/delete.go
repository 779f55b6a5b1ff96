package fix

import (
	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/syntax"
)

// DeleteArgument returns the edit that removes argument arg and one comma
// next to it, so that the call stays well-formed: the only argument goes
// with everything between the parentheses, an argument alone on its line
// with the line (and the comment ending it), another one with the comma
// before it, and a first argument with the comma and blanks after it. It
// fails rather than delete any other comment.
func DeleteArgument(t *syntax.Tree, arg syntax.NodeID) (analysis.TextEdit, bool) {
	list := t.Parent(arg)
	var tokens []syntax.NodeID // the arguments and commas, without comments
	at := 0
	for c := range t.Children(list) {
		if c == arg {
			at = len(tokens)
		}
		if t.Kind(c) != syntax.Comment {
			tokens = append(tokens, c)
		}
	}
	isComma := func(i int) bool { return i >= 0 && i < len(tokens) && t.Text(tokens[i]) == "," }
	// startOf returns where token i starts, the closing parenthesis past
	// the last one.
	startOf := func(i int) int {
		if i < len(tokens) {
			return int(t.Nodes[tokens[i]].Start)
		}
		return int(t.Nodes[list].End) - 1
	}
	start, end := int(t.Nodes[arg].Start), int(t.Nodes[arg].End)
	if at == 0 && (len(tokens) == 1 || len(tokens) == 2 && isComma(1)) {
		// The only argument: leave f().
		edit := analysis.TextEdit{Start: int(t.Nodes[list].Start) + 1, End: int(t.Nodes[list].End) - 1}
		if !t.HasComment(list, edit.Start, edit.End) {
			return edit, true
		}
	}
	lineEnd := end
	if isComma(at + 1) {
		lineEnd = int(t.Nodes[tokens[at+1]].End)
	}
	if edit, ok := DeleteLines(t, arg, lineEnd); ok {
		return edit, true
	}
	edit := analysis.TextEdit{Start: start, End: end}
	switch {
	case isComma(at - 1):
		edit.Start = int(t.Nodes[tokens[at-1]].Start)
	case isComma(at + 1):
		edit.End = startOf(at + 2)
	}
	return edit, !t.HasComment(list, edit.Start, edit.End)
}

// DeleteLines returns the edit that deletes the lines from the start of
// node id to offset end, when only blanks precede the node on its first
// line and only blanks or a comment follow end on its last.
func DeleteLines(t *syntax.Tree, id syntax.NodeID, end int) (analysis.TextEdit, bool) {
	if _, ok := StatementIndent(t, id); !ok || !t.EndsLine(end) {
		return analysis.TextEdit{}, false
	}
	return analysis.TextEdit{
		Start: t.LineStart(t.LineOf(int(t.Nodes[id].Start))),
		End:   t.LineStart(t.LineOf(end) + 1),
	}, true
}
