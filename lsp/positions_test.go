package lsp

import (
	"testing"
	"unicode/utf8"

	"go.lsp.dev/protocol"

	"github.com/asynclint/asynclint/analysis/syntax"
)

func pos(line, char uint32) protocol.Position { return protocol.Position{Line: line, Character: char} }

func TestMapperRoundTrip(t *testing.T) {
	for _, text := range []string{
		"",
		"x = 1\n",
		"a\r\nbé🎉c\rd\n\ne",
		"s = '\xff\xfe' # invalid UTF-8\n",
		"🎉🎉\n\r\n",
	} {
		tree := &syntax.Tree{Src: []byte(text)}
		for _, enc := range []encoding{encUTF16, encUTF8} {
			m := mapper{enc, tree.Lines()}
			for off := 0; off <= len(text); off++ {
				if off < len(text) && !utf8.RuneStart(text[off]) && utf8.ValidString(text) ||
					off > 0 && off < len(text) && text[off-1] == '\r' && text[off] == '\n' {
					continue // not between two characters
				}
				if got := m.offset(m.position(off)); got != off {
					t.Errorf("%q %v: offset(position(%d) = %v) = %d", text, enc.kind(), off, m.position(off), got)
				}
			}
		}
	}
}

func TestMapperPositions(t *testing.T) {
	text := "a\r\nbé🎉c\rd\n"
	// Byte offsets: a=0 \r\n=1,2 b=3 é=4-5 🎉=6-9 c=10 \r=11 d=12 \n=13, end 14.
	tree := &syntax.Tree{Src: []byte(text)}
	for _, tc := range []struct {
		enc  encoding
		off  int
		want protocol.Position
	}{
		{encUTF16, 3, pos(1, 0)},
		{encUTF16, 6, pos(1, 2)},
		{encUTF16, 10, pos(1, 4)}, // after a surrogate pair
		{encUTF16, 12, pos(2, 0)}, // a lone "\r" ends a line
		{encUTF16, 14, pos(3, 0)},
		{encUTF8, 10, pos(1, 7)},
		{encUTF8, 14, pos(3, 0)},
	} {
		m := mapper{tc.enc, tree.Lines()}
		if got := m.position(tc.off); got != tc.want {
			t.Errorf("%v: position(%d) = %v, want %v", tc.enc.kind(), tc.off, got, tc.want)
		}
	}
	for _, tc := range []struct {
		enc  encoding
		p    protocol.Position
		want int
	}{
		{encUTF16, pos(0, 99), 1},   // past the end of a line: before "\r\n"
		{encUTF16, pos(1, 3), 6},    // inside a surrogate pair: before it
		{encUTF16, pos(1, 4), 10},   // after it
		{encUTF16, pos(1, 99), 11},  // before "\r"
		{encUTF16, pos(9, 0), 14},   // past the last line
		{encUTF16, pos(3, 5), 14},   // the empty last line
		{encUTF8, pos(1, 2), 4},     // inside é: before it
		{encUTF8, pos(1, 5), 6},     // inside 🎉
		{encUTF8, pos(2, 1), 13},    // before "\n"
		{encUTF8, pos(99, 99), 14},  // far past the end
		{encUTF16, pos(1, 0), 3},    // the start of a line after "\r\n"
		{encUTF8, pos(0, 1<<31), 1}, // an enormous character
	} {
		m := mapper{tc.enc, tree.Lines()}
		if got := m.offset(tc.p); got != tc.want {
			t.Errorf("%v: offset(%v) = %d, want %d", tc.enc.kind(), tc.p, got, tc.want)
		}
	}
}

func TestMapperInvalidUTF8(t *testing.T) {
	// Each byte of an invalid sequence is one character, as U+FFFD.
	tree := &syntax.Tree{Src: []byte("s\xff\xfex🎉y")}
	m := mapper{encUTF16, tree.Lines()}
	for off, char := range map[int]uint32{1: 1, 2: 2, 3: 3, 4: 4, 8: 6} {
		if got := m.position(off); got != pos(0, char) {
			t.Errorf("position(%d) = %v, want character %d", off, got, char)
		}
		if got := m.offset(pos(0, char)); got != off {
			t.Errorf("offset(character %d) = %d, want %d", char, got, off)
		}
	}
}
