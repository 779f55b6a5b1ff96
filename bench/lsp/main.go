// Command lsp measures asynclint's language server as an editor meets it.
// It builds asyncls (or takes the binary given), starts it on standard
// input and output in a generated project of modules of 3,000 and 20,000
// lines, initializes it as VS Code does with the extension's default
// settings, waits for the workspace to be indexed, and measures:
//
//   - the time from didOpen of each large module to its first diagnostics;
//   - the time from each didChange to the diagnostics of that version, over
//     a seeded mix of edits at the start, middle and end of the file: typing
//     a character, inserting a line, pasting a 40-line function, deleting a
//     block of definitions, and undoing the previous edit;
//   - in the burst modes, typing a line a character every 30 ms, the time
//     from the last keystroke to the diagnostics of the last version;
//   - the server's resident memory after each run.
//
// Diagnostics are pushed (textDocument/publishDiagnostics, as editors that
// do not pull get them) or pulled (textDocument/diagnostic after each
// change, as VS Code's client does). The same client can drive pyright's
// language server, and ruff's WebAssembly build times its check of the same
// texts, as anchors; bench/lsp.sh installs both.
//
// Usage:
//
//	go run ./bench/lsp [flags]
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"
)

type options struct {
	edits, bursts, burstLen int
	burstGap                time.Duration
	seed                    uint64
	sizes                   []int
	modes                   []string
	asyncls, pyright, ruff  string
	pyrightEdits, ruffCalls int
	out, dir                string
	timeout, firstTimeout   time.Duration
	pyrightTimeout          time.Duration
	indexTimeout            time.Duration
}

// A Report is the JSON output.
type Report struct {
	Date    string            `json:"date"`
	CPUs    int               `json:"cpus"`
	Seed    uint64            `json:"seed"`
	Asyncls string            `json:"asyncls"`
	Anchors map[string]string `json:"anchors"` // what ran, or why not
	Runs    []RunResult       `json:"runs"`
	Ruff    *RuffResult       `json:"ruff,omitempty"`
}

func main() {
	opts, err := parseFlags(os.Args[1:], os.Stderr)
	if err != nil {
		os.Exit(2)
	}
	if err := run(opts, os.Stdout); err != nil {
		fmt.Fprintf(os.Stderr, "bench/lsp: %v\n", err)
		os.Exit(1)
	}
}

func parseFlags(args []string, stderr io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("bench/lsp", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.IntVar(&o.edits, "edits", 200, "edits per module in the one-at-a-time modes")
	fs.IntVar(&o.bursts, "bursts", 30, "typing bursts per module in the burst modes")
	fs.IntVar(&o.burstLen, "burst-len", 20, "edits per burst: a new line, then characters typed on it")
	fs.DurationVar(&o.burstGap, "burst-gap", 30*time.Millisecond, "time between the edits of a burst")
	fs.Uint64Var(&o.seed, "seed", 1, "seed of the generated modules and of the edits")
	sizes := fs.String("sizes", "3000,20000", "lines of the large modules, comma-separated")
	modeList := fs.String("modes", strings.Join(modes, ","), "modes to run: "+strings.Join(modes, ", "))
	fs.StringVar(&o.asyncls, "asyncls", "", "asyncls binary to measure (default: go build ./cmd/asyncls)")
	fs.StringVar(&o.pyright, "pyright", "", "pyright-langserver to drive in the push mode, as an anchor (default: none)")
	fs.IntVar(&o.pyrightEdits, "pyright-edits", 20, "edits per module for pyright")
	fs.DurationVar(&o.pyrightTimeout, "pyright-timeout", 30*time.Second, "wait this long for an edit's diagnostics from pyright")
	fs.StringVar(&o.ruff, "ruff", "", "directory of bench/ruff's scripts with @astral-sh/ruff-wasm-nodejs installed, to time ruff's check of the same texts (default: none)")
	fs.IntVar(&o.ruffCalls, "ruff-calls", 30, "checks of each module timed with ruff")
	fs.StringVar(&o.out, "out", "", "write the results as JSON to this file")
	fs.StringVar(&o.dir, "dir", "", "generate the project in this directory, which must be empty or absent (default: a temporary one)")
	fs.DurationVar(&o.timeout, "timeout", 10*time.Second, "wait this long for an edit's diagnostics before counting a failure")
	fs.DurationVar(&o.firstTimeout, "first-timeout", 60*time.Second, "wait this long for a module's first diagnostics")
	fs.DurationVar(&o.indexTimeout, "index-timeout", 120*time.Second, "wait this long for the server to start and index the workspace")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	bad := func(format string, a ...any) (options, error) {
		err := fmt.Errorf(format, a...)
		fmt.Fprintf(stderr, "bench/lsp: %v\n", err)
		return o, err
	}
	if fs.NArg() > 0 {
		return bad("unexpected arguments: %s", strings.Join(fs.Args(), " "))
	}
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 100 {
			return bad("-sizes: %q is not a number of lines of at least 100", s)
		}
		o.sizes = append(o.sizes, n)
	}
	for _, m := range strings.Split(*modeList, ",") {
		m = strings.TrimSpace(m)
		if !slices.Contains(modes, m) {
			return bad("-modes: unknown mode %q (choose from %s)", m, strings.Join(modes, ", "))
		}
		o.modes = append(o.modes, m)
	}
	if o.edits < 1 || o.bursts < 1 || o.burstLen < 2 || o.pyrightEdits < 1 || o.ruffCalls < 1 {
		return bad("-edits, -bursts, -pyright-edits and -ruff-calls must be at least 1, -burst-len at least 2")
	}
	return o, nil
}

