package config

import (
	"path"
	"path/filepath"
	"regexp"
	"strings"
)

// An includePattern is a compiled include pattern.
type includePattern struct {
	re   *regexp.Regexp
	base bool // the pattern has no slash: it matches the file's name
}

func compileIncludes(patterns []string) []includePattern {
	if patterns == nil {
		patterns = DefaultInclude
	}
	out := make([]includePattern, len(patterns))
	for i, p := range patterns {
		p = strings.TrimPrefix(p, "./")
		out[i] = includePattern{globRegexp(strings.TrimPrefix(p, "/")), !strings.Contains(p, "/")}
	}
	return out
}

// Includes reports whether include (or DefaultInclude) selects the file at
// path for a walk: by its name, or by its path relative to Root for a
// pattern with a slash.
func (c *Config) Includes(file string) bool {
	m := c.m
	if m == nil {
		m = newMatcher(c, &Catalog{})
	}
	var rel string
	for _, p := range m.include {
		if p.base {
			if p.re.MatchString(filepath.Base(file)) {
				return true
			}
			continue
		}
		if rel == "" {
			rel = relativeTo(c.Root, file)
		}
		if p.re.MatchString(rel) {
			return true
		}
	}
	return false
}

// relativeTo returns file relative to root, slash-separated, or file
// itself when it cannot be.
func relativeTo(root, file string) string {
	rel := file
	if abs, err := filepath.Abs(file); err == nil {
		if r, err := filepath.Rel(root, abs); err == nil {
			rel = r
		}
	}
	return path.Clean(filepath.ToSlash(rel))
}
