package main

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"

	"github.com/asynclint/asynclint/analysis/config"
	"github.com/asynclint/asynclint/analysis/discover"
	"github.com/asynclint/asynclint/analysis/engine"
	"github.com/asynclint/asynclint/analysis/report"
	"github.com/asynclint/asynclint/version"
)

// cacheDirEnv names the cache directory when --cache-dir does not.
const cacheDirEnv = "ASYNCLINT_CACHE_DIR"

// A checker runs asynclint check: it groups the paths by project, runs
// each project, and reports.
type checker struct {
	f        *checkFlags
	paths    []string
	stdin    io.Reader // for - or --stdin-filename; nil otherwise
	stdout   io.Writer
	stderr   io.Writer
	out      io.Writer // where the report goes: stdout, or --output-file
	color    bool      // of out
	resolver *config.Resolver
	cwd      string
}

func runCheck(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	f, paths, code, ok := parseCheckFlags(args, stdout, stderr)
	if !ok {
		return code
	}
	c := &checker{f: f, stdout: stdout, stderr: stderr, out: stdout}
	if err := c.setUp(paths, stdin); err != nil {
		fmt.Fprintf(stderr, "asynclint: %v\n", err)
		return exitUsage
	}
	if f.outputFile != "" {
		file, err := createOutput(f.outputFile)
		if err != nil {
			fmt.Fprintf(stderr, "asynclint: %v\n", err)
			return exitUsage
		}
		defer file.Close()
		c.out = file
	}
	c.color = c.colorOf(c.out)
	switch {
	case f.showSettings != "":
		return c.showSettings(f.showSettings)
	case f.showFiles:
		return c.showFiles()
	case f.watch:
		ctx, stop := watchContext()
		defer stop()
		return c.watch(ctx)
	}
	return c.check()
}

// watchContext returns the context that ends --watch: an interrupt.
var watchContext = func() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt)
}

// setUp checks the flags against each other and loads what every run
// needs.
func (c *checker) setUp(paths []string, stdin io.Reader) error {
	f := c.f
	if f.format == "full" {
		f.format = "text" // ruff's name for it
	}
	if !slices.Contains(report.Formats, f.format) {
		return fmt.Errorf("unknown output format %q (choose from %s)", f.format, strings.Join(report.Formats, ", "))
	}
	if !slices.Contains([]string{"auto", "always", "never"}, f.color) {
		return fmt.Errorf("--color: expected auto, always or never, got %q", f.color)
	}
	f.fix = f.fix || f.fixOnly
	switch {
	case f.addNoqa && (f.fix || f.diff):
		return errors.New("--add-noqa cannot be used with --fix, --fix-only or --diff")
	case f.watch && (f.stdinFilename != "" || slices.Contains(paths, "-")):
		return errors.New("--watch cannot check standard input")
	}
	if f.stdinFilename != "" || slices.Contains(paths, "-") {
		if len(paths) > 1 || len(paths) == 1 && paths[0] != "-" {
			return errors.New("standard input is checked alone: give no other path with - or --stdin-filename")
		}
		if f.addNoqa {
			return errors.New("--add-noqa cannot change standard input")
		}
		c.stdin, paths = stdin, nil
	}
	if len(paths) == 0 && c.stdin == nil {
		paths = []string{"."}
	}
	c.paths = paths
	var err error
	if c.cwd, err = os.Getwd(); err != nil {
		return err
	}
	over := config.Overrides{
		ExtendSelect: f.extendSelect, Ignore: f.ignore, TargetVersion: f.targetVersion,
		TopLevelAwait: f.topLevelAwait, ExtendExclude: f.extendExclude, Dir: c.cwd,
	}
	if f.set["select"] {
		over.Select = slices.Clone(f.sel)
	}
	if f.set["exclude"] {
		over.Exclude = slices.Clone(f.exclude)
	}
	c.resolver, err = config.NewResolver(suite.Catalog(), over, f.configPath)
	return err
}

// createOutput creates the file --output-file names, and its directory.
func createOutput(path string) (*os.File, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	return os.Create(path)
}

// colorOf reports whether output to w is coloured.
func (c *checker) colorOf(w io.Writer) bool {
	switch c.f.color {
	case "always":
		return true
	case "never":
		return false
	}
	return os.Getenv("NO_COLOR") == "" && isTerminal(w)
}

// projectPaths are the paths of one project, checked by one run.
type projectPaths struct {
	root  string // its directory; "" for paths outside any project
	paths []string
}

