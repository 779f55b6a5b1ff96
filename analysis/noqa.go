package analysis

import (
	"regexp"
	"strings"

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
	for i := range t.Nodes {
		if t.Nodes[i].Kind != syntax.Comment {
			continue
		}
		text := t.Text(syntax.NodeID(i))
		if skipFilePattern.MatchString(text) {
			s.SkipFile = true
		}
		m := noqaPattern.FindStringSubmatch(text)
		if m == nil {
			continue
		}
		line := t.LineOf(int(t.Nodes[i].Start))
		if m[1] == "" {
			s.lines[line] = []string{}
			continue
		}
		if codes, seen := s.lines[line]; seen && len(codes) == 0 {
			continue // a bare noqa on the line already covers everything
		}
		for _, code := range codeSeparator.Split(strings.TrimSpace(m[1]), -1) {
			s.lines[line] = append(s.lines[line], strings.ToUpper(code))
		}
	}
	return s
}

// Suppressed reports whether a diagnostic of rule r starting on line is
// silenced by a noqa comment naming no code, the rule's code, or a code of
// another tool that flags the same thing.
func (s *Suppressions) Suppressed(r *Rule, line int) bool {
	codes, ok := s.lines[line]
	if !ok {
		return false
	}
	if len(codes) == 0 {
		return true
	}
	for _, c := range codes {
		if c == r.Code {
			return true
		}
		for _, other := range r.SameAs {
			if strings.EqualFold(c, other) {
				return true
			}
		}
	}
	return false
}
