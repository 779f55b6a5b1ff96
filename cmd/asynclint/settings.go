package main

import (
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/asynclint/asynclint/analysis/config"
)

// showSettings prints the settings the file at path is checked with, as
// TOML, each with where it came from.
func (c *checker) showSettings(path string) int {
	if _, err := os.Stat(path); err != nil {
		fmt.Fprintf(c.stderr, "asynclint: --show-settings: %v\n", err)
		return exitUsage
	}
	cfg := c.resolver.For(path)
	if err := c.resolver.Err(); err != nil {
		fmt.Fprintf(c.stderr, "asynclint: %v\n", err)
		return exitUsage
	}
	w := c.out
	fmt.Fprintf(w, "# Settings for %s\n", path)
	fmt.Fprintf(w, "# configuration file: %s\n", c.origin(cfg.Path))
	for _, ext := range cfg.Extends {
		fmt.Fprintf(w, "# extends: %s\n", c.origin(ext))
	}
	root := c.resolver.Root(path)
	if root == "" {
		fmt.Fprintf(w, "# project: none; the file is checked on its own\n")
	} else {
		fmt.Fprintf(w, "# project root: %s\n", c.relative(root))
	}

	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	line := func(key, value, origin string) {
		fmt.Fprintf(tw, "%s = %s\t# %s\n", key, value, origin)
	}
	from := func(key string) string { return c.origin(cfg.Origins[key]) }
	fmt.Fprintln(tw)
	// Rule selection goes from the farthest file extended to the nearest,
	// the command line's flags last.
	sels := cfg.Selections()
	for i, sel := range sels {
		nearest := i == len(sels)-1
		for _, key := range []struct {
			name  string
			value []string
		}{{"select", sel.Select}, {"extend-select", sel.ExtendSelect}, {"ignore", sel.Ignore}} {
			if key.value == nil {
				continue
			}
			origin := c.origin(sel.From)
			if nearest {
				origin = from(key.name)
			}
			line(key.name, list(key.value), origin)
		}
	}
	if !slices.ContainsFunc(sels, func(s config.Selection) bool { return s.Select != nil }) {
		fmt.Fprintf(tw, "# select unset\t# the rules on by default\n")
	}
	line("exclude", list(cfg.Exclude), from("exclude"))
	include := cfg.Include
	if include == nil {
		include = config.DefaultInclude
	}
	line("include", list(include), from("include"))
	line("target-version", strconv.Quote(cfg.Settings.TargetVersion.String()), from("target-version"))
	line("allow-top-level-await", strconv.FormatBool(cfg.Settings.TopLevelAwait), topLevelAwaitOrigin(path, cfg, from))
	tw.Flush()

	if len(cfg.PerFileIgnores) > 0 {
		fmt.Fprintf(w, "\n[per-file-ignores]  # %s\n", from("per-file-ignores"))
		for _, pfi := range cfg.PerFileIgnores {
			fmt.Fprintf(w, "%s = %s\n", strconv.Quote(pfi.Pattern), list(pfi.Codes))
		}
	}
	if b := cfg.Settings.Blocking; len(b.Calls) > 0 || len(b.Allow) > 0 {
		fmt.Fprintf(w, "\n[blocking]  # %s\n", from("blocking"))
		if b.Allow != nil {
			fmt.Fprintf(w, "allow = %s\n", list(b.Allow))
		}
		for _, name := range slices.Sorted(maps.Keys(b.Calls)) {
			fmt.Fprintf(w, "%s = %s\n", strconv.Quote(name), strconv.Quote(b.Calls[name]))
		}
	}
	writeEnabled(w, path, cfg)
	return exitClean
}

// topLevelAwaitOrigin says why top-level await is allowed or not.
func topLevelAwaitOrigin(path string, cfg *config.Config, from func(string) string) string {
	if config.IsNotebook(path) {
		return "a notebook"
	}
	return from("allow-top-level-await")
}

// writeEnabled lists the rules enabled for the file.
func writeEnabled(w io.Writer, path string, cfg *config.Config) {
	fmt.Fprintf(w, "\n# Rules enabled for %s:\n", path)
	for _, r := range suite.Enabled(cfg, path) {
		fmt.Fprintf(w, "#   %s %s\n", r.Code, r.Name)
	}
}

// list spells strings as a TOML list.
func list(items []string) string {
	quoted := make([]string, len(items))
	for i, s := range items {
		quoted[i] = strconv.Quote(s)
	}
	return "[" + strings.Join(quoted, ", ") + "]"
}
