package source

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

// The expectations below are CPython 3.11's: compile() of each source
// either refuses it or decodes it to the text given.
func TestDecode(t *testing.T) {
	tests := []struct {
		name, src string
		text      string // the Text wanted; ignored when err is set
		codec     string
		err       string // a part of the error wanted
	}{
		{"plain", "x = 1\n", "x = 1\n", "utf-8", ""},
		{"utf-8", "s = 'é'\n", "s = 'é'\n", "utf-8", ""},
		{"bom", "\xef\xbb\xbfs = 'é'\n", "s = 'é'\n", "utf-8", ""},
		{"latin-1", "# -*- coding: latin-1 -*-\ns = '\xe9'\n", "# -*- coding: latin-1 -*-\ns = 'é'\n", "iso8859-1", ""},
		{"latin1", "# coding: latin1\ns = '\xe9'\n", "# coding: latin1\ns = 'é'\n", "iso8859-1", ""},
		{"LATIN1", "# coding: LATIN1\ns = '\xe9'\n", "# coding: LATIN1\ns = 'é'\n", "iso8859-1", ""},
		{"iso_8859_1", "# coding: iso_8859_1\ns = '\xe9'\n", "# coding: iso_8859_1\ns = 'é'\n", "iso8859-1", ""},
		{"l1", "# coding: l1\ns = '\xe9'\n", "# coding: l1\ns = 'é'\n", "iso8859-1", ""},
		{"8859", "# coding: 8859\ns = '\xe9'\n", "# coding: 8859\ns = 'é'\n", "iso8859-1", ""},
		{"emacs suffix", "# coding: iso-8859-1-unix\ns = '\xe9'\n", "# coding: iso-8859-1-unix\ns = 'é'\n", "iso8859-1", ""},
		{"vim", "# vim: set fileencoding=latin-1 :\ns = '\xe9'\n", "# vim: set fileencoding=latin-1 :\ns = 'é'\n", "iso8859-1", ""},
		{"equals and blanks", "# coding=  \tlatin-1\ns = '\xe9'\n", "# coding=  \tlatin-1\ns = 'é'\n", "iso8859-1", ""},
		{"after an empty name", "# coding: ; coding=latin-1\ns = '\xe9'\n", "# coding: ; coding=latin-1\ns = 'é'\n", "iso8859-1", ""},
		{"indented", " \t\f# coding: latin-1\ns = '\xe9'\n", " \t\f# coding: latin-1\ns = 'é'\n", "iso8859-1", ""},
		{"line 2 after a shebang", "#!/usr/bin/env python\n# coding: latin-1\ns = '\xe9'\n", "#!/usr/bin/env python\n# coding: latin-1\ns = 'é'\n", "iso8859-1", ""},
		{"line 2 after a blank line", "\n# coding: latin-1\ns = '\xe9'\n", "\n# coding: latin-1\ns = 'é'\n", "iso8859-1", ""},
		{"line 2 after a lone CR", "#!python\r# coding: latin-1\rs = '\xe9'\r", "#!python\n# coding: latin-1\ns = 'é'\n", "iso8859-1", ""},
		{"line 2 after CRLF", "#!python\r\n# coding: latin-1\r\ns = '\xe9'\r\n", "#!python\r\n# coding: latin-1\r\ns = 'é'\r\n", "iso8859-1", ""},
		{"no newline", "# coding: latin-1", "# coding: latin-1", "iso8859-1", ""},
		{"ascii", "# coding: ascii\nx = 1\n", "# coding: ascii\nx = 1\n", "ascii", ""},
		{"us-ascii", "# coding: us-ascii\nx = 1\n", "# coding: us-ascii\nx = 1\n", "ascii", ""},
		{"punctuation around", "# coding: -ascii-\nx = 1\n", "# coding: -ascii-\nx = 1\n", "ascii", ""},
		{"cp1252", "# coding: cp1252\ns = '\x80'\n", "# coding: cp1252\ns = '€'\n", "cp1252", ""},
		{"windows-1252", "# coding: windows-1252\ns = '\x93'\n", "# coding: windows-1252\ns = '“'\n", "cp1252", ""},
		{"iso-8859-15", "# coding: iso-8859-15\ns = '\xa4'\n", "# coding: iso-8859-15\ns = '€'\n", "iso8859-15", ""},
		{"latin9", "# coding: latin9\ns = '\xbd'\n", "# coding: latin9\ns = 'œ'\n", "iso8859-15", ""},
		{"utf8", "# coding: utf8\ns = 'é'\n", "# coding: utf8\ns = 'é'\n", "utf-8", ""},
		{"utf-8-sig", "# coding: utf-8-sig\ns = 'é'\n", "# coding: utf-8-sig\ns = 'é'\n", "utf-8", ""},
		{"bom and utf-8", "\xef\xbb\xbf# coding: utf-8\n", "# coding: utf-8\n", "utf-8", ""},
		{"bom and UTF_8", "\xef\xbb\xbf# coding: UTF_8\n", "# coding: UTF_8\n", "utf-8", ""},

		// Declarations CPython does not see: the bytes are UTF-8's.
		{"after code on line 1", "x = 1\n# coding: latin-1\ns = 'é'\n", "x = 1\n# coding: latin-1\ns = 'é'\n", "utf-8", ""},
		{"after code on its line", "x = 1  # coding: latin-1\n", "x = 1  # coding: latin-1\n", "utf-8", ""},
		{"line 3", "#!python\n#\n# coding: latin-1\n", "#!python\n#\n# coding: latin-1\n", "utf-8", ""},
		{"capital C", "# Coding: latin-1\n", "# Coding: latin-1\n", "utf-8", ""},
		{"after a continuation line", "\\\n# coding: latin-1\n", "\\\n# coding: latin-1\n", "utf-8", ""},

		{"unknown", "# coding: foo\n", "", "", `unsupported encoding "foo" declared on line 1`},
		{"unsupported", "#!python\n# coding: shift_jis\n", "", "", `unsupported encoding "shift_jis" declared on line 2`},
		{"latin-9 is no alias", "# coding: latin-9\n", "", "", `unsupported encoding "latin-9"`},
		{"dot first", "# coding: .ascii\n", "", "", `unsupported encoding ".ascii"`},
		{"bom and latin-1", "\xef\xbb\xbf# coding: latin-1\n", "", "", `"latin-1" on line 1 contradicts the UTF-8 byte order mark`},
		{"bom and utf8", "\xef\xbb\xbf# coding: utf8\n", "", "", `"utf8" on line 1 contradicts`},
		{"bom and line 2", "\xef\xbb\xbf\n# coding: latin-1\n", "", "", `"latin-1" on line 2 contradicts`},
		{"not ascii", "# coding: ascii\ns = '\x81'\n", "", "", "not valid ASCII at byte 21"},
		{"cp1252 undefined byte", "# coding: cp1252\ns = '\x81'\n", "", "", "not valid CP1252 at byte 22"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := decode([]byte(tt.src))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) || f != nil {
					t.Fatalf("decode = %v, %v; want no file and an error with %q", f, err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if string(f.Text) != tt.text || f.codec.name != tt.codec {
				t.Errorf("decode = %q in %s, want %q in %s", f.Text, f.codec.name, tt.text, tt.codec)
			}
			if out, err := f.Encode(f.Text); err != nil || string(out) != tt.src {
				t.Errorf("Encode(Text) = %q, %v; want the source back", out, err)
			}
		})
	}
}

