package analysis

import (
	"fmt"
	"slices"
	"strings"

	"github.com/asynclint/asynclint/analysis/config"
)

// A Suite is the set of rules a program runs, ordered by code, and the
// summary of each module they share across modules.
type Suite struct {
	Rules     []*Rule
	Summarize *Summarizer
	byCode    map[string]*Rule
}

// NewSuite returns the suite of rules, whose codes and names must be
// unique, summarizing modules with summarize (nil: each file is checked on
// its own).
func NewSuite(summarize *Summarizer, rules ...*Rule) (*Suite, error) {
	s := &Suite{Rules: slices.Clone(rules), Summarize: summarize, byCode: map[string]*Rule{}}
	slices.SortFunc(s.Rules, func(a, b *Rule) int { return strings.Compare(a.Code, b.Code) })
	names := map[string]string{}
	for _, r := range s.Rules {
		if _, dup := s.byCode[r.Code]; dup {
			return nil, fmt.Errorf("rule %s is listed twice", r.Code)
		}
		if other, dup := names[r.Name]; dup {
			return nil, fmt.Errorf("rules %s and %s share the name %s", other, r.Code, r.Name)
		}
		s.byCode[r.Code], names[r.Name] = r, r.Code
	}
	return s, nil
}

// Lookup returns the rule with the given code or name, or the first rule
// that another tool's code stands for (ASYNC251 for AL201), or nil.
// Codes are matched without regard to case.
func (s *Suite) Lookup(codeOrName string) *Rule {
	if r := s.byCode[strings.ToUpper(codeOrName)]; r != nil {
		return r
	}
	for _, r := range s.Rules {
		if r.Name == codeOrName {
			return r
		}
	}
	for _, r := range s.Rules {
		if r.Names(codeOrName) {
			return r
		}
	}
	return nil
}

// Codes returns the codes of the rules, in order.
func (s *Suite) Codes() []string {
	codes := make([]string, len(s.Rules))
	for i, r := range s.Rules {
		codes[i] = r.Code
	}
	return codes
}

// Catalog returns the codes of the rules, each with the other tools'
// codes it stands for, which configuration selectors may name.
func (s *Suite) Catalog() config.Catalog {
	cat := config.Catalog{Codes: s.Codes(), SameAs: make(map[string][]string, len(s.Rules))}
	for _, r := range s.Rules {
		cat.SameAs[r.Code] = r.SameAs
	}
	return cat
}

// Enabled returns the rules that cfg enables for the file at path.
func (s *Suite) Enabled(cfg *config.Config, path string) []*Rule {
	var rules []*Rule
	for _, r := range s.Rules {
		if cfg.Enabled(r.Code, r.Default, path) {
			rules = append(rules, r)
		}
	}
	return rules
}
