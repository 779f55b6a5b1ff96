package main

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"strings"
)

// The kinds of edit, as a person makes them.
const (
	typeChar   = "type-char"   // types one character into a name
	insertLine = "insert-line" // inserts a statement line
	paste      = "paste"       // pastes a 40-line function
	deleteDefs = "delete"      // deletes a block of whole definitions
	undo       = "undo"        // reverts the previous edit
)

var editKinds = []string{typeChar, insertLine, paste, deleteDefs, undo}

// Where in the file an edit is made.
var positions = []string{"start", "middle", "end"}

// An edit replaces the bytes [start, end) of a text with text.
type edit struct {
	kind, where string
	start, end  int
	text        string
	old         string // the bytes replaced, for undo
}

// A change is an edit in LSP terms: a range of the text before the edit,
// in UTF-16 code units.
type change struct {
	Range lspRange `json:"range"`
	Text  string   `json:"text"`
}

type lspRange struct {
	Start lspPosition `json:"start"`
	End   lspPosition `json:"end"`
}

type lspPosition struct {
	Line      int `json:"line"`
	Character int `json:"character"`
}

// position returns the LSP position of the byte offset off of text.
func position(text string, off int) lspPosition {
	line := strings.Count(text[:off], "\n")
	lineStart := strings.LastIndexByte(text[:off], '\n') + 1
	char := 0
	for _, r := range text[lineStart:off] {
		char++
		if r >= 0x10000 {
			char++ // a surrogate pair
		}
	}
	return lspPosition{line, char}
}

// A document is the text of an open module as the client keeps it.
type document struct {
	uri     string
	text    string
	version int
}

// apply applies e to the document and returns the change that says so.
func (d *document) apply(e *edit) change {
	c := change{Range: lspRange{position(d.text, e.start), position(d.text, e.end)}, Text: e.text}
	e.old = d.text[e.start:e.end]
	d.text = d.text[:e.start] + e.text + d.text[e.end:]
	d.version++
	return c
}

// A plan makes a seeded sequence of edits of every kind at every position,
// each computed on the text as the previous ones left it.
type plan struct {
	rnd   *rand.Rand
	queue [][2]string // kinds and positions still to make in this round
	last  *edit       // the previous edit, unless it was undone
	n     int
}

func newPlan(seed uint64) *plan { return &plan{rnd: rand.New(rand.NewPCG(seed, 0xed17))} }

// next returns the next edit of text: after one edit in four, its undo;
// otherwise the next of a shuffled round of every kind at every position.
func (p *plan) next(text string) *edit {
	p.n++
	if p.last != nil && p.rnd.IntN(4) == 0 {
		last := p.last
		p.last = nil
		return &edit{kind: undo, where: last.where, start: last.start, end: last.start + len(last.text), text: last.old}
	}
	if len(p.queue) == 0 {
		for _, kind := range editKinds[:4] {
			for _, where := range positions {
				p.queue = append(p.queue, [2]string{kind, where})
			}
		}
		p.rnd.Shuffle(len(p.queue), func(i, j int) { p.queue[i], p.queue[j] = p.queue[j], p.queue[i] })
	}
	kind, where := p.queue[0][0], p.queue[0][1]
	p.queue = p.queue[1:]
	e := p.make(text, kind, where)
	p.last = e
	return e
}

var (
	assignment = regexp.MustCompile(`(?m)^[ \t]+[A-Za-z_][A-Za-z0-9_]*( =)`)
	statement  = regexp.MustCompile(`(?m)^([ \t]+)(?:await |return |[A-Za-z_][A-Za-z0-9_.]* = |[A-Za-z_][A-Za-z0-9_.]*\()`)
	definition = regexp.MustCompile(`(?m)^(?:async def|def|class) `)
	topLevel   = regexp.MustCompile(`(?m)^[^ \t\n#]`)
)

// make returns an edit of the given kind in the part of text where says:
// the first tenth of its lines, the tenth around the middle or the last.
func (p *plan) make(text, kind, where string) *edit {
	from := p.regionStart(text, where)
	e := &edit{kind: kind, where: where}
	switch kind {
	case typeChar:
		// A letter typed at the end of the name an assignment binds.
		at := matchFrom(assignment, text, from, 1)
		e.start, e.end, e.text = at, at, string(rune('a'+p.rnd.IntN(26)))
	case insertLine:
		indent, at := "    ", len(text)
		if m := submatchFrom(statement, text, from); m != nil {
			indent, at = text[m[2]:m[3]], m[0]
		}
		e.start, e.end, e.text = at, at, fmt.Sprintf("%sretries_%d = %d\n", indent, p.n, p.n)
	case paste:
		at := matchFrom(definition, text, from, 0)
		e.start, e.end, e.text = at, at, pasteFunction(p.n)
	case deleteDefs:
		// Whole definitions from one that starts at or after from, up to
		// the first top-level line at least 30 lines further.
		start := matchFrom(definition, text, from, 0)
		end := start
		for strings.Count(text[start:end], "\n") < 30 {
			next := matchFrom(topLevel, text, end+1, 0)
			if next <= end {
				end = len(text)
				break
			}
			end = next
		}
		e.start, e.end = start, end
	}
	return e
}

// regionStart returns the offset of a random line in the part of text
// where says.
func (p *plan) regionStart(text, where string) int {
	lines := strings.Count(text, "\n") + 1
	first := map[string]int{"start": 0, "middle": lines * 45 / 100, "end": lines * 9 / 10}[where]
	line := first + p.rnd.IntN(max(lines/10, 1))
	off := 0
	for range line {
		i := strings.IndexByte(text[off:], '\n')
		if i < 0 {
			break
		}
		off += i + 1
	}
	return off
}

// matchFrom returns the offset of the start of group of the first match of
// re at or after from, wrapping around to the start of text; len(text)
// when there is none.
func matchFrom(re *regexp.Regexp, text string, from, group int) int {
	m := submatchFrom(re, text, from)
	if m == nil {
		return len(text)
	}
	return m[2*group]
}

func submatchFrom(re *regexp.Regexp, text string, from int) []int {
	if m := re.FindStringSubmatchIndex(text[from:]); m != nil {
		for i := range m {
			if m[i] >= 0 {
				m[i] += from
			}
		}
		return m
	}
	return re.FindStringSubmatchIndex(text)
}

// typed is what a typing burst types, one character an edit.
const typed = "value = normalize(raw)"

// typing returns a burst of n edits at the part of text where says: a new
// statement line, then n-1 characters typed on it, each edit computed on
// the text the previous ones left; and the edit that removes the line
// again.
func (p *plan) typing(text, where string, n int) (burst []*edit, revert *edit) {
	indent, at := "    ", len(text)
	if m := submatchFrom(statement, text, p.regionStart(text, where)); m != nil {
		indent, at = text[m[2]:m[3]], m[0]
	}
	burst = append(burst, &edit{kind: "typing", where: where, start: at, end: at, text: indent + "\n"})
	end := at + len(indent)
	for i := range n - 1 {
		c := typed[i%len(typed)]
		burst = append(burst, &edit{kind: "typing", where: where, start: end, end: end, text: string(c)})
		end++
	}
	return burst, &edit{kind: "revert", where: where, start: at, end: end + 1}
}
