package discover

import (
	"strings"
	"unicode/utf8"
)

// This file implements the pattern language of gitignore(5). Paths handed to
// the matcher are slash-separated and relative to the directory that holds
// the patterns, and never have a leading or trailing slash.

// A pattern is one compiled line of a gitignore file.
type pattern struct {
	segs     []glob // one per slash-separated segment; "**" spans segments
	negate   bool   // the line began with '!': re-include what matches
	dirOnly  bool   // the line ended with '/': match directories only
	anchored bool   // match the whole path, not just its last element
}

// compile parses one line of a gitignore file. It reports false for blank
// lines, comments and lines that name nothing, such as "/" or "!".
func compile(line string) (pattern, bool) {
	var p pattern
	line = trimTrailingSpace(strings.TrimSuffix(line, "\r"))
	if line == "" || line[0] == '#' {
		return p, false
	}
	// An escaped leading '#' or '!' needs no handling here: the glob
	// matcher reads "\#" and "\!" as the literal characters.
	if line[0] == '!' {
		p.negate = true
		line = line[1:]
	}
	if strings.HasSuffix(line, "/") {
		p.dirOnly = true
		line = line[:len(line)-1]
	}
	if strings.HasPrefix(line, "/") {
		p.anchored = true
		line = line[1:]
	}
	if line == "" {
		return p, false
	}
	p.anchored = p.anchored || strings.Contains(line, "/")
	for seg := range strings.SplitSeq(line, "/") {
		p.segs = append(p.segs, newGlob(seg))
	}
	return p, true
}

// trimTrailingSpace removes the trailing spaces that git ignores, keeping a
// space quoted with a backslash.
func trimTrailingSpace(s string) string {
	end := 0
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\' && i+1 < len(s):
			i++
			end = i + 1
		case s[i] != ' ':
			end = i + 1
		}
	}
	return s[:end]
}

// match reports whether p matches path, which names a directory if isDir.
func (p *pattern) match(path string, isDir bool) bool {
	if p.dirOnly && !isDir {
		return false
	}
	if !p.anchored {
		return p.segs[0].match(path[strings.LastIndexByte(path, '/')+1:])
	}
	return matchSegs(p.segs, path)
}

// matchSegs matches path against segs segment by segment. A "**" segment
// matches any number of path segments, except at the end, where it matches
// one or more: "a/**" matches everything inside a, but not a itself.
// It works like matchGlob, with segments for characters and "**" for '*'.
func matchSegs(segs []glob, path string) bool {
	var s int
	// Where to resume after a mismatch: just past the last "**", with that
	// "**" swallowing one more segment of path than it did before.
	starS, starPath := -1, ""
	for s < len(segs) || path != "" {
		if s < len(segs) && segs[s].text == "**" {
			if s == len(segs)-1 {
				return path != ""
			}
			starS, starPath = s+1, path
			s++
			continue
		}
		if s < len(segs) && path != "" {
			name, rest, _ := strings.Cut(path, "/")
			if segs[s].match(name) {
				s, path = s+1, rest
				continue
			}
		}
		if starS < 0 || starPath == "" {
			return false
		}
		_, starPath, _ = strings.Cut(starPath, "/")
		s, path = starS, starPath
	}
	return true
}

// A glob matches one path element. Most gitignore lines are a plain name or
// a '*' and a suffix, so those shapes skip the general matcher, which would
// otherwise dominate a walk.
type glob struct {
	text    string
	literal bool // text has no special characters
	suffix  bool // text is '*' then a literal
}

