package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/asynclint/asynclint/analysis/report"
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

// checkFlags are the flags of asynclint check.
type checkFlags struct {
	format, outputFile, color                string
	stdinFilename, targetVersion, configPath string
	cacheDir, showSettings                   string
	sel, extendSelect, ignore                listFlag
	exclude, extendExclude                   listFlag
	fix, unsafeFixes, diff, fixOnly, addNoqa bool
	statistics, showFiles, watch             bool
	exitZero, exitNonZeroOnFix               bool
	noShowSource, topLevelAwait, noCache     bool
	quiet, silent                            bool
	workers                                  int
	set                                      map[string]bool // the flags given
}

// A flagGroup is a heading of check's help and the flags under it.
type flagGroup struct {
	title string
	names []string
}

// checkHelp groups the flags as ruff's help does.
var checkHelp = []flagGroup{
	{"Options", []string{"fix", "unsafe-fixes", "diff", "watch", "fix-only", "add-noqa", "output-format", "output-file",
		"statistics", "show-files", "show-settings", "no-show-source", "color", "help"}},
	{"Rule selection", []string{"select", "extend-select", "ignore"}},
	{"Configuration", []string{"config", "target-version", "allow-top-level-await"}},
	{"File selection", []string{"exclude", "extend-exclude"}},
	{"Miscellaneous", []string{"no-cache", "cache-dir", "stdin-filename", "exit-zero", "exit-non-zero-on-fix", "workers"}},
	{"Log levels", []string{"quiet", "silent"}},
}

// shortNames are the one-letter spellings of flags, as ruff has them.
var shortNames = map[string]string{
	"no-cache": "n", "exit-zero": "e", "output-file": "o", "watch": "w", "quiet": "q", "silent": "s", "help": "h",
}

// placeholders name the value of the flags that take one.
var placeholders = map[string]string{
	"output-format": "FORMAT", "output-file": "FILE", "show-settings": "FILE", "color": "WHEN",
	"select": "CODES", "extend-select": "CODES", "ignore": "CODES", "config": "FILE",
	"target-version": "VERSION", "exclude": "PATTERNS", "extend-exclude": "PATTERNS",
	"cache-dir": "DIR", "stdin-filename": "PATH", "workers": "N",
}

