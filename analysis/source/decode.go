package source

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
)

var bom = []byte("\xef\xbb\xbf")

// A DecodeError reports the first byte of a source that its encoding cannot
// decode: Python refuses to import such a file.
type DecodeError struct {
	Encoding string // CPython's name for the codec: "utf-8", "ascii", "cp1252"
	// Offset counts bytes from the start of the source after any byte order
	// mark: for UTF-8, returned with the File, it is an offset in Text.
	Offset int
}

func (e *DecodeError) Error() string {
	return fmt.Sprintf("not valid %s at byte %d; Python will refuse to import it", strings.ToUpper(e.Encoding), e.Offset)
}

// decode decodes a source as CPython does. It takes data over: Text may
// share its bytes.
func decode(data []byte) (*File, error) {
	f := &File{codec: &utf8Codec}
	text := data
	if bytes.HasPrefix(text, bom) {
		f.bom, text = true, text[len(bom):]
	}
	if name, line := declaredEncoding(text); name != "" {
		normal := normalName(name)
		// CPython checks a byte order mark against its own spelling.
		if f.bom && normal != "utf-8" {
			return nil, fmt.Errorf("coding declaration %q on line %d contradicts the UTF-8 byte order mark; Python will refuse to import it", name, line)
		}
		if f.codec = codecNamed(normal); f.codec == nil {
			return nil, fmt.Errorf("unsupported encoding %q declared on line %d", name, line)
		}
	}
	var invalid error
	if f.codec.high == nil {
		if !utf8.Valid(text) {
			invalid = &DecodeError{Encoding: f.codec.name, Offset: invalidUTF8(text)}
		}
	} else if text, invalid = f.codec.decode(text); invalid != nil {
		return nil, invalid
	}
	f.Text = text
	f.newline, f.crs = lineEndings(text)
	if f.crs != nil {
		f.original = text
	}
	return f, invalid
}

