package check

import (
	"regexp"
	"strings"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/syntax"
)

// Suppressions are the "# noqa" comments of a file.
type Suppressions struct {
	// SkipFile is set by a "# asynclint: skip-file" comment.
	SkipFile bool
	lines    map[int][]string // line -> codes; an empty list suppresses every code
}

var (
	noqaPattern     = regexp.MustCompile(`(?i)#\s*noqa(?::\s*([A-Z]+[0-9]+(?:[\s,]+[A-Z]+[0-9]+)*))?`)
	skipFilePattern = regexp.MustCompile(`(?i)#\s*asynclint\s*:\s*skip-file\b`)
	codeSeparator   = regexp.MustCompile(`[\s,]+`)
)

// ParseSuppressions reads the noqa and skip-file comments of a tree. Only
// real comments count, not text inside strings.
func ParseSuppressions(t *syntax.Tree) *Suppressions {
	s := &Suppressions{lines: map[int][]string{}}
	for id := range t.OfKind(syntax.Comment) {
		text := t.Text(id)
		if skipFilePattern.MatchString(text) {
			s.SkipFile = true
		}
		ok, codesStart, codesEnd := FindNoqa(text)
		if !ok {
			continue
		}
		line := t.LineOf(int(t.Nodes[id].Start))
		if codesStart == codesEnd {
			s.lines[line] = []string{}
			continue
		}
		if codes, seen := s.lines[line]; seen && len(codes) == 0 {
			continue // a bare noqa on the line already covers everything
		}
		for _, code := range codeSeparator.Split(strings.TrimSpace(text[codesStart:codesEnd]), -1) {
			s.lines[line] = append(s.lines[line], strings.ToUpper(code))
		}
	}
	return s
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
// tool that flags the same thing.
func (s *Suppressions) Suppressed(r *analysis.Rule, line int) bool {
	codes, ok := s.lines[line]
	if !ok {
		return false
	}
	if len(codes) == 0 {
		return true
	}
	for _, c := range codes {
		if names(r, c) {
			return true
		}
	}
	return false
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
