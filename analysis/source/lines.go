package source

import (
	"bytes"
	"sort"
	"unicode/utf8"
)

// Position is a 1-based line and column; the column counts characters
// (Unicode code points; each byte of an invalid sequence counts as one).
type Position struct {
	Line, Column int
}

// Lines indexes the line starts of a text, for converting between byte
// offsets and positions. A line ends at "\n", "\r\n" or a lone "\r", as
// Python's tokenizer ends it.
type Lines struct {
	src    []byte
	starts []uint32 // byte offset of each line start
}

// NewLines indexes the lines of src, which must not change afterwards.
func NewLines(src []byte) *Lines {
	starts := append(make([]uint32, 0, len(src)/32+1), 0)
	if bytes.IndexByte(src, '\r') < 0 {
		// Most texts: the line breaks are found a word at a time.
		for i := 0; ; {
			j := bytes.IndexByte(src[i:], '\n')
			if j < 0 {
				return &Lines{src: src, starts: starts}
			}
			i += j + 1
			starts = append(starts, uint32(i))
		}
	}
	for i, b := range src {
		if b == '\n' || (b == '\r' && (i+1 == len(src) || src[i+1] != '\n')) {
			starts = append(starts, uint32(i+1))
		}
	}
	return &Lines{src: src, starts: starts}
}

// Src returns the indexed text.
func (l *Lines) Src() []byte { return l.src }

// Count returns the number of lines; a text ending in a newline has an
// empty last line.
func (l *Lines) Count() int { return len(l.starts) }

// Start returns the byte offset of the start of 1-based line: 0 before the
// first line, the length of the text after the last.
func (l *Lines) Start(line int) int {
	if line < 1 {
		return 0
	}
	if line > len(l.starts) {
		return len(l.src)
	}
	return int(l.starts[line-1])
}

// Line returns the 1-based line containing byte offset off.
func (l *Lines) Line(off int) int {
	return sort.Search(len(l.starts), func(i int) bool { return int(l.starts[i]) > off })
}

// Position converts a byte offset to a line and column.
func (l *Lines) Position(off int) Position {
	off = min(max(off, 0), len(l.src))
	line := l.Line(off)
	start := int(l.starts[line-1])
	return Position{Line: line, Column: utf8.RuneCount(l.src[start:off]) + 1}
}

// Offset converts a position back to a byte offset, clamped to its line
// before the line's ending.
func (l *Lines) Offset(p Position) int {
	off, end := l.Start(p.Line), l.End(p.Line)
	for col := 1; col < p.Column && off < end; col++ {
		_, size := utf8.DecodeRune(l.src[off:end])
		off += size
	}
	return off
}

// End returns the byte offset of the end of 1-based line, before its line
// ending.
func (l *Lines) End(line int) int {
	start, end := l.Start(line), l.Start(line+1)
	if end > start && l.src[end-1] == '\n' {
		end--
	}
	if end > start && l.src[end-1] == '\r' {
		end--
	}
	return end
}

// Text returns the text of 1-based line, without its line ending.
func (l *Lines) Text(line int) string {
	return string(l.src[l.Start(line):l.End(line)])
}

// A Cursor converts offsets to positions like Lines.Position, counting the
// characters of a line only from the offset it converted last on that line
// when that lies before: converting the offsets of each line in increasing
// order costs what the text does, however many fall on one long line.
type Cursor struct {
	lines *Lines
	last  map[int]mark // by line
}

// A mark is an offset and its column.
type mark struct{ off, column int }

// Cursor returns a cursor over the text.
func (l *Lines) Cursor() *Cursor {
	return &Cursor{lines: l, last: map[int]mark{}}
}

// Position converts a byte offset to a line and column.
func (c *Cursor) Position(off int) Position {
	l := c.lines
	off = min(max(off, 0), len(l.src))
	line := l.Line(off)
	from := mark{l.Start(line), 1}
	if m, ok := c.last[line]; ok && m.off <= off {
		from = m
	}
	column := from.column + utf8.RuneCount(l.src[from.off:off])
	c.last[line] = mark{off, column}
	return Position{Line: line, Column: column}
}
