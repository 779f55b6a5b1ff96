package fix

import (
	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/syntax"
)

// AwaitOperand returns the edits that reduce expression id to operand, a
// part of it, as the operand of an await: the text of id before operand
// becomes prefix ("await ", or "" after an await already there) and the
// text after it goes. The operand is parenthesised unless it is a
// primary, which await binds to whole.
func AwaitOperand(t *syntax.Tree, id, operand syntax.NodeID, prefix string) []analysis.TextEdit {
	open, close := "", ""
	if !t.IsPrimary(operand) {
		open, close = "(", ")"
	}
	n, o := &t.Nodes[id], &t.Nodes[operand]
	return NonEmpty([]analysis.TextEdit{
		{Start: int(n.Start), End: int(o.Start), NewText: prefix + open},
		{Start: int(o.End), End: int(n.End), NewText: close},
	})
}

// ArgumentSeparator returns the text to put between a new first argument
// and the arguments args already holds: ", ", or just "," when they start
// on the next line, which would otherwise leave a trailing space.
func ArgumentSeparator(t *syntax.Tree, args syntax.NodeID) string {
	rest := t.Src[t.Nodes[args].Start+1:]
	for _, b := range rest {
		switch b {
		case ' ', '\t':
			continue
		case '\n', '\r', '#':
			return ","
		}
		break
	}
	return ", "
}
