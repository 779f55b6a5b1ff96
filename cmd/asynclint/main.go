// Command asynclint finds async-Python misuse: code Python rejects, blocking
// calls on the event loop, coroutines that never run, lost tasks.
//
// Usage:
//
//	asynclint check [flags] [PATH...]
//	asynclint rule CODE
//	asynclint rules [--format json]
//	asynclint version
package main

import (
	"fmt"
	"io"
	"os"
	"runtime/debug"

	"github.com/asynclint/asynclint/rules"
	"github.com/asynclint/asynclint/version"
)

// suite is the rules asynclint runs.
var suite = rules.Suite()

// Exit statuses.
const (
	exitClean    = 0 // no findings
	exitFindings = 1 // findings (or, with --diff, changes to show)
	exitUsage    = 2 // bad command line or configuration
)

const usage = `asynclint: find async-Python misuse

Usage:
  asynclint check [flags] [PATH...]   check files and directories (default: .)
  asynclint rule CODE                 explain a rule
  asynclint rules [--format json]     list the rules
  asynclint version                   print the version

Run "asynclint check --help" for the flags of check.
`

// memoryLimit is the soft limit of the Go heap, unless GOMEMLIMIT says
// otherwise: the GC works harder near it rather than letting a large
// project's garbage double the footprint.
const memoryLimit = 344 << 20

// gcPercent lets the heap grow further between collections than Go's
// default, unless GOGC says otherwise: below the memory limit, a run's
// garbage is short-lived and fewer collections cost less CPU.
const gcPercent = 200

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "check":
		return runCheck(args[1:], stdin, stdout, stderr)
	case "rule":
		return runRule(args[1:], stdout, stderr)
	case "rules":
		return runRules(args[1:], stdout, stderr)
	case "version", "--version", "-V":
		fmt.Fprintln(stdout, "asynclint", version.Version)
		return exitClean
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return exitClean
	}
	fmt.Fprintf(stderr, "asynclint: unknown command %q\nRun \"asynclint help\" for the commands.\n", args[0])
	return exitUsage
}