// projects groups the paths by the project they belong to, so that each
// file is checked with the rest of its project, whatever else is named.
func (c *checker) projects() []projectPaths {
	if c.stdin != nil {
		name := cmp.Or(c.f.stdinFilename, "-")
		at := name
		if name == "-" {
			at = "."
		}
		return []projectPaths{{root: c.root(at), paths: []string{name}}}
	}
	var out []projectPaths
	for _, p := range c.paths {
		root := c.root(p)
		i := slices.IndexFunc(out, func(pr projectPaths) bool { return pr.root == root })
		if i < 0 {
			i = len(out)
			out = append(out, projectPaths{root: root})
		}
		out[i].paths = append(out[i].paths, p)
	}
	slices.SortFunc(out, func(a, b projectPaths) int { return strings.Compare(a.root, b.root) })
	return out
}

// root returns the root of the project of the file or directory at path:
// the project of the working directory when it holds the path, as a run
// over the working directory would check it, or else the path's own. A
// project nested in another, such as a package of a repository with a
// pyproject.toml of its own, is part of the outer one when the command
// runs there, as pre-commit runs hooks at the top of the repository.
func (c *checker) root(path string) string {
	root := c.resolver.Root(path)
	if here := c.resolver.Root(c.cwd); here != "" && root != "" && within(root, here) {
		return here
	}
	return root
}

// within reports whether path is dir or lies below it.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// options returns the options of the run over one project.
func (c *checker) options(p projectPaths) engine.Options {
	f := c.f
	opts := engine.Options{
		ProjectOptions: engine.ProjectOptions{
			Paths:   p.paths,
			Configs: c.resolver,
			Suite:   suite,
			Workers: f.workers,
			Cache:   !f.noCache,
		},
		Fix:         f.fix,
		UnsafeFixes: f.unsafeFixes,
		Diff:        f.diff,
	}
	if p.root != "" {
		opts.Root = c.relative(p.root)
		opts.Config = c.resolver.Dir(p.root)
	} else {
		at := p.paths[0]
		if info, err := os.Stat(at); err != nil || !info.IsDir() {
			at = filepath.Dir(at)
		}
		opts.Config = c.resolver.Dir(at)
	}
	if dir := cmp.Or(f.cacheDir, os.Getenv(cacheDirEnv)); dir != "" {
		// One directory for the caches of several projects: one each.
		key := sha256.Sum256([]byte(cmp.Or(p.root, opts.Config.Root)))
		opts.CacheDir = filepath.Join(dir, hex.EncodeToString(key[:8]))
	}
	if c.stdin != nil {
		opts.Stdin, opts.StdinFilename, opts.Output = c.stdin, f.stdinFilename, c.stdout
	}
	if isTerminal(c.stderr) && !f.quiet && !f.silent {
		opts.Progress = c.stderr
	}
	return opts
}

// relative spells a directory relative to the working directory, as the
// paths of findings are.
func (c *checker) relative(dir string) string {
	if rel, err := filepath.Rel(c.cwd, dir); err == nil {
		return rel
	}
	return dir
}

// run checks every project and returns their findings together.
func (c *checker) run() (*engine.Result, error) {
	total := &engine.Result{}
	for _, p := range c.projects() {
		res, err := engine.Run(c.options(p))
		if err != nil {
			return nil, err
		}
		total.Findings = append(total.Findings, res.Findings...)
		total.FixesApplied += res.FixesApplied
		total.Diff += res.Diff
		total.Files += res.Files
		total.Parsed += res.Parsed
		total.Bytes += res.Bytes
		total.Empty = append(total.Empty, res.Empty...)
	}
	slices.SortStableFunc(total.Findings, func(a, b report.Finding) int {
		return cmp.Or(strings.Compare(a.Path, b.Path), a.Cell-b.Cell, a.Start.Line-b.Start.Line,
			a.Start.Column-b.Start.Column, strings.Compare(a.Code, b.Code))
	})
	return total, nil
}

// check runs once and reports; it returns the exit status.
func (c *checker) check() int {
	c.warnExcluded()
	res, err := c.run()
	if err != nil {
		fmt.Fprintf(c.stderr, "asynclint: %v\n", err)
		return exitUsage
	}
	for _, p := range res.Empty {
		c.warn("No Python files found under %s", p)
	}
	if c.f.addNoqa {
		return c.addNoqa(res.Findings)
	}
	return c.report(res)
}

