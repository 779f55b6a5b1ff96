package source

// LiteralEnd returns the end of the string literal whose quote is at
// src[at], or -1 when the text does not close it.
func LiteralEnd(src []byte, at int) int {
	q := src[at]
	triple := at+2 < len(src) && src[at+1] == q && src[at+2] == q
	i := at + 1
	if triple {
		i = at + 3
	}
	for ; i < len(src); i++ {
		switch c := src[i]; {
		case c == '\\':
			i++ // escapes the next byte, a quote or a line break too
		case c == q && !triple:
			return i + 1
		case c == q && i+2 < len(src) && src[i+1] == q && src[i+2] == q:
			return i + 3
		case (c == '\n' || c == '\r') && !triple:
			return -1
		}
	}
	return -1
}

// Code returns the code of a Python text: the text without its comments
// and the contents of its string literals, a space in place of each. An
// f-string (or t-string) stays whole, since its fields hold code, and so
// does what follows a literal the text does not close.
func Code(src []byte) []byte {
	code := make([]byte, 0, len(src))
	from := 0 // the start of the code not copied yet
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '#':
			code = append(append(code, src[from:i]...), ' ')
			i = CommentEnd(src, i)
			from = i
		case '\'', '"':
			end := LiteralEnd(src, i)
			if end < 0 {
				return append(code, src[from:]...)
			}
			if !HasFields(src, i) {
				code = append(append(code, src[from:i]...), ' ')
				from = end
			}
			i = end - 1
		}
	}
	return append(code, src[from:]...)
}

// CommentEnd returns the end of the comment whose '#' is at src[at]: the
// line break that ends it, or the end of the text.
func CommentEnd(src []byte, at int) int {
	for at < len(src) && src[at] != '\n' && src[at] != '\r' {
		at++
	}
	return at
}

// HasFields reports whether the string literal whose quote is at src[at]
// has an f or t among its prefix's letters.
func HasFields(src []byte, at int) bool {
	for j := at - 1; j >= 0 && src[j]|0x20 >= 'a' && src[j]|0x20 <= 'z'; j-- {
		if src[j]|0x20 == 'f' || src[j]|0x20 == 't' {
			return true
		}
	}
	return false
}