// Python refuses a source that is not valid UTF-8, but the analysis goes
// on with its text.
func TestDecodeInvalidUTF8(t *testing.T) {
	for _, src := range []string{"\xef\xbb\xbfx = 1\ns = '\xff'\n", "x = 1\ns = '\xff'\n", "# coding: utf-8\nx = 1\ns = '\xff'\n"} {
		f, err := decode([]byte(src))
		var de *DecodeError
		if f == nil || !errors.As(err, &de) {
			t.Fatalf("decode(%q) = %v, %v; want a file and a *DecodeError", src, f, err)
		}
		if f.Text[de.Offset] != 0xff {
			t.Errorf("decode(%q): offset %d is %q in Text, want the invalid byte", src, de.Offset, f.Text[de.Offset])
		}
		if want := "not valid UTF-8 at byte"; !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "Python will refuse to import it") {
			t.Errorf("error %q, want %q and why it matters", err, want)
		}
		if out, err := f.Encode(f.Text); err != nil || string(out) != src {
			t.Errorf("Encode(Text) = %q, %v; want the source back", out, err)
		}
	}
}

func TestLineEndings(t *testing.T) {
	tests := []struct {
		src, text, newline string
	}{
		{"a\nb\n", "a\nb\n", "\n"},
		{"a\r\nb\r\n", "a\r\nb\r\n", "\r\n"},
		{"a\rb\r", "a\nb\n", "\r"},
		{"a\rb\nc\r\n", "a\nb\nc\r\n", "\r"},
		{"a\r\nb\rc\n", "a\r\nb\nc\n", "\r\n"},
		{"a\nb\r\n\r", "a\nb\r\n\n", "\n"},
		{"no newline", "no newline", "\n"},
		{"\r\r\n", "\n\r\n", "\r"},
	}
	for _, tt := range tests {
		f, err := decode([]byte(tt.src))
		if err != nil {
			t.Fatal(err)
		}
		if string(f.Text) != tt.text || f.newline != tt.newline {
			t.Errorf("decode(%q) = %q with newline %q, want %q with %q", tt.src, f.Text, f.newline, tt.text, tt.newline)
		}
		if out, err := f.Encode(f.Text); err != nil || string(out) != tt.src {
			t.Errorf("Encode(Text) of %q = %q, %v", tt.src, out, err)
		}
	}
}

