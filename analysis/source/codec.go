package source

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// A codec is one of the encodings a source may declare: UTF-8, or one that
// maps each byte to a character and ASCII to itself.
type codec struct {
	name string // CPython's
	// high holds the characters of bytes 0x80 to 0xFF, -1 where a byte
	// decodes to none; nil for UTF-8.
	high *[128]rune
}

var (
	utf8Codec = codec{name: "utf-8"}
	latin1    = codec{name: "iso8859-1", high: latin1High(nil)}
	ascii     = codec{name: "ascii", high: asciiHigh()}
	cp1252    = codec{name: "cp1252", high: latin1High(map[byte]rune{
		0x80: 0x20ac, 0x81: -1, 0x82: 0x201a, 0x83: 0x0192, 0x84: 0x201e, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021,
		0x88: 0x02c6, 0x89: 0x2030, 0x8a: 0x0160, 0x8b: 0x2039, 0x8c: 0x0152, 0x8d: -1, 0x8e: 0x017d, 0x8f: -1,
		0x90: -1, 0x91: 0x2018, 0x92: 0x2019, 0x93: 0x201c, 0x94: 0x201d, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014,
		0x98: 0x02dc, 0x99: 0x2122, 0x9a: 0x0161, 0x9b: 0x203a, 0x9c: 0x0153, 0x9d: -1, 0x9e: 0x017e, 0x9f: 0x0178,
	})}
	latin9 = codec{name: "iso8859-15", high: latin1High(map[byte]rune{
		0xa4: 0x20ac, 0xa6: 0x0160, 0xa8: 0x0161, 0xb4: 0x017d, 0xb8: 0x017e, 0xbc: 0x0152, 0xbd: 0x0153, 0xbe: 0x0178,
	})}
)

// codecs are the supported codecs by the name of their module in Python's
// encodings package; utf-8-sig decodes a source as utf-8 does, since the
// tokenizer has already taken any byte order mark.
var codecs = map[string]*codec{
	"utf_8": &utf8Codec, "utf_8_sig": &utf8Codec,
	"latin_1": &latin1, "ascii": &ascii, "cp1252": &cp1252, "iso8859_15": &latin9,
}

// aliases are the other names of those modules in CPython 3.11's
// encodings.aliases.
var aliases = map[string]string{
	"cp65001": "utf_8", "u8": "utf_8", "utf": "utf_8", "utf8": "utf_8", "utf8_ucs2": "utf_8", "utf8_ucs4": "utf_8",

	"8859": "latin_1", "cp819": "latin_1", "csisolatin1": "latin_1", "ibm819": "latin_1", "iso8859": "latin_1",
	"iso8859_1": "latin_1", "iso_8859_1": "latin_1", "iso_8859_1_1987": "latin_1", "iso_ir_100": "latin_1",
	"l1": "latin_1", "latin": "latin_1", "latin1": "latin_1",

	"646": "ascii", "ansi_x3.4_1968": "ascii", "ansi_x3.4_1986": "ascii", "ansi_x3_4_1968": "ascii",
	"cp367": "ascii", "csascii": "ascii", "ibm367": "ascii", "iso646_us": "ascii", "iso_646.irv_1991": "ascii",
	"iso_ir_6": "ascii", "us": "ascii", "us_ascii": "ascii",

	"1252": "cp1252", "windows_1252": "cp1252",

	"iso_8859_15": "iso8859_15", "l9": "iso8859_15", "latin9": "iso8859_15",
}

// codecNamed returns the codec of an encoding name as Python's codecs.lookup
// finds it, or nil when it is not supported.
func codecNamed(name string) *codec {
	key := normalizeEncoding(name)
	module, ok := aliases[key]
	if !ok {
		module, ok = aliases[strings.ReplaceAll(key, ".", "_")]
	}
	if !ok {
		module = key
	}
	return codecs[module]
}

// normalizeEncoding is Python's: lower case, each run of characters other
// than letters, digits and dots one '_', none at either end.
func normalizeEncoding(name string) string {
	var out []byte
	punct := false
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c == '-' || c == '_' || !isNameByte(c) {
			punct = true
			continue
		}
		if punct && len(out) > 0 {
			out = append(out, '_')
		}
		punct = false
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		out = append(out, c)
	}
	return string(out)
}

// latin1High returns the high half of ISO 8859-1 with changes made.
func latin1High(changes map[byte]rune) *[128]rune {
	var high [128]rune
	for i := range high {
		high[i] = rune(0x80 + i)
	}
	for b, r := range changes {
		high[b-0x80] = r
	}
	return &high
}

func asciiHigh() *[128]rune {
	var high [128]rune
	for i := range high {
		high[i] = -1
	}
	return &high
}

// decode returns text decoded to UTF-8: text itself when it is all ASCII.
func (c *codec) decode(text []byte) ([]byte, error) {
	high := 0
	for _, b := range text {
		if b >= 0x80 {
			high++
		}
	}
	if high == 0 {
		return text, nil
	}
	out := make([]byte, 0, len(text)+high)
	for i, b := range text {
		if b < 0x80 {
			out = append(out, b)
			continue
		}
		r := c.high[b-0x80]
		if r < 0 {
			return nil, &DecodeError{Encoding: c.name, Offset: i}
		}
		out = utf8.AppendRune(out, r)
	}
	return out, nil
}

// encode appends text, UTF-8, encoded in c to dst. UTF-8 is copied as it
// is, invalid bytes included: they are the source's own.
func (c *codec) encode(dst, text []byte) ([]byte, error) {
	if c.high == nil {
		return append(dst, text...), nil
	}
	for i := 0; i < len(text); {
		if text[i] < 0x80 {
			dst = append(dst, text[i])
			i++
			continue
		}
		r, size := utf8.DecodeRune(text[i:])
		b := slices.Index(c.high[:], r)
		if b < 0 {
			return nil, fmt.Errorf("%U at byte %d of the fixed text cannot be encoded in %s", r, i, c.name)
		}
		dst = append(dst, byte(0x80+b))
		i += size
	}
	return dst, nil
}
