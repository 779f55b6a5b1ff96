package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/asynclint/asynclint/analysis"
)

func runRule(args []string, stdout, stderr io.Writer) int {
	if len(args) != 1 {
		fmt.Fprintln(stderr, "usage: asynclint rule CODE")
		return exitUsage
	}
	r := suite.Lookup(args[0])
	if r == nil {
		fmt.Fprintf(stderr, "asynclint: no rule %q; \"asynclint rules\" lists them\n", args[0])
		return exitUsage
	}
	io.WriteString(stdout, r.Page())
	return exitClean
}

type ruleJSON struct {
	Code    string   `json:"code"`
	Name    string   `json:"name"`
	Family  string   `json:"family"`
	Summary string   `json:"summary"`
	Fix     string   `json:"fix"`
	Default bool     `json:"default"`
	SameAs  []string `json:"same_as"`
}

func runRules(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("asynclint rules", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	format := fs.String("output-format", "text", "output format: text or json")
	fs.StringVar(format, "format", "text", "same as --output-format")
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			fmt.Fprintln(stdout, "Usage: asynclint rules [--output-format text|json]")
			return exitClean
		}
		fmt.Fprintf(stderr, "asynclint rules: %s\nRun \"asynclint rules --help\" for the flags.\n", flagError(err, fs))
		return exitUsage
	}
	rules := suite.Rules
	switch *format {
	case "json":
		list := make([]ruleJSON, 0, len(rules))
		for _, r := range rules {
			list = append(list, ruleJSON{r.Code, r.Name, r.Family(), r.Summary, r.FixKind.String(), r.Default, append([]string{}, r.SameAs...)})
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(list); err != nil {
			return exitUsage
		}
	case "text":
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		for _, r := range rules {
			fix := ""
			if r.FixKind != analysis.FixNone {
				fix = "fix: " + r.FixKind.String()
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.Code, r.Name, r.Summary, fix)
		}
		tw.Flush()
	default:
		fmt.Fprintf(stderr, "asynclint: unknown format %q (text or json)\n", *format)
		return exitUsage
	}
	return exitClean
}
