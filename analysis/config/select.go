package config

import (
	"fmt"
	"path"
	"regexp"
	"strings"
	"sync"
)

// checkSelector reports whether s selects at least one rule of the
// catalog, by its code or another tool's, so that a typo does not silently
// select nothing.
func checkSelector(s string, cat *Catalog) error {
	if s == "ALL" {
		return nil
	}
	if len(s) >= 2 {
		for _, code := range cat.Codes {
			if strings.HasPrefix(code, s) || prefixOfAny(s, cat.SameAs[code]) {
				return nil
			}
		}
	}
	return fmt.Errorf("unknown rule selector %q (no rule code starts with it)", s)
}

// prefixOfAny reports whether s starts one of codes.
func prefixOfAny(s string, codes []string) bool {
	for _, c := range codes {
		if strings.HasPrefix(c, s) {
			return true
		}
	}
	return false
}

// specificity returns how specific the most specific selector in sels
// that matches code, or one of the other tools' codes sameAs, is, or -1 if
// none does. ALL is the least specific; longer prefixes are more specific.
func specificity(sels []string, code string, sameAs []string) int {
	best := -1
	for _, s := range sels {
		switch {
		case s == "ALL":
			best = max(best, 0)
		case strings.HasPrefix(code, s) || prefixOfAny(s, sameAs):
			best = max(best, len(s))
		}
	}
	return best
}

// A state is the configuration's decision about a rule, before
// per-file-ignores.
type state uint8

const (
	byDefault state = iota // on if the rule is on by default
	on
	off
)

// A selection is the select, extend-select and ignore of one
// configuration file.
type selection struct {
	Select, ExtendSelect, Ignore []string
	From                         string // the file
}

// A Selection is the rule selection of one configuration file, from
// which the next one goes on.
type Selection struct {
	From                         string // the file, or "" for the command line on the defaults
	Select, ExtendSelect, Ignore []string
}

// Selections returns the rule selections that decide which rules run: of
// the files c extends, farthest first, then c's own, with the command
// line's.
func (c *Config) Selections() []Selection {
	var out []Selection
	for _, s := range c.inherited {
		out = append(out, Selection{s.From, s.Select, s.ExtendSelect, s.Ignore})
	}
	return append(out, Selection{c.Path, c.Select, c.ExtendSelect, c.Ignore})
}

// decide applies the selection to code as ruff does: the most specific
// matching selector wins, and ignore wins a tie. A code no selector
// matches keeps the earlier decision prev, unless select is set, which
// starts afresh.
func (s *selection) decide(code string, sameAs []string, prev state) state {
	sel := specificity(s.ExtendSelect, code, sameAs)
	if s.Select != nil {
		sel = max(sel, specificity(s.Select, code, sameAs))
	}
	switch ign := specificity(s.Ignore, code, sameAs); {
	case ign >= 0 && ign >= sel:
		return off
	case sel >= 0:
		return on
	case s.Select != nil:
		return off
	}
	return prev
}

// decide applies the selections of the configurations c extends, then
// its own.
func (c *Config) decide(code string, sameAs []string) state {
	st := byDefault
	for i := range c.inherited {
		st = c.inherited[i].decide(code, sameAs, st)
	}
	own := selection{Select: c.Select, ExtendSelect: c.ExtendSelect, Ignore: c.Ignore}
	return own.decide(code, sameAs, st)
}

// A matcher holds what Enabled needs, computed once: the decision for each
// code of the catalog, the compiled per-file-ignores, and which of them
// match each file seen so far.
type matcher struct {
	cat     *Catalog
	rules   map[string]state
	root    string
	ignores []fileIgnore
	files   sync.Map // path -> []*fileIgnore
	include []includePattern
}

type fileIgnore struct {
	re    *regexp.Regexp
	base  bool // the pattern has no slash, so it also matches base names
	codes []string
}