func TestNewlines(t *testing.T) {
	for src, want := range map[string]string{
		"a\nb\n":      "x\ny\n",
		"a\r\nb\n":    "x\r\ny\r\n",
		"a\rb\r":      "x\ny\n",
		"one line":    "x\ny\n",
		"a\nb\r\nc\n": "x\ny\n",
	} {
		f, err := decode([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		if got := f.Newlines("x\ny\n"); got != want {
			t.Errorf("in %q, Newlines = %q, want %q", src, got, want)
		}
	}
}

// Edits move offsets: lone CRs outside the edited span stay where they
// were, and within it newlines are the source's own.
func TestEncodeAfterEdits(t *testing.T) {
	tests := []struct {
		name, src string
		edit      func(f *File, text string) string
		want      string
	}{
		{"insert a line in a CR file", "import time\rasync def f():\r    time.sleep(1)\r",
			func(f *File, text string) string {
				return strings.Replace(text, "    time", f.Newlines("    import asyncio\n    await asyncio"), 1)
			}, "import time\rasync def f():\r    import asyncio\r    await asyncio.sleep(1)\r"},
		{"mixed file, edit at the end", "a\rb\nc\r\nd\re",
			func(f *File, text string) string { return text[:len(text)-1] + f.Newlines("e\nf") },
			"a\rb\nc\r\nd\re\rf"},
		{"mixed file, edit at the start", "a\rb\nc\r\nd\re",
			func(f *File, text string) string { return f.Newlines("z\n") + text },
			"z\ra\rb\nc\r\nd\re"},
		{"CRLF file with a lone CR", "a\r\nb\rc\r\n",
			func(f *File, text string) string { return text + f.Newlines("d\n") },
			"a\r\nb\rc\r\nd\r\n"},
		{"deleted lines", "a\rb\rc\rd\r",
			func(f *File, text string) string { return strings.Replace(text, "b\nc\n", "", 1) },
			"a\rd\r"},
		{"latin-1 file", "# coding: latin-1\r\ns = '\xe9'\r\n",
			func(f *File, text string) string { return strings.Replace(text, "s =", "t =", 1) },
			"# coding: latin-1\r\nt = '\xe9'\r\n"},
		{"bom", "\xef\xbb\xbfs = 1\n",
			func(f *File, text string) string { return "t" + text[1:] },
			"\xef\xbb\xbft = 1\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := decode([]byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			out, err := f.Encode([]byte(tt.edit(f, string(f.Text))))
			if err != nil || string(out) != tt.want {
				t.Errorf("Encode = %q, %v; want %q", out, err, tt.want)
			}
		})
	}
}

func TestEncodeUnrepresentable(t *testing.T) {
	tests := []struct {
		src, insert, err string
	}{
		{"# coding: latin-1\n", "s = '€'\n", "U+20AC at byte 23 of the fixed text cannot be encoded in iso8859-1"},
		{"# coding: ascii\n", "s = 'é'\n", "U+00E9"},
		{"# coding: cp1252\n", "s = '\u0081'\n", "U+0081"},
		{"# coding: iso-8859-15\n", "s = '¤'\n", "U+00A4"},
		{"# coding: latin-1\n", "s = '\xff'\n", "U+FFFD"},
	}
	for _, tt := range tests {
		f, err := decode([]byte(tt.src))
		if err != nil {
			t.Fatal(err)
		}
		out, err := f.Encode(append(bytes.Clone(f.Text), tt.insert...))
		if err == nil || !strings.Contains(err.Error(), tt.err) {
			t.Errorf("Encode(%q + %q) = %q, %v; want an error with %q", tt.src, tt.insert, out, err, tt.err)
		}
	}
	f, _ := decode([]byte("# coding: cp1252\n"))
	if out, err := f.Encode([]byte("# coding: cp1252\ns = '€…'\n")); err != nil || string(out) != "# coding: cp1252\ns = '\x80\x85'\n" {
		t.Errorf("Encode in cp1252 = %q, %v", out, err)
	}
}

// FuzzRoundTrip checks that writing back a source as decoded gives the
// bytes read, whatever they are: Encode(Decode(x)) == x.
func FuzzRoundTrip(f *testing.F) {
	for _, seed := range []string{
		"x = 1\n", "\xef\xbb\xbfx\r\n", "# coding: latin-1\rs = '\xe9'\r\n",
		"#!\n# vim: fileencoding=cp1252\n\x80\x9f", "# coding: iso8859-15\n\xa4\r\r\n",
		"# coding: ascii\n", "s = '\xff'\r", "\xef\xbb\xbf# coding: utf-8\n\xc3",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := decode(bytes.Clone(data))
		if file == nil {
			return
		}
		if err == nil && !utf8.Valid(file.Text) {
			t.Fatalf("decode(%q) = %q: not UTF-8", data, file.Text)
		}
		if bytes.Contains(bytes.ReplaceAll(file.Text, []byte("\r\n"), nil), []byte("\r")) {
			t.Fatalf("decode(%q) = %q: a lone CR is left", data, file.Text)
		}
		out, err := file.Encode(file.Text)
		if err != nil || !bytes.Equal(out, data) {
			t.Fatalf("Encode(decode(%q)) = %q, %v", data, out, err)
		}
	})
}

func TestWithNewline(t *testing.T) {
	for _, tc := range []struct{ in, newline, want string }{
		{"import asyncio\n", "\r\n", "import asyncio\r\n"},
		{"a\r\nb\nc", "\r\n", "a\r\nb\r\nc"},
		{"a\nb\n", "\n", "a\nb\n"},
		{"a\nb\n", "\r", "a\nb\n"},
	} {
		if got := WithNewline(tc.in, tc.newline); got != tc.want {
			t.Errorf("WithNewline(%q, %q) = %q, want %q", tc.in, tc.newline, got, tc.want)
		}
	}
}
