package source

import (
	"bytes"
	"iter"
)

// Words adds to words the names that text spells: its runs of letters,
// digits and underscores, any byte of a character beyond ASCII counting
// as a letter. Keywords and the words of comments and strings are
// included: what uses the set must not mind a word too many.
func Words(text []byte, words map[string]bool) {
	for i := 0; i < len(text); {
		if !IsWordByte(text[i]) {
			i++
			continue
		}
		j := i
		for j < len(text) && IsWordByte(text[j]) {
			j++
		}
		words[string(text[i:j])] = true
		i = j
	}
}

// IsWordByte reports whether c can be part of a name; any byte of a
// character beyond ASCII may be.
func IsWordByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

// Occurrences yields the offsets at which name occurs as a whole word in
// text.
func Occurrences(text []byte, name string) iter.Seq[int] {
	return func(yield func(int) bool) {
		for at := 0; ; {
			i := bytes.Index(text[at:], []byte(name))
			if i < 0 {
				return
			}
			i += at
			end := i + len(name)
			if (i == 0 || !IsWordByte(text[i-1])) && (end == len(text) || !IsWordByte(text[end])) && !yield(i) {
				return
			}
			at = i + 1
		}
	}
}
