package discover

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// The cases follow gitignore(5) and agree with git check-ignore, except
// where noted.
func TestIgnorePatterns(t *testing.T) {
	tests := []struct {
		patterns string // lines of a .gitignore at the root
		path     string // relative to the root
		dir      bool
		want     bool // ignored
	}{
		// A pattern without a slash matches a name at any depth.
		{"hello.*", "hello.py", false, true},
		{"hello.*", "src/hello.c", false, true},
		{"hello.*", "hello", false, false},
		{"bar", "a/b/bar", false, true},
		{"*_pb2.py", "proto/api_pb2.py", false, true},
		{"*", "any/name", false, true},

		// A trailing slash matches directories only.
		{"foo/", "foo", true, true},
		{"foo/", "foo", false, false},
		{"foo/", "a/b/foo", true, true},
		{"frotz/", "a/frotz", true, true},

		// A leading or middle slash anchors the pattern to the root.
		{"doc/frotz/", "doc/frotz", true, true},
		{"doc/frotz/", "a/doc/frotz", true, false},
		{"doc/frotz", "doc/frotz", false, true},
		{"/doc/frotz", "doc/frotz", false, true},
		{"/bar", "bar", false, true},
		{"/bar", "a/bar", false, false},
		{"foo/*", "foo/test.json", false, true},
		{"foo/*", "foo/bar", true, true},
		{"foo/*", "foo/bar/hello.c", false, true}, // because foo/bar is ignored
		{"a/*.py", "a/b/c.py", false, false},

		// "**" spans directories.
		{"**/foo", "foo", false, true},
		{"**/foo", "a/b/foo", false, true},
		{"**/foo/bar", "foo/bar", false, true},
		{"**/foo/bar", "x/foo/bar", false, true},
		{"abc/**", "abc/x", false, true},
		{"abc/**", "abc/x/y.py", false, true},
		{"abc/**", "abc", true, false},
		{"a/**/b", "a/b", false, true},
		{"a/**/b", "a/x/y/b", false, true},
		{"a/**/b", "a/xb", false, false},
		{"a/**/b/**/c", "a/b/c", false, true},
		{"a/**/b/**/c", "a/x/b/y/b/z/c", false, true},
		{"a/**/b/**/c", "a/c/b", false, false},
		{"**/x/**/y", "p/x/q/x/r/y", false, true},
		{"build/**/gen.py", "build/a/b/gen.py", false, true},
		{"build/**/gen.py", "src/build/gen.py", false, false},
		{"foo/**/", "foo/a/b", true, true},
		{"foo/**/", "foo/a/b", false, true}, // because foo/a is ignored
		{"foo/**/", "foo/b", false, false},
		{"a**b.py", "axyzb.py", false, true}, // other runs of stars are a plain '*'

		// Later patterns override earlier ones; '!' re-includes.
		{"*.py\n!keep.py", "keep.py", false, false},
		{"*.py\n!keep.py", "drop.py", false, true},
		{"!keep.py\n*.py", "keep.py", false, true},
		{"out/\n!out/keep.py", "out/keep.py", false, true}, // out is not entered

		// Comments, blank lines, escapes and trailing spaces.
		{"#comment", "#comment", false, false},
		{"\n\n", "x", false, false},
		{`\#hash.py`, "#hash.py", false, true},
		{`\!bang.py`, "!bang.py", false, true},
		{"trail.py   ", "trail.py", false, true},
		{`space\ `, "space ", false, true},
		{`space\ `, "space", false, false},
		{`\*.py`, "*.py", false, true},
		{`\*.py`, "x.py", false, false},
		{"crlf.py\r", "crlf.py", false, true},
		{"/", "x", true, false},
		{"!", "x", false, false},

		// Wildcards and classes.
		{"?.py", "a.py", false, true},
		{"?.py", "ab.py", false, false},
		{"?.py", "é.py", false, true}, // git matches a byte, not the character its manual promises
		{"[abc].py", "b.py", false, true},
		{"[!abc].py", "b.py", false, false},
		{"[^abc].py", "d.py", false, true},
		{"[a-c]x.py", "cx.py", false, true},
		{"[a-c]x.py", "dx.py", false, false},
		{"[]]", "]", false, true},
		{"[a-]", "-", false, true},
		{"[abc", "[abc", false, false}, // git: an unterminated class matches nothing
		{`foo\`, `foo\`, false, false}, // git: nor does a trailing backslash
	}
	for _, tt := range tests {
		rs := newRuleset("", strings.Split(tt.patterns, "\n"))
		if got := rs.excludes("/"+tt.path, tt.dir); got != tt.want {
			t.Errorf("patterns %q, path %q (dir %v): ignored = %v, want %v", tt.patterns, tt.path, tt.dir, got, tt.want)
		}
	}
}

func TestMatchGlob(t *testing.T) {
	tests := []struct {
		glob, name string
		want       bool
	}{
		{"", "", true},
		{"", "a", false},
		{"*", "", true},
		{"a*", "abc", true},
		{"*c", "abc", true},
		{"a*c*e", "abcde", true},
		{"a*c*e", "abcdf", false},
		{"*.py", ".py", true},
		{"*.py", "mod.pyi", false},
		{"**", "x", true},
		{"[0-9][0-9]*.py", "0001_initial.py", true},
		{"[!.]*", ".hidden", false},
		{`[\]]`, "]", true},
		{"ü?", "üx", true},
		{`\ü*`, "üx", true},
		{"\xff", "\xfe", false},
	}
	for _, tt := range tests {
		if got := matchGlob(tt.glob, tt.name); got != tt.want {
			t.Errorf("matchGlob(%q, %q) = %v, want %v", tt.glob, tt.name, got, tt.want)
		}
		if got := newGlob(tt.glob).match(tt.name); got != tt.want {
			t.Errorf("newGlob(%q).match(%q) = %v, want %v", tt.glob, tt.name, got, tt.want)
		}
	}
}

// FuzzGlob checks that the fast paths of glob agree with matchGlob on UTF-8
// text and that nothing makes the matcher panic.
func FuzzGlob(f *testing.F) {
	f.Add("*.py", "mod.py")
	f.Add("a/**/b", "a/x/b")
	f.Add("[!a-", "b")
	f.Add(`\`, "x")
	f.Add("\xff", "\xfe")
	f.Fuzz(func(t *testing.T, text, name string) {
		valid := utf8.ValidString(text) && utf8.ValidString(name)
		if got, want := newGlob(text).match(name), matchGlob(text, name); valid && got != want {
			t.Errorf("newGlob(%q).match(%q) = %v, matchGlob = %v", text, name, got, want)
		}
		if p, ok := compile(text); ok {
			p.match(name, true)
			p.match(name, false)
		}
	})
}
