package syntax

import (
	"bytes"
	"sync"
)

// splitSize is the least text per core that a document parses in parts
// side by side: below it, a parse takes a few milliseconds, and more
// parsers gain less than they cost.
const splitSize = 128 << 10

// parseSplit parses the whole text in up to n parts side by side, each but
// the first from a line where a top-level definition or import starts; it
// makes the result the last parse's and reports whether it could. The
// parts must parse without errors or ambiguities, each beginning with a
// statement: their tree is then the tree of the whole (see the comment at
// the top of statements.go). Else the whole text is to be parsed: a text
// with errors is not cut, as tree-sitter's error recovery reads it by
// what follows.
func (d *Document) parseSplit(n int) (*Tree, bool) {
	if n < 2 || len(d.src) > MaxTokens {
		return nil, false
	}
	starts := splitStarts(d.src, n)
	if len(starts) < 2 {
		return nil, false
	}
	starts = append(starts, uint32(len(d.src)))
	windows := make([]window, len(starts)-1)
	var wg sync.WaitGroup
	for k := range windows {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p := d.parser
			if k > 0 {
				p = NewParser()
				defer p.Close()
			}
			tree, broken := p.parseAlone(d.src[starts[k]:starts[k+1]])
			windows[k] = window{lo: k, hi: k + 1, tree: tree, broken: broken}
		}()
	}
	wg.Wait()
	for k, w := range windows {
		if w.tree == nil || w.broken || !unambiguous(w.tree) || k > 0 && !beginsStatement(w.tree) {
			return nil, false
		}
	}
	var ps []part
	walked := 0
	for k, w := range windows {
		ps = append(ps, part{nodes: w.tree.Nodes[1:], first: 1, shift: starts[k]})
		walked += len(w.tree.Nodes) - 1
	}
	flat := d.keepClean(ps)
	flat.walked = walked
	return flat, true
}

// splitStarts returns 0 and up to n-1 offsets that cut src into runs of
// about equal length, each at the start of a line that begins a top-level
// definition or import: where a top-level statement most likely starts,
// outside strings and brackets.
func splitStarts(src []byte, n int) []uint32 {
	starts := []uint32{0}
	for k := 1; k < n; k++ {
		from := max(len(src)*k/n, int(starts[len(starts)-1])+1)
		if at, ok := definitionLine(src, from, len(src)*(k+1)/n); ok {
			starts = append(starts, uint32(at))
		}
	}
	return starts
}

// statementStarts are how the lines that splitStarts cuts at begin.
var statementStarts = [][]byte{[]byte("def "), []byte("class "), []byte("async def "), []byte("@"), []byte("import "), []byte("from ")}

// definitionLine returns the start of the first line in src[from:to] that
// begins a top-level definition or import.
func definitionLine(src []byte, from, to int) (int, bool) {
	for at := from; at < to; {
		i := bytes.IndexByte(src[at:to], '\n')
		if i < 0 {
			break
		}
		at += i + 1
		if !startsLine(src, uint32(at)) {
			continue
		}
		for _, s := range statementStarts {
			if bytes.HasPrefix(src[at:], s) {
				return at, true
			}
		}
	}
	return 0, false
}