// report prints the result of a run and returns the exit status.
func (c *checker) report(res *engine.Result) int {
	f := c.f
	out := c.out
	if c.stdin != nil && f.fix && !f.diff && f.outputFile == "" {
		out = c.stderr // the fixed source goes to standard output
	}
	fixed := f.exitNonZeroOnFix && res.FixesApplied > 0
	if f.diff {
		if !f.silent {
			io.WriteString(out, res.Diff)
		}
		if res.FixesApplied > 0 {
			c.note("Would fix %s.", report.Count(res.FixesApplied, "finding", "findings"))
			return exitFindings
		}
		return exitClean
	}
	findings := res.Findings
	if f.fixOnly {
		findings = nil
	}
	if !f.silent {
		opts := report.Options{
			Format:       f.format,
			Color:        c.color,
			ShowSource:   !f.noShowSource,
			Rules:        ruleInfos(),
			ToolVersion:  version.Version,
			FixesApplied: res.FixesApplied,
			UnsafeFixes:  f.unsafeFixes,
			Quiet:        f.quiet,
		}
		var err error
		switch {
		case f.statistics:
			err = report.WriteStatistics(out, findings, opts)
		case f.fixOnly && (f.format == "text" || f.format == "concise"):
			if res.FixesApplied > 0 && !f.quiet {
				_, err = fmt.Fprintf(out, "Fixed %s.\n", report.Count(res.FixesApplied, "finding", "findings"))
			}
		default:
			err = report.Write(out, findings, opts)
		}
		if err != nil {
			fmt.Fprintf(c.stderr, "asynclint: %v\n", err)
			return exitUsage
		}
	}
	if len(findings) > 0 && !f.exitZero || fixed {
		return exitFindings
	}
	return exitClean
}

// warnExcluded warns about each file named on the command line that the
// configuration excludes: it is not checked.
func (c *checker) warnExcluded() {
	for _, p := range c.paths {
		if info, err := os.Stat(p); err != nil || info.IsDir() {
			continue
		}
		cfg := c.resolver.For(p)
		if (discover.Options{Exclude: cfg.Exclude, ExcludeRoot: cfg.Root}).Excluded(p) {
			c.warn("%s is excluded by `exclude` in %s; skipped", p, c.origin(cfg.Origins["exclude"]))
		}
	}
}

// origin spells where a setting came from: a flag, or a file relative to
// the working directory.
func (c *checker) origin(o string) string {
	if o == "" {
		return "the defaults"
	}
	if filepath.IsAbs(o) {
		file, rest, _ := strings.Cut(o, " ")
		if rel, err := filepath.Rel(c.cwd, file); err == nil {
			return strings.TrimSpace(rel + " " + rest)
		}
	}
	return o
}

// warn prints a warning to standard error, unless --quiet or --silent.
func (c *checker) warn(format string, args ...any) {
	if c.f.quiet || c.f.silent {
		return
	}
	label := "warning:"
	if c.colorOf(c.stderr) {
		label = "\x1b[1;33mwarning:\x1b[0m"
	}
	fmt.Fprintf(c.stderr, "%s %s\n", label, fmt.Sprintf(format, args...))
}

// note prints a line about the run to standard error, unless --quiet or
// --silent.
func (c *checker) note(format string, args ...any) {
	if !c.f.quiet && !c.f.silent {
		fmt.Fprintf(c.stderr, format+"\n", args...)
	}
}

// showFiles lists the files a run would check.
func (c *checker) showFiles() int {
	var files []string
	for _, p := range c.projects() {
		list, err := engine.Files(c.options(p))
		if err != nil {
			fmt.Fprintf(c.stderr, "asynclint: %v\n", err)
			return exitUsage
		}
		files = append(files, list.Files...)
		for _, err := range list.Errors {
			c.warn("%v", err)
		}
		for _, e := range list.Empty {
			c.warn("No Python files found under %s", e)
		}
	}
	slices.Sort(files)
	for _, f := range slices.Compact(files) {
		fmt.Fprintln(c.out, f)
	}
	return exitClean
}

func ruleInfos() []report.RuleInfo {
	var infos []report.RuleInfo
	for _, r := range suite.Rules {
		infos = append(infos, report.RuleInfo{Code: r.Code, Name: r.Name, Summary: r.Summary, Severity: r.Severity.String()})
	}
	return infos
}

// isTerminal reports whether w is a terminal that can redraw a line.
func isTerminal(w io.Writer) bool {
	file, ok := w.(*os.File)
	if !ok || os.Getenv("TERM") == "dumb" {
		return false
	}
	info, err := file.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