func run(opts options, stdout io.Writer) error {
	tmp, err := os.MkdirTemp("", "bench-lsp-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if opts.asyncls == "" {
		opts.asyncls = filepath.Join(tmp, "asyncls")
		fmt.Fprintln(stdout, "building asyncls")
		build := exec.Command("go", "build", "-o", opts.asyncls, "github.com/asynclint/asynclint/cmd/asyncls")
		build.Stdout, build.Stderr = os.Stderr, os.Stderr
		if err := build.Run(); err != nil {
			return fmt.Errorf("go build ./cmd/asyncls (run from the repository): %w", err)
		}
	}
	if _, err := exec.LookPath(opts.asyncls); err != nil {
		return fmt.Errorf("-asyncls: %w", err)
	}
	dir := opts.dir
	if dir == "" {
		dir = filepath.Join(tmp, "project")
	} else if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return fmt.Errorf("-dir %s: not empty", dir)
	}
	if dir, err = filepath.Abs(dir); err != nil {
		return err
	}
	mods, err := writeWorkspace(dir, opts.sizes, opts.seed)
	if err != nil {
		return fmt.Errorf("writing the project: %w", err)
	}
	rep := Report{Date: time.Now().UTC().Format(time.RFC3339), CPUs: runtime.NumCPU(), Seed: opts.seed, Asyncls: opts.asyncls, Anchors: map[string]string{}}
	fmt.Fprintf(stdout, "project %s: modules of %s lines; %d CPUs, load %.2f\n", dir, joinInts(opts.sizes), rep.CPUs, loadAverage())

	r := &runner{dir: dir, mods: mods, opts: opts, timeout: opts.timeout}
	asyncls := server{name: "asyncls", command: []string{opts.asyncls}, settings: vscodeSettings, indexes: true}
	for _, mode := range opts.modes {
		res := r.run(asyncls, mode)
		printRun(stdout, res)
		rep.Runs = append(rep.Runs, res)
	}
	rep.Anchors["pyright"] = "not run: no -pyright"
	if opts.pyright != "" {
		rep.Anchors["pyright"] = "ran " + opts.pyright
		py := server{name: "pyright", command: []string{opts.pyright, "--stdio"}, settings: func(string) any { return nil }}
		pr := &runner{dir: dir, mods: mods, opts: opts, timeout: opts.pyrightTimeout}
		pr.opts.edits = opts.pyrightEdits
		// Pyright pushes; it is driven in the one-at-a-time mode only, as
		// it takes seconds an edit.
		res := pr.run(py, "push")
		printRun(stdout, res)
		rep.Runs = append(rep.Runs, res)
		if res.Error != "" {
			rep.Anchors["pyright"] = "failed: " + res.Error
		}
	}
	rep.Anchors["ruff"] = "not run: no -ruff"
	if opts.ruff != "" {
		ruff, err := timeRuff(opts.ruff, mods, opts.ruffCalls)
		if err != nil {
			rep.Anchors["ruff"] = "failed: " + err.Error()
		} else {
			rep.Anchors["ruff"] = "ran ruff " + ruff.Version + " (wasm, node)"
			rep.Ruff = ruff
			printRuff(stdout, ruff)
		}
	}
	for _, name := range []string{"pyright", "ruff"} {
		fmt.Fprintf(stdout, "anchor %s: %s\n", name, rep.Anchors[name])
	}
	if opts.out != "" {
		data, err := json.MarshalIndent(rep, "", "  ")
		if err != nil {
			return err
		}
		if err := os.WriteFile(opts.out, append(data, '\n'), 0o644); err != nil {
			return err
		}
	}
	for _, res := range rep.Runs {
		if res.Error != "" && res.Server == "asyncls" {
			return fmt.Errorf("asyncls %s: %s", res.Mode, res.Error)
		}
	}
	return nil
}

