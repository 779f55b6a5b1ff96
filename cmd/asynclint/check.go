package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/asynclint/asynclint/analysis/config"
	"github.com/asynclint/asynclint/analysis/engine"
	"github.com/asynclint/asynclint/analysis/report"
	"github.com/asynclint/asynclint/version"
)

// listFlag collects comma-separated values from repeated flags.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(v string) error {
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			*l = append(*l, s)
		}
	}
	return nil
}

type checkFlags struct {
	format, stdinFilename, targetVersion, configPath string
	sel, extendSelect, ignore                        listFlag
	selectSet                                        bool
	fix, unsafeFixes, diff, statistics, exitZero     bool
	noShowSource, topLevelAwait, noCache             bool
	workers                                          int
}

func newCheckFlagSet(stderr io.Writer, f *checkFlags) *flag.FlagSet {
	fs := flag.NewFlagSet("asynclint check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&f.format, "format", "text", "output format: "+strings.Join(report.Formats, ", "))
	fs.Var(&f.sel, "select", "rule codes or prefixes to enable, replacing the configuration's (comma-separated)")
	fs.Var(&f.extendSelect, "extend-select", "rule codes or prefixes to enable in addition")
	fs.Var(&f.ignore, "ignore", "rule codes or prefixes to disable")
	fs.BoolVar(&f.fix, "fix", false, "apply safe fixes")
	fs.BoolVar(&f.unsafeFixes, "unsafe-fixes", false, "also apply unsafe fixes (with --fix or --diff)")
	fs.BoolVar(&f.diff, "diff", false, "show the changes fixes would make; write nothing")
	fs.StringVar(&f.stdinFilename, "stdin-filename", "", "read the source from standard input, as this file")
	fs.BoolVar(&f.statistics, "statistics", false, "print the number of findings per rule instead of the findings")
	fs.StringVar(&f.targetVersion, "target-version", "", "oldest Python version to support, such as py311")
	fs.StringVar(&f.configPath, "config", "", "configuration file to use instead of searching for one")
	fs.BoolVar(&f.exitZero, "exit-zero", false, "exit with status 0 even when there are findings")
	fs.BoolVar(&f.noShowSource, "no-show-source", false, "text format: do not show the source line of each finding")
	fs.BoolVar(&f.topLevelAwait, "allow-top-level-await", false, "allow await at module level (notebook-style code)")
	fs.IntVar(&f.workers, "workers", 0, "files checked at once (default: one per CPU)")
	fs.BoolVar(&f.noCache, "no-cache", false, "do not read or write the cache in .asynclint_cache")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: asynclint check [flags] [PATH...]\n\nFlags:\n")
		fs.PrintDefaults()
	}
	return fs
}

// parseInterspersed parses flags that may come before, between or after
// paths, as users type "asynclint check src --fix".
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var paths []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return paths, nil
		}
		if args[0] == "--" {
			return append(paths, args[1:]...), nil
		}
		paths = append(paths, args[0])
		args = args[1:]
	}
}

func runCheck(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	var f checkFlags
	fs := newCheckFlagSet(stderr, &f)
	paths, err := parseInterspersed(fs, args)
	if err == flag.ErrHelp {
		return exitClean
	} else if err != nil {
		return exitUsage
	}
	fs.Visit(func(fl *flag.Flag) { f.selectSet = f.selectSet || fl.Name == "select" })
	if !validFormat(f.format) {
		fmt.Fprintf(stderr, "asynclint: unknown format %q (choose from %s)\n", f.format, strings.Join(report.Formats, ", "))
		return exitUsage
	}
	if len(paths) == 0 {
		paths = []string{"."}
	}
	cfg, err := loadConfig(&f, paths)
	if err != nil {
		fmt.Fprintf(stderr, "asynclint: %v\n", err)
		return exitUsage
	}
	opts := engine.Options{
		ProjectOptions: engine.ProjectOptions{
			Paths:   paths,
			Config:  cfg,
			Suite:   suite,
			Workers: f.workers,
			Cache:   !f.noCache,
		},
		Fix:         f.fix,
		UnsafeFixes: f.unsafeFixes,
		Diff:        f.diff,
	}
	if isTerminal(stderr) {
		opts.Progress = stderr
	}
	if f.stdinFilename != "" {
		opts.Stdin, opts.StdinFilename, opts.Output = stdin, f.stdinFilename, stdout
	}
	res, err := engine.Run(opts)
	if err != nil {
		fmt.Fprintf(stderr, "asynclint: %v\n", err)
		return exitUsage
	}
	return printResult(res, &f, stdout, stderr)
}

func validFormat(name string) bool {
	for _, f := range report.Formats {
		if f == name {
			return true
		}
	}
	return false
}

// loadConfig finds the configuration for the first path (or the given
// file) and applies the command line on top.
func loadConfig(f *checkFlags, paths []string) (*config.Config, error) {
	known := suite.Codes()
	var cfg *config.Config
	var err error
	if f.configPath != "" {
		cfg, err = config.Load(f.configPath, known)
	} else {
		start := paths[0]
		if f.stdinFilename != "" {
			start = f.stdinFilename
		}
		cfg, err = config.Find(configDir(start), known)
	}
	if err != nil {
		return nil, err
	}
	var sel []string
	if f.selectSet {
		sel = append([]string{}, f.sel...)
	}
	if err := cfg.Override(sel, f.extendSelect, f.ignore, f.targetVersion, known); err != nil {
		return nil, err
	}
	if f.topLevelAwait {
		cfg.Settings.TopLevelAwait = true
	}
	return cfg, nil
}

// configDir returns the directory to search for configuration from.
func configDir(path string) string {
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		return path
	}
	return filepath.Dir(path)
}

func printResult(res *engine.Result, f *checkFlags, stdout, stderr io.Writer) int {
	if f.stdinFilename != "" && f.fix && !f.diff {
		// The fixed source went to stdout; findings go to stderr.
		stdout = stderr
	}
	if f.diff {
		io.WriteString(stdout, res.Diff)
		if res.FixesApplied > 0 {
			fmt.Fprintf(stderr, "Would fix %d %s.\n", res.FixesApplied, plural(res.FixesApplied, "error", "errors"))
			return exitFindings
		}
		return exitClean
	}
	opts := report.Options{
		Format:       f.format,
		Color:        colorEnabled(stdout),
		ShowSource:   !f.noShowSource,
		Rules:        ruleInfos(),
		ToolVersion:  version.Version,
		FixesApplied: res.FixesApplied,
	}
	var err error
	if f.statistics {
		err = report.WriteStatistics(stdout, res.Findings, opts)
	} else {
		err = report.Write(stdout, res.Findings, opts)
	}
	if err != nil {
		fmt.Fprintf(stderr, "asynclint: %v\n", err)
		return exitUsage
	}
	if len(res.Findings) > 0 && !f.exitZero {
		return exitFindings
	}
	return exitClean
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func ruleInfos() []report.RuleInfo {
	var infos []report.RuleInfo
	for _, r := range suite.Rules {
		infos = append(infos, report.RuleInfo{Code: r.Code, Name: r.Name, Summary: r.Summary, Severity: r.Severity.String()})
	}
	return infos
}

// colorEnabled reports whether w is a terminal that wants colour.
func colorEnabled(w io.Writer) bool {
	return os.Getenv("NO_COLOR") == "" && isTerminal(w)
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
