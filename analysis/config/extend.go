package config

import (
	"maps"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// extend returns the configuration child, which extends base: each key
// child sets replaces base's, extend-exclude and extend-include add to
// base's patterns, and rule selection goes on from base's, as ruff does (a
// select in child starts afresh). base's patterns are made relative to
// child's directory.
func extend(base, child *Config, cat *Catalog) *Config {
	c := *child
	c.Extends = append([]string{base.Path}, base.Extends...)
	c.inherited = append(slices.Clone(base.inherited), selection{base.Select, base.ExtendSelect, base.Ignore, base.Path})
	c.Origins = maps.Clone(base.Origins)
	if c.Origins == nil {
		c.Origins = map[string]string{}
	}
	// Rule selection goes on from base's: its keys are base's own layer.
	for _, key := range []string{"select", "extend-select", "ignore"} {
		delete(c.Origins, key)
	}
	maps.Copy(c.Origins, child.Origins)
	set := func(key string) bool { _, ok := child.Origins[key]; return ok }

	if !set("exclude") {
		c.Exclude = append(rebaseAll(base.Exclude, base.Root, child.Root), child.extendExclude...)
		if set("extend-exclude") {
			c.Origins["exclude"] = base.Origins["exclude"]
		}
	}
	if !set("include") {
		c.Include = rebaseAll(base.Include, base.Root, child.Root)
		if child.extendInclude != nil {
			if c.Include == nil {
				c.Include = slices.Clone(DefaultInclude)
			}
			c.Include = append(c.Include, child.extendInclude...)
		}
	}
	if !set("per-file-ignores") {
		c.PerFileIgnores = nil
		for _, pfi := range base.PerFileIgnores {
			if p, ok := rebase(pfi.Pattern, base.Root, child.Root); ok {
				c.PerFileIgnores = append(c.PerFileIgnores, PerFileIgnore{p, pfi.Codes})
			}
		}
	}
	if !set("target-version") {
		c.Settings.TargetVersion = base.Settings.TargetVersion
	}
	if !set("allow-top-level-await") {
		c.Settings.TopLevelAwait = base.Settings.TopLevelAwait
	}
	if !set("blocking") {
		c.Settings.Blocking = base.Settings.Blocking
	}
	c.m = newMatcher(&c, cat)
	return &c
}

// rebaseAll rebases patterns (see rebase), dropping those that cannot
// match below to.
func rebaseAll(patterns []string, from, to string) []string {
	if patterns == nil {
		return nil
	}
	out := []string{}
	for _, p := range patterns {
		if q, ok := rebase(p, from, to); ok {
			out = append(out, q)
		}
	}
	return out
}

// rebase rewrites a gitignore-style pattern relative to the directory from
// into one relative to the directory to, with the same meaning below to.
// A pattern without a slash (but a trailing one) matches at any depth and
// stays as it is; an anchored one loses the leading segments that lead
// from from to to, or gains them when to lies above from. ok is false for
// a pattern that matches nothing below to.
func rebase(pattern, from, to string) (string, bool) {
	rel, err := filepath.Rel(from, to)
	if err != nil || rel == "." {
		return pattern, err == nil
	}
	negate := strings.HasPrefix(pattern, "!")
	body := strings.TrimPrefix(pattern, "!")
	trimmed := strings.TrimSuffix(body, "/")
	if !strings.Contains(trimmed, "/") {
		return pattern, true
	}
	body = strings.TrimPrefix(strings.TrimPrefix(body, "./"), "/")
	rel = filepath.ToSlash(rel)
	var out string
	if rel == ".." || strings.HasPrefix(rel, "../") {
		// to lies beside or above from: from is reached through to only
		// when it lies below it.
		down, err := filepath.Rel(to, from)
		if err != nil || strings.HasPrefix(down, "..") {
			return "", false
		}
		out = filepath.ToSlash(down) + "/" + body
	} else {
		segs := strings.Split(body, "/")
		for _, dir := range strings.Split(rel, "/") {
			if len(segs) == 0 || segs[0] == "" {
				return "", false // the pattern names a directory above to
			}
			if segs[0] == "**" {
				break
			}
			if ok, _ := path.Match(segs[0], dir); !ok {
				return "", false
			}
			segs = segs[1:]
		}
		if len(segs) == 0 || len(segs) == 1 && segs[0] == "" {
			return "", false
		}
		out = strings.Join(segs, "/")
	}
	out = "/" + out
	if negate {
		out = "!" + out
	}
	return out, true
}
