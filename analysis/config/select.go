package config

import (
	"fmt"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
)

// checkSelector reports whether s selects at least one known code, so that
// a typo does not silently select nothing.
func checkSelector(s string, known []string) error {
	if s == "ALL" {
		return nil
	}
	if len(s) >= 2 {
		for _, code := range known {
			if strings.HasPrefix(code, s) {
				return nil
			}
		}
	}
	return fmt.Errorf("unknown rule selector %q (no rule code starts with it)", s)
}

// specificity returns how specific the most specific selector in sels
// that matches code is, or -1 if none does. ALL is the least specific;
// longer prefixes are more specific.
func specificity(sels []string, code string) int {
	best := -1
	for _, s := range sels {
		switch {
		case s == "ALL":
			best = max(best, 0)
		case strings.HasPrefix(code, s):
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

// decide applies select, extend-select and ignore to code as ruff does:
// the most specific matching selector wins, and ignore wins a tie.
func (c *Config) decide(code string) state {
	sel := specificity(c.ExtendSelect, code)
	if c.Select != nil {
		sel = max(sel, specificity(c.Select, code))
	}
	switch ign := specificity(c.Ignore, code); {
	case ign >= 0 && ign >= sel:
		return off
	case sel >= 0:
		return on
	case c.Select != nil:
		return off
	}
	return byDefault
}

// A matcher holds what Enabled needs, computed once: the decision for each
// known code, the compiled per-file-ignores, and which of them match each
// file seen so far.
type matcher struct {
	rules   map[string]state
	root    string
	ignores []fileIgnore
	files   sync.Map // path -> []*fileIgnore
}

type fileIgnore struct {
	re    *regexp.Regexp
	base  bool // the pattern has no slash, so it also matches base names
	codes []string
}

func newMatcher(c *Config, known []string) *matcher {
	m := &matcher{rules: make(map[string]state, len(known)), root: c.Root}
	for _, code := range known {
		m.rules[code] = c.decide(code)
	}
	for _, pfi := range c.PerFileIgnores {
		pat := strings.TrimPrefix(strings.TrimPrefix(pfi.Pattern, "./"), "/")
		m.ignores = append(m.ignores, fileIgnore{
			re:    globRegexp(pat),
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
		m = newMatcher(c, nil)
	}
	st, ok := m.rules[code]
	if !ok {
		st = c.decide(code)
	}
	if st == off || st == byDefault && !defaultOn {
		return false
	}
	for _, fi := range m.ignoresFor(path) {
		if specificity(fi.codes, code) >= 0 {
			return false
		}
	}
	return true
}

// ignoresFor returns the per-file-ignores whose pattern matches the file.
func (m *matcher) ignoresFor(file string) []*fileIgnore {
	if len(m.ignores) == 0 {
		return nil
	}
	if v, ok := m.files.Load(file); ok {
		return v.([]*fileIgnore)
	}
	rel := file
	if abs, err := filepath.Abs(file); err == nil {
		if r, err := filepath.Rel(m.root, abs); err == nil {
			rel = r
		}
	}
	rel = filepath.ToSlash(rel)
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
// non-empty targetVersion replaces the target version. On error c is
// unchanged.
func (c *Config) Override(sel, extendSelect, ignore []string, targetVersion string, known []string) error {
	for _, opt := range []struct {
		name string
		sels []string
	}{{"--select", sel}, {"--extend-select", extendSelect}, {"--ignore", ignore}} {
		for _, s := range opt.sels {
			if err := checkSelector(s, known); err != nil {
				return fmt.Errorf("%s: %v", opt.name, err)
			}
		}
	}
	if targetVersion != "" {
		v, err := parseTarget(targetVersion)
		if err != nil {
			return fmt.Errorf("--target-version: %v", err)
		}
		c.Settings.TargetVersion = v
	}
	if sel != nil {
		c.Select = sel
	}
	c.ExtendSelect = append(c.ExtendSelect, extendSelect...)
	c.Ignore = append(c.Ignore, ignore...)
	c.m = newMatcher(c, known)
	return nil
}