// vscodeSettings are the settings the VS Code extension sends by default,
// in initializationOptions and for workspace/configuration; other sections
// get VS Code's answer for an unknown one.
func vscodeSettings(section string) any {
	switch section {
	case "":
		return map[string]any{"asynclint": map[string]any{"fixAll": true}}
	case "asynclint":
		return map[string]any{"fixAll": true}
	}
	return nil
}

func joinInts(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ", ")
}

// printRun prints a run's figures: per module, the first diagnostics, then
// p50/p95/p99 in ms of each kind of edit at each position.
func printRun(w io.Writer, r RunResult) {
	fmt.Fprintf(w, "\n%s, %s: ", r.Server, r.Mode)
	if r.IndexSeconds > 0 {
		fmt.Fprintf(w, "indexed in %.2f s; ", r.IndexSeconds)
	}
	fmt.Fprintf(w, "RSS %.0f MB (peak %.0f MB) after the run; load %.2f -> %.2f\n", r.RSSMB, r.PeakRSSMB, r.LoadBefore, r.LoadAfter)
	if r.Error != "" {
		fmt.Fprintf(w, "  error: %s\n", r.Error)
	}
	for _, f := range r.Files {
		fmt.Fprintf(w, "  %d lines: first diagnostics %.0f ms (%d); %d edits, %d failed; %d lines at the end",
			f.Lines, f.FirstMS, f.FirstCount, f.Edits, f.Failures, f.FinalLines)
		fmt.Fprintf(w, "; server CPU %.0f ms per edit", f.CPUPerEditMS)
		if isBurst(r.Mode) {
			fmt.Fprint(w, " (burst)")
		}
		if f.StalePublished > 0 {
			fmt.Fprintf(w, "; %d publications of versions within bursts", f.StalePublished)
		}
		fmt.Fprintln(w)
		if f.Error != "" {
			fmt.Fprintf(w, "    error: %s\n", f.Error)
			continue
		}
		fmt.Fprintf(w, "    %-12s", "p50/p95/p99")
		for _, where := range slices.Concat(positions, []string{"all"}) {
			fmt.Fprintf(w, " %14s", where)
		}
		fmt.Fprintln(w)
		kinds := editKinds
		if isBurst(r.Mode) {
			kinds = []string{"typing"}
		}
		for _, kind := range slices.Concat(kinds, []string{"all"}) {
			fmt.Fprintf(w, "    %-12s", kind)
			for _, where := range slices.Concat(positions, []string{"all"}) {
				s := f.Latency.ByKindPosition[kind+"/"+where]
				switch {
				case kind == "all" && where == "all":
					s = f.Latency.Overall
				case kind == "all":
					s = f.Latency.ByPosition[where]
				case where == "all":
					s = f.Latency.ByKind[kind]
				}
				fmt.Fprintf(w, " %14s", s)
			}
			fmt.Fprintln(w)
		}
	}
}
