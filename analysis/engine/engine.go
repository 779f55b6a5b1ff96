// Package engine runs asynclint over a project. Its loader finds the files,
// reads and byte-scans them, and summarizes the ones that can matter, with
// the modules their names lead to, for the project index. A batch run
// (Run) then checks files in parallel with one parser per worker, through
// the one per-file pipeline of package check, applying fixes and the
// cache, and turns diagnostics into findings ready to print. A Workspace
// keeps the loader and the index alive for a program that checks files as
// they are edited.
package engine

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/asynclint/asynclint/analysis/cache"
	"github.com/asynclint/asynclint/analysis/discover"
	"github.com/asynclint/asynclint/analysis/project"
	"github.com/asynclint/asynclint/analysis/report"
	"github.com/asynclint/asynclint/analysis/source"
	"github.com/asynclint/asynclint/analysis/syntax"
	"github.com/asynclint/asynclint/version"
)

// Options configure a batch run: the project, and what to do with what
// its checks find.
type Options struct {
	ProjectOptions
	// Fix applies safe fixes (and unsafe ones with UnsafeFixes). With Diff,
	// nothing is written: Result.Diff shows what would change.
	Fix, UnsafeFixes, Diff bool
	// Stdin, when set, is checked instead of Paths, as file StdinFilename.
	// Fixed source is written to Output instead of the file.
	Stdin         io.Reader
	StdinFilename string
	Output        io.Writer
	// Progress receives a progress line for runs longer than a second.
	Progress io.Writer
}

// Result is the outcome of a run.
type Result struct {
	Findings     []report.Finding
	FixesApplied int
	Diff         string // unified diff of the fixes, with Options.Diff
	Files        int    // number of files found
	Parsed       int    // number of files parsed (the rest came from the cache or needed no tree)
	Bytes        int64  // total size of the files found
}

// Run checks the files named by opts.
func Run(opts Options) (*Result, error) {
	opts.ProjectOptions = opts.ProjectOptions.withDefaults()
	if opts.Stdin != nil {
		return runStdin(opts)
	}
	opened := make(chan *cache.Cache, 1)
	go func() { opened <- batchCache(opts) }() // decoding the cache overlaps the walk
	paths, errs := discover.Walk(opts.Paths, opts.discovery())
	b := newBatch(opts, newLoader(opts.ProjectOptions, paths, <-opened))
	for _, err := range errs {
		b.notes = append(b.notes, fileNote(pathOf(err), "io-error", describe(err)))
	}
	defer b.progress.stop()
	b.load()
	if b.unchanged() {
		b.reuse()
		return b.result(), nil
	}
	b.summarize()
	b.index = b.buildIndex()
	b.check()
	if b.cache != nil {
		b.store()
	}
	return b.result(), nil
}

func runStdin(opts Options) (*Result, error) {
	sf, err := source.ReadFrom(opts.Stdin, opts.MaxFileSize)
	if sf == nil {
		return nil, fmt.Errorf("standard input: %w", err)
	}
	src := sf.Text
	name := opts.StdinFilename
	if name == "" {
		name = "-"
	}
	res := &Result{Files: 1, Bytes: int64(len(src))}
	excluded := name != "-" && (discover.Options{Exclude: opts.Config.Exclude, ExcludeRoot: opts.Config.Root}).Excluded(name)
	b := newBatch(opts, newLoader(opts.ProjectOptions, nil, nil))
	p := syntax.NewParser()
	defer p.Close()
	o := &outcome{}
	if !excluded {
		o = b.checkAlone(p, name, src)
		res.Parsed = 1
	}
	if opts.Fix && !opts.Diff && opts.Output != nil {
		fixed := src
		if o.fixed != nil {
			fixed = o.fixed
		}
		out, err := sf.Encode(fixed)
		if err != nil {
			return nil, fmt.Errorf("standard input: %w", err)
		}
		if _, err := opts.Output.Write(out); err != nil {
			return nil, err
		}
	}
	res.Findings, res.FixesApplied, res.Diff = o.findings, o.fixes, o.diff
	sortFindings(res.Findings)
	return res, nil
}

// checkAlone checks a source that is its own project, as standard input is.
func (b *batch) checkAlone(p *syntax.Parser, path string, src []byte) *outcome {
	tree, err := parse(p, src)
	if err != nil {
		return &outcome{findings: []report.Finding{fileNote(path, "skipped", err.Error())}}
	}
	var view *project.View
	if b.opts.Suite.Summarize != nil {
		s, _ := b.summarizeTree(tree, path, "", false)
		view = project.NewIndex([]*project.Summary{s}, project.Options{Allowed: b.opts.Config.Settings.Blocking.Allowed}).For(s)
	}
	return b.checkTree(p, path, tree, view)
}

// batchCache opens the cache of a batch run, or returns nil without one.
func batchCache(opts Options) *cache.Cache {
	if opts.Fix || opts.Diff {
		return nil
	}
	return openCache(opts.ProjectOptions)
}

// openCache opens the cache of a project, or returns nil without one.
func openCache(opts ProjectOptions) *cache.Cache {
	if !opts.Cache {
		return nil
	}
	program, stamp := executable()
	return cache.Open(opts.Config.Root, program, version.Version+" "+stamp)
}

// executable returns the name of the running binary and a hash of its
// content, so that any other build, whose rules may differ, starts a new
// cache even when it has the same version, size and time.
func executable() (name, stamp string) {
	exe, err := os.Executable()
	if err != nil {
		return "asynclint", ""
	}
	name = strings.TrimSuffix(filepath.Base(exe), ".exe")
	f, err := os.Open(exe)
	if err != nil {
		return name, ""
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return name, ""
	}
	return name, hex.EncodeToString(h.Sum(nil))
}