func newCheckFlagSet(f *checkFlags) *flag.FlagSet {
	fs := flag.NewFlagSet("asynclint check", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	fs.BoolVar(&f.fix, "fix", false, "Apply safe fixes")
	fs.BoolVar(&f.unsafeFixes, "unsafe-fixes", false, "Include unsafe fixes (with --fix, --diff, or in the count of fixable findings)")
	fs.BoolVar(&f.diff, "diff", false, "Show the changes fixes would make; write nothing")
	fs.BoolVar(&f.watch, "watch", false, "Check again each time a file changes")
	fs.BoolVar(&f.fixOnly, "fix-only", false, "Apply fixes, but report nothing left over (implies --fix)")
	fs.BoolVar(&f.addNoqa, "add-noqa", false, "Add a `# noqa: CODE` comment to each line with findings")
	fs.StringVar(&f.format, "output-format", "text", "Output format: "+strings.Join(report.Formats, ", "))
	fs.StringVar(&f.format, "format", "text", "Same as --output-format")
	fs.StringVar(&f.outputFile, "output-file", "", "Write the findings to FILE instead of standard output")
	fs.BoolVar(&f.statistics, "statistics", false, "Show the number of findings of each rule instead of the findings")
	fs.BoolVar(&f.showFiles, "show-files", false, "List the files that would be checked, and exit")
	fs.StringVar(&f.showSettings, "show-settings", "", "Show the settings FILE is checked with, and where each comes from, and exit")
	fs.BoolVar(&f.noShowSource, "no-show-source", false, "Text format: do not show the source line of each finding")
	fs.StringVar(&f.color, "color", "auto", "Colour the output: auto, always or never (auto: on a terminal, unless NO_COLOR is set)")
	fs.Var(&f.sel, "select", "Rules to enable, by code or prefix, replacing the configuration's (comma-separated; other tools' codes work too)")
	fs.Var(&f.extendSelect, "extend-select", "Rules to enable in addition")
	fs.Var(&f.ignore, "ignore", "Rules to disable")
	fs.StringVar(&f.configPath, "config", "", "The configuration file for every file, instead of the nearest one")
	fs.StringVar(&f.targetVersion, "target-version", "", "The oldest Python version to support, such as py311")
	fs.BoolVar(&f.topLevelAwait, "allow-top-level-await", false, "Allow await at module level, as notebooks do")
	fs.Var(&f.exclude, "exclude", "Patterns of files to skip, replacing the configuration's exclude")
	fs.Var(&f.extendExclude, "extend-exclude", "Patterns of files to skip in addition")
	fs.BoolVar(&f.noCache, "no-cache", false, "Neither read nor write the cache")
	fs.StringVar(&f.cacheDir, "cache-dir", "", "Keep the cache in DIR (default: .asynclint_cache in the project; or ASYNCLINT_CACHE_DIR)")
	fs.StringVar(&f.stdinFilename, "stdin-filename", "", "Check standard input as the file PATH of its project")
	fs.BoolVar(&f.exitZero, "exit-zero", false, "Exit with status 0, even with findings")
	fs.BoolVar(&f.exitNonZeroOnFix, "exit-non-zero-on-fix", false, "Exit with status 1 when fixes were applied, even with no findings left")
	fs.IntVar(&f.workers, "workers", 0, "Files checked at once (default: one per CPU)")
	fs.BoolVar(&f.quiet, "quiet", false, "Print the findings, and nothing else")
	fs.BoolVar(&f.silent, "silent", false, "Print nothing; the exit status tells")
	for long, short := range shortNames {
		if fl := fs.Lookup(long); fl != nil {
			fs.Var(fl.Value, short, "")
		}
	}
	return fs
}

// parseCheckFlags parses the command line of check. It returns the paths,
// or, for --help and errors, the exit status, having printed what to.
func parseCheckFlags(args []string, stdout, stderr io.Writer) (*checkFlags, []string, int, bool) {
	f := &checkFlags{set: map[string]bool{}}
	fs := newCheckFlagSet(f)
	paths, err := parseInterspersed(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		writeCheckHelp(stdout, fs)
		return nil, nil, exitClean, false
	}
	if err != nil {
		fmt.Fprintf(stderr, "asynclint check: %s\n%s\n", flagError(err, fs), `Run "asynclint check --help" for the flags.`)
		return nil, nil, exitUsage, false
	}
	fs.Visit(func(fl *flag.Flag) {
		name := fl.Name
		for long, short := range shortNames {
			if name == short {
				name = long
			}
		}
		f.set[name] = true
	})
	return f, paths, 0, true
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

// flagError rewrites an error of package flag in one line, with the
// nearest flag for an unknown one.
func flagError(err error, fs *flag.FlagSet) string {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
		msg = "unknown flag " + dashes(name)
		if near := nearestFlag(name, fs); near != "" {
			msg += " (did you mean " + dashes(near) + "?)"
		}
		return msg
	}
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: -"); ok {
		return dashes(name) + " needs a value"
	}
	if rest, ok := strings.CutPrefix(msg, "invalid value "); ok {
		if value, name, ok := strings.Cut(rest, " for flag -"); ok {
			name, reason, _ := strings.Cut(name, ": ")
			return fmt.Sprintf("invalid value %s for %s: %s", value, dashes(name), reason)
		}
	}
	if name, ok := strings.CutPrefix(msg, "bad flag syntax: "); ok {
		return "bad flag " + name
	}
	return msg
}

// dashes spells a flag as the help does: --name, or -n for one letter.
func dashes(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// nearestFlag returns the flag whose name is closest to name, if close
// enough to be a typo of it.
func nearestFlag(name string, fs *flag.FlagSet) string {
	best, bestDist := "", 3
	fs.VisitAll(func(fl *flag.Flag) {
		if len(fl.Name) == 1 {
			return
		}
		if d := editDistance(name, fl.Name); d < bestDist || d == bestDist && best == "" && strings.HasPrefix(fl.Name, name) {
			best, bestDist = fl.Name, d
		}
	})
	return best
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

// writeCheckHelp prints the help of check, grouped as ruff's is.
func writeCheckHelp(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprint(w, `Check Python files and notebooks for async misuse

Usage: asynclint check [OPTIONS] [PATH]...

Arguments:
  [PATH]...  Files or directories to check, or - for standard input [default: .]
`)
	for _, g := range checkHelp {
		fmt.Fprintf(w, "\n%s:\n", g.title)
		for _, name := range g.names {
			spelled := "    "
			if short := shortNames[name]; short != "" {
				spelled = "-" + short + ", "
			}
			spelled += "--" + name
			if p := placeholders[name]; p != "" {
				spelled += " <" + p + ">"
			}
			usage := "Print this help"
			if fl := fs.Lookup(name); fl != nil {
				usage = fl.Usage
			}
			if name == "output-format" {
				usage += " (--format works too)"
			}
			fmt.Fprintf(w, "  %-34s %s\n", spelled, usage)
		}
	}
}