// invalidUTF8 returns the offset of the first byte of text that is not
// valid UTF-8.
func invalidUTF8(text []byte) int {
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRune(text[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(text)
}

// lineEndings returns the source's first line ending, which edits follow as
// editors do, and replaces each lone CR of text by LF, returning their
// offsets.
func lineEndings(text []byte) (newline string, crs []int) {
	newline = FirstNewline(text)
	for i := 0; ; i++ {
		j := bytes.IndexByte(text[i:], '\r')
		if j < 0 {
			return newline, crs
		}
		i += j
		if i+1 == len(text) || text[i+1] != '\n' {
			text[i] = '\n'
			crs = append(crs, i)
		}
	}
}

// declaredEncoding returns the encoding a coding declaration names, and its
// line, found where CPython's tokenizer looks: on line 1, or on line 2 when
// line 1 holds nothing but blanks or a comment. Lines end at LF, CRLF or a
// lone CR.
func declaredEncoding(text []byte) (name string, line int) {
	for line = 1; line <= 2; line++ {
		end := bytes.IndexAny(text, "\r\n")
		if end < 0 {
			end = len(text)
		}
		if name := codingSpec(text[:end]); name != "" {
			return name, line
		}
		if !blankOrComment(text[:end]) {
			break
		}
		if bytes.HasPrefix(text[end:], []byte("\r\n")) {
			end++
		}
		text = text[min(end+1, len(text)):]
	}
	return "", 0
}

// CodingLine returns the line, 1 or 2, of the coding declaration of text,
// or 0 when it has none. CPython looks for it on those lines only: an edit
// that moves it further down changes how the file decodes.
func CodingLine(text []byte) int {
	_, line := declaredEncoding(text)
	return line
}

// codingSpec returns the encoding that a line declares: CPython's reading of
// PEP 263's ^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+), with an ASCII \w.
func codingSpec(line []byte) string {
	i := 0
	for ; i < len(line)-6 && line[i] != '#'; i++ {
		if !isBlank(line[i]) {
			return ""
		}
	}
	for ; i < len(line)-6; i++ {
		if !bytes.HasPrefix(line[i:], []byte("coding")) || line[i+6] != ':' && line[i+6] != '=' {
			continue
		}
		start := i + 7
		for start < len(line) && (line[start] == ' ' || line[start] == '\t') {
			start++
		}
		end := start
		for end < len(line) && isNameByte(line[end]) {
			end++
		}
		if end > start {
			return string(line[start:end])
		}
	}
	return ""
}

func blankOrComment(line []byte) bool {
	for _, b := range line {
		if b == '#' {
			return true
		}
		if !isBlank(b) {
			return false
		}
	}
	return true
}

func isBlank(b byte) bool { return b == ' ' || b == '\t' || b == '\f' }

func isNameByte(b byte) bool {
	return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' || b == '-' || b == '_' || b == '.'
}

// normalName is CPython's get_normal_name: the tokenizer's own spelling of
// utf-8 and latin-1 variants, judged on the first 12 characters. Only a
// name it turns into "utf-8" goes with a byte order mark.
func normalName(name string) string {
	s := strings.ReplaceAll(strings.ToLower(name[:min(len(name), 12)]), "_", "-")
	switch {
	case s == "utf-8" || strings.HasPrefix(s, "utf-8-"):
		return "utf-8"
	case s == "latin-1" || s == "iso-8859-1" || s == "iso-latin-1" ||
		strings.HasPrefix(s, "latin-1-") || strings.HasPrefix(s, "iso-8859-1-") || strings.HasPrefix(s, "iso-latin-1-"):
		return "iso-8859-1"
	}
	return name
}

// Encode returns the bytes to write for fixed, an edited copy of Text:
// encoded in the source's codec, after its byte order mark, with lone CRs
// where the source had them. Encode(Text) gives back the bytes read. It
// fails when the codec cannot represent a character of fixed.
//
// Edits move offsets, so lone CRs are put back by aligning fixed with Text:
// those before the first difference and after the last keep their place.
// Between, in a source whose first line ending is a lone CR, each LF not
// after a CR becomes CR; in any other, the text stays as the edit made it.
func (f *File) Encode(fixed []byte) ([]byte, error) {
	out := make([]byte, 0, len(bom)+len(fixed))
	if f.bom {
		out = append(out, bom...)
	}
	return f.codec.encode(out, f.restoreCRs(fixed))
}

// restoreCRs returns fixed with the lone CRs that Text had as LFs put back;
// fixed itself when there were none.
func (f *File) restoreCRs(fixed []byte) []byte {
	if f.crs == nil {
		return fixed
	}
	old := f.original
	prefix := commonPrefix(old, fixed)
	suffix := commonSuffix(old[prefix:], fixed[prefix:])
	out := bytes.Clone(fixed)
	for _, i := range f.crs {
		switch {
		case i < prefix:
			out[i] = '\r'
		case i >= len(old)-suffix:
			out[i+len(fixed)-len(old)] = '\r'
		}
	}
	if f.newline == "\r" {
		for i := prefix; i < len(fixed)-suffix; i++ {
			if fixed[i] == '\n' && (i == 0 || fixed[i-1] != '\r') {
				out[i] = '\r'
			}
		}
	}
	return out
}

func commonPrefix(a, b []byte) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

func commonSuffix(a, b []byte) int {
	n := 0
	for n < len(a) && n < len(b) && a[len(a)-1-n] == b[len(b)-1-n] {
		n++
	}
	return n
}

// Newlines returns s, text written with "\n" to insert into Text, with the
// source's line ending: CRLF in a CRLF file. A lone-CR file keeps "\n", as
// its Text does: Encode writes CR.
func (f *File) Newlines(s string) string { return WithNewline(s, f.newline) }

// FirstNewline returns the first line ending of text, "\n", "\r\n" or
// "\r", which edits follow as editors do; "\n" for text of one line.
func FirstNewline(text []byte) string {
	if i := bytes.IndexAny(text, "\r\n"); i >= 0 && text[i] == '\r' {
		if i+1 < len(text) && text[i+1] == '\n' {
			return "\r\n"
		}
		return "\r"
	}
	return "\n"
}

// WithNewline returns s, text written with "\n", with newline as its line
// ending when that is CRLF: each LF not already after a CR becomes CRLF.
// (Lone CRs are written back by Encode.)
func WithNewline(s, newline string) string {
	if newline != "\r\n" || !strings.Contains(s, "\n") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' && (i == 0 || s[i-1] != '\r') {
			b.WriteByte('\r')
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