func newMatcher(c *Config, cat *Catalog) *matcher {
	m := &matcher{cat: cat, rules: make(map[string]state, len(cat.Codes)), root: c.Root, include: compileIncludes(c.Include)}
	for _, code := range cat.Codes {
		m.rules[code] = c.decide(code, cat.SameAs[code])
	}
	for _, pfi := range c.PerFileIgnores {
		pat := strings.TrimPrefix(pfi.Pattern, "./")
		m.ignores = append(m.ignores, fileIgnore{
			re:    globRegexp(strings.TrimPrefix(pat, "/")),
			base:  !strings.Contains(pat, "/"),
			codes: pfi.Codes,
		})
	}
	return m
}

// Enabled reports whether the rule with this code runs for the file at path
// (relative to the working directory, or absolute; per-file-ignores match
// it relative to Root). defaultOn says whether the rule is on by default,
// which decides when no select is configured.
func (c *Config) Enabled(code string, defaultOn bool, path string) bool {
	m := c.m
	if m == nil { // a Config not made by this package
		m = newMatcher(c, &Catalog{})
	}
	sameAs := m.cat.SameAs[code]
	st, ok := m.rules[code]
	if !ok {
		st = c.decide(code, sameAs)
	}
	if st == off || st == byDefault && !defaultOn {
		return false
	}
	for _, fi := range m.ignoresFor(path) {
		if specificity(fi.codes, code, sameAs) >= 0 {
			return false
		}
	}
	return true
}

// HasFileIgnores reports whether a per-file-ignores pattern may match
// path: where none does, the rules enabled do not depend on the path. A
// Config not made by this package may always.
func (c *Config) HasFileIgnores(path string) bool {
	return c.m == nil || len(c.m.ignoresFor(path)) > 0
}

// ignoresFor returns the per-file-ignores whose pattern matches the file.
func (m *matcher) ignoresFor(file string) []*fileIgnore {
	if len(m.ignores) == 0 {
		return nil
	}
	if v, ok := m.files.Load(file); ok {
		return v.([]*fileIgnore)
	}
	rel := relativeTo(m.root, file)
	var hits []*fileIgnore
	for i := range m.ignores {
		fi := &m.ignores[i]
		if fi.re.MatchString(rel) || fi.base && fi.re.MatchString(path.Base(rel)) {
			hits = append(hits, fi)
		}
	}
	m.files.Store(file, hits)
	return hits
}

// globRegexp translates a glob pattern into a regular expression matching
// slash-separated paths: * and ? match within one path element, "**/"
// matches any number of leading directories, and a trailing "/**"
// everything below a directory.
func globRegexp(pattern string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString("^")
	for i := 0; i < len(pattern); {
		switch rest := pattern[i:]; {
		case strings.HasPrefix(rest, "**") && (i == 0 || pattern[i-1] == '/'):
			switch {
			case strings.HasPrefix(rest, "**/"):
				b.WriteString("(?:.*/)?")
				i += 3
			case rest == "**":
				b.WriteString(".*")
				i += 2
			default:
				b.WriteString("[^/]*")
				i += 2
			}
		case rest[0] == '*':
			b.WriteString("[^/]*")
			i++
		case rest[0] == '?':
			b.WriteString("[^/]")
			i++
		default:
			n := strings.IndexAny(rest, "*?")
			if n < 0 {
				n = len(rest)
			}
			b.WriteString(regexp.QuoteMeta(rest[:n]))
			i += n
		}
	}
	b.WriteString("$")
	return regexp.MustCompile(b.String())
}

// Override applies command-line options on top of the configuration: a
// non-nil sel replaces Select, extendSelect and ignore are appended, and a
// non-empty targetVersion replaces the target version. known lists the
// rule codes selectors must match; the other tools' codes the
// configuration was read with still count. On error c is unchanged.
func (c *Config) Override(sel, extendSelect, ignore []string, targetVersion string, known []string) error {
	cat := &Catalog{Codes: known}
	if c.m != nil {
		cat.SameAs = c.m.cat.SameAs
	}
	return c.override(Overrides{Select: sel, ExtendSelect: extendSelect, Ignore: ignore, TargetVersion: targetVersion}, cat)
}