func newGlob(text string) glob {
	if !strings.ContainsAny(text, `*?[\`) {
		return glob{text: text, literal: true}
	}
	return glob{text: text, suffix: text[0] == '*' && !strings.ContainsAny(text[1:], `*?[\`)}
}

func (g glob) match(name string) bool {
	switch {
	case g.literal:
		return name == g.text
	case g.suffix:
		return strings.HasSuffix(name, g.text[1:])
	}
	return matchGlob(g.text, name)
}

// matchGlob reports whether name, a single path element, matches glob.
// '*' matches any run of characters, '?' any one character, "[...]" one
// character of a class ("[a-z_]", negated by a leading '!' or '^'), and '\'
// quotes the character after it. A malformed glob, with an unterminated
// class or a trailing '\', matches nothing, as in git.
func matchGlob(glob, name string) bool {
	var g, n int
	// Where to resume after a mismatch: just past the last '*', with that
	// star swallowing one more character of name than it did before.
	starG, starN := -1, 0
	for g < len(glob) || n < len(name) {
		if g < len(glob) {
			if glob[g] == '*' {
				starG, starN = g+1, n
				g++
				continue
			}
			if n < len(name) {
				ok, gw, nw := matchOne(glob[g:], name[n:])
				if gw == 0 {
					return false
				}
				if ok {
					g += gw
					n += nw
					continue
				}
			}
		}
		if starG < 0 || starN == len(name) {
			return false
		}
		_, w := utf8.DecodeRuneInString(name[starN:])
		starN += w
		g, n = starG, starN
	}
	return true
}

// matchOne matches the item at the start of glob, which is not '*', against
// the start of name, which is not empty. It returns the widths of the item
// and of the text it matched; a glob width of 0 means the item is malformed.
// Plain characters compare byte by byte, which keeps distinct invalid UTF-8
// bytes distinct.
func matchOne(glob, name string) (ok bool, gw, nw int) {
	switch glob[0] {
	case '?':
		_, nw = utf8.DecodeRuneInString(name)
		return true, 1, nw
	case '[':
		r, nw := utf8.DecodeRuneInString(name)
		ok, gw = matchClass(glob, r)
		return ok, gw, nw
	case '\\':
		if len(glob) == 1 {
			return false, 0, 0
		}
		return glob[1] == name[0], 2, 1
	}
	return glob[0] == name[0], 1, 1
}

// matchClass matches r against the class at the start of glob. As in git,
// a ']' first in the class is literal, and '-' between two characters makes
// a range.
func matchClass(glob string, r rune) (ok bool, width int) {
	i := 1
	negate := i < len(glob) && (glob[i] == '!' || glob[i] == '^')
	if negate {
		i++
	}
	for first := true; ; first = false {
		if i >= len(glob) {
			return false, 0
		}
		if glob[i] == ']' && !first {
			return ok != negate, i + 1
		}
		lo, w := globChar(glob[i:])
		if w == 0 {
			return false, 0
		}
		i += w
		hi := lo
		if i+1 < len(glob) && glob[i] == '-' && glob[i+1] != ']' {
			if hi, w = globChar(glob[i+1:]); w == 0 {
				return false, 0
			}
			i += 1 + w
		}
		if lo <= r && r <= hi {
			ok = true
		}
	}
}

// globChar decodes the possibly quoted character at the start of s. It
// returns a width of 0 for a '\' that quotes nothing.
func globChar(s string) (rune, int) {
	if s[0] != '\\' {
		return utf8.DecodeRuneInString(s)
	}
	if len(s) == 1 {
		return 0, 0
	}
	r, w := utf8.DecodeRuneInString(s[1:])
	return r, 1 + w
}

// A ruleset holds the patterns of one gitignore file, or of
// Options.Exclude, with the directory they are relative to.
type ruleset struct {
	dir      string // absolute and slash-separated; see slashAbs
	patterns []pattern
}

func newRuleset(dir string, lines []string) *ruleset {
	rs := &ruleset{dir: dir}
	for _, line := range lines {
		if p, ok := compile(line); ok {
			rs.patterns = append(rs.patterns, p)
		}
	}
	return rs
}

// decide reports whether any pattern matches path, which is relative to
// rs.dir, and if so whether the last one to match, which wins, ignores it.
func (rs *ruleset) decide(path string, isDir bool) (matched, ignore bool) {
	for i := len(rs.patterns) - 1; i >= 0; i-- {
		if p := &rs.patterns[i]; p.match(path, isDir) {
			return true, !p.negate
		}
	}
	return false, false
}

// match is decide for an absolute path; paths outside rs.dir never match.
func (rs *ruleset) match(abs string, isDir bool) (matched, ignore bool) {
	rel, ok := relTo(rs.dir, abs)
	if !ok {
		return false, false
	}
	return rs.decide(rel, isDir)
}

// excludes reports whether rs ignores abs or any directory between rs.dir
// and abs. It answers for a single path what a walk down from rs.dir would
// find, since a walk never enters an ignored directory.
func (rs *ruleset) excludes(abs string, isDir bool) bool {
	if rs == nil {
		return false
	}
	rel, ok := relTo(rs.dir, abs)
	if !ok {
		return false
	}
	for i := range len(rel) {
		if rel[i] == '/' {
			if _, ignore := rs.decide(rel[:i], true); ignore {
				return true
			}
		}
	}
	_, ignore := rs.decide(rel, isDir)
	return ignore
}

// A stack holds the rulesets that apply in a directory, shallowest first,
// so that deeper gitignore files override shallower ones.
type stack []*ruleset

// ignores reports whether the deepest ruleset with a matching pattern
// ignores abs.
func (s stack) ignores(abs string, isDir bool) bool {
	for i := len(s) - 1; i >= 0; i-- {
		if matched, ignore := s[i].match(abs, isDir); matched {
			return ignore
		}
	}
	return false
}

// push returns s with rs on top, leaving s itself untouched for the
// directory's siblings.
func (s stack) push(rs *ruleset) stack {
	return append(s[:len(s):len(s)], rs)
}

// relTo returns abs relative to dir, if abs lies strictly below dir. Both
// are in the form slashAbs returns.
func relTo(dir, abs string) (string, bool) {
	if len(abs) <= len(dir)+1 || abs[len(dir)] != '/' || abs[:len(dir)] != dir {
		return "", false
	}
	return abs[len(dir)+1:], true
}
