package lsp

import (
	"go.lsp.dev/protocol"

	"github.com/asynclint/asynclint/analysis/source"
)

// An editable is a text that an editor's content changes apply to: a
// document's, or a notebook cell's.
type editable interface {
	Text() []byte
	SetText(text []byte)
	Replace(start, end int, text []byte)
}

// applyChanges applies the content changes of one notification to t, in
// order; lines is the line index of t's text before the first.
func applyChanges(t editable, changes []protocol.TextDocumentContentChangeEvent, enc encoding, lines *source.Lines) {
	for i, c := range changes {
		if i > 0 {
			// Its positions are in the text as changed so far.
			lines = source.NewLines(t.Text())
		}
		switch c := c.(type) {
		case *protocol.TextDocumentContentChangeWholeDocument:
			t.SetText([]byte(c.Text))
		case *protocol.TextDocumentContentChangePartial:
			m := mapper{enc, lines}
			start, end := m.offset(c.Range.Start), m.offset(c.Range.End)
			if end < start {
				start, end = end, start
			}
			t.Replace(start, end, []byte(c.Text))
		}
	}
}
