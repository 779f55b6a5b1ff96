package check

import (
	"regexp"
	"strings"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/syntax"
)

// Suppressions are the "# noqa" comments of a file. Suppressed records
// which comments, and which of their codes, silence something, for the
// report of those that do not (unusedNoqa).
type Suppressions struct {
	// SkipFile is set by a "# asynclint: skip-file" comment.
	SkipFile bool
	lines    map[int]*noqa
}

// noqa is one "# noqa" comment, as byte offsets into the file.
type noqa struct {
	start, end           int // from the '#' of "# noqa" to the end of its codes
	codesStart, codesEnd int // the list of codes, empty for a bare noqa
	codes                []noqaCode
	used                 bool // a bare noqa silenced something
}

// noqaCode is one code of a noqa comment.
type noqaCode struct {
	code       string // upper case
	start, end int
	used       bool
}

var (
	noqaPattern     = regexp.MustCompile(`(?i)#\s*noqa(?::\s*([A-Z]+[0-9]+(?:[\s,]+[A-Z]+[0-9]+)*))?`)
	skipFilePattern = regexp.MustCompile(`(?i)#\s*asynclint\s*:\s*skip-file\b`)
	codePattern     = regexp.MustCompile(`[A-Za-z]+[0-9]+`)
)

// ParseSuppressions reads the noqa and skip-file comments of a tree. Only
// real comments count, not text inside strings.
func ParseSuppressions(t *syntax.Tree) *Suppressions {
	s := &Suppressions{lines: map[int]*noqa{}}
	for id := range t.OfKind(syntax.Comment) {
		text := t.TextView(id) // kept only through what is copied from it
		if !containsFold(text, "noqa") && !containsFold(text, "skip-file") {
			continue // most comments: no need for the patterns
		}
		if skipFilePattern.MatchString(text) {
			s.SkipFile = true
		}
		m := noqaPattern.FindStringSubmatchIndex(text)
		if m == nil {
			continue
		}
		line := t.LineOf(int(t.Nodes[id].Start))
		if _, seen := s.lines[line]; seen {
			continue
		}
		base := int(t.Nodes[id].Start)
		n := &noqa{start: base + m[0], end: base + m[1], codesStart: base + m[1], codesEnd: base + m[1]}
		if m[2] >= 0 {
			n.codesStart, n.codesEnd = base+m[2], base+m[3]
			for _, c := range codePattern.FindAllStringIndex(text[m[2]:m[3]], -1) {
				n.codes = append(n.codes, noqaCode{
					code:  strings.Clone(strings.ToUpper(text[m[2]+c[0] : m[2]+c[1]])),
					start: n.codesStart + c[0], end: n.codesStart + c[1],
				})
			}
		}
		s.lines[line] = n
	}
	return s
}

// containsFold reports whether s contains word, an ASCII lower-case word,
// in any case. It runs over every comment of a file on every check: a
// byte that cannot begin the word is passed over without a call.
func containsFold(s, word string) bool {
	for i := 0; i+len(word) <= len(s); i++ {
		if s[i]|0x20 == word[0] && strings.EqualFold(s[i:i+len(word)], word) {
			return true
		}
	}
	return false
}

// FindNoqa locates a noqa marker in the text of a comment: ok reports one,
// and [codesStart, codesEnd) is its list of codes, empty for a bare noqa.
func FindNoqa(comment string) (ok bool, codesStart, codesEnd int) {
	m := noqaPattern.FindStringSubmatchIndex(comment)
	if m == nil {
		return false, 0, 0
	}
	if m[2] < 0 {
		return true, m[1], m[1]
	}
	return true, m[2], m[3]
}

// Suppressed reports whether a diagnostic of rule r starting on line is
// silenced by a noqa comment naming no code, the rule's code or a prefix
// of it ("AL2" for every AL2xx rule), or a code, or prefix, of another
// tool that flags the same thing, and records what silenced it.
func (s *Suppressions) Suppressed(r *analysis.Rule, line int) bool {
	n, ok := s.lines[line]
	if !ok {
		return false
	}
	if len(n.codes) == 0 {
		n.used = true
		return true
	}
	suppressed := false
	for i := range n.codes {
		if names(r, n.codes[i].code) {
			n.codes[i].used = true
			suppressed = true
		}
	}
	return suppressed
}

// names reports whether the code of a noqa comment, upper case, is r's
// code, another tool's code for r, or a prefix of one of them.
func names(r *analysis.Rule, code string) bool {
	if strings.HasPrefix(r.Code, code) {
		return true
	}
	for _, other := range r.SameAs {
		if strings.HasPrefix(strings.ToUpper(other), code) {
			return true
		}
	}
	return false
}
