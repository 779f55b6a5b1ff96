package lsp

import (
	"unicode/utf8"

	"github.com/asynclint/asynclint/analysis/source"
	"go.lsp.dev/protocol"
)

// An encoding is the unit in which LSP positions count the characters of
// a line, negotiated at initialization.
type encoding int

const (
	encUTF16 encoding = iota // the default every client supports
	encUTF8
)

func (e encoding) kind() protocol.PositionEncodingKind {
	if e == encUTF8 {
		return protocol.PositionEncodingKindUTF8
	}
	return protocol.PositionEncodingKindUTF16
}

// A mapper converts between byte offsets into a text and LSP positions. Its
// line index follows LSP in ending lines at "\n", "\r\n" and "\r".
type mapper struct {
	enc   encoding
	lines *source.Lines
}

// offset returns the byte offset of p. A position past the end of its line
// means the end of the line, and one past the last line the end of the
// text, as LSP asks; a position inside a character (in the middle of a
// surrogate pair, or of a multi-byte sequence in UTF-8) is moved to its
// start.
func (m mapper) offset(p protocol.Position) int {
	src := m.lines.Src()
	line := int(p.Line) + 1
	start, end := m.lines.Start(line), m.lines.End(line)
	if m.enc == encUTF8 {
		off := min(start+int(p.Character), end)
		for off > start && off < end && !utf8.RuneStart(src[off]) {
			off--
		}
		return off
	}
	off, units := start, 0
	for off < end {
		r, size := utf8.DecodeRune(src[off:end])
		if units += utf16Len(r); units > int(p.Character) {
			break
		}
		off += size
	}
	return off
}

// position returns the position of byte offset off, clamped to the text.
func (m mapper) position(off int) protocol.Position {
	src := m.lines.Src()
	off = min(max(off, 0), len(src))
	line := m.lines.Line(off)
	start := m.lines.Start(line)
	col := off - start
	if m.enc == encUTF16 {
		col = 0
		for i := start; i < off; {
			r, size := utf8.DecodeRune(src[i:off])
			col += utf16Len(r)
			i += size
		}
	}
	return protocol.Position{Line: uint32(line - 1), Character: uint32(col)}
}

// rng returns the range of the bytes [start, end).
func (m mapper) rng(start, end int) protocol.Range {
	return protocol.Range{Start: m.position(start), End: m.position(end)}
}

// utf16Len is the number of UTF-16 code units of r: two for characters
// outside the Basic Multilingual Plane, written as a surrogate pair. A byte
// of invalid UTF-8 decodes as U+FFFD, one unit, as editors show it.
func utf16Len(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}
