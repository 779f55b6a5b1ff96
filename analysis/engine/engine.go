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
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/asynclint/asynclint/analysis/cache"
	"github.com/asynclint/asynclint/analysis/report"
	"github.com/asynclint/asynclint/version"
)

// Options configure a batch run: the project, and what to do with what
// its checks find.
type Options struct {
	ProjectOptions
	// Fix applies safe fixes (and unsafe ones with UnsafeFixes). With Diff,
	// nothing is written: Result.Diff shows what would change.
	Fix, UnsafeFixes, Diff bool
	// Stdin, when set, is checked instead of Paths, as file StdinFilename
	// of the project. Fixed source is written to Output instead of the
	// file; with Fix, Output receives the source, fixed or not.
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
	Diff         string   // unified diff of the fixes, with Options.Diff
	Files        int      // number of files checked
	Parsed       int      // number of files parsed (the rest came from the cache or needed no tree)
	Bytes        int64    // total size of the files checked
	Empty        []string // the paths under which no file to check was found
}

// Run checks the files named by opts.
func Run(opts Options) (*Result, error) {
	opts.ProjectOptions = opts.ProjectOptions.withDefaults()
	var given []byte
	if opts.Stdin != nil {
		// Outside a project, standard input is a project of its own, whose
		// cache would replace that of the directory.
		opts.Cache = opts.Cache && opts.Root != ""
		var err error
		if given, err = readStdin(opts); err != nil {
			return nil, err
		}
	}
	opened := make(chan *cache.Cache, 1)
	go func() { opened <- openCache(opts.ProjectOptions) }() // decoding the cache overlaps the walk
	w := opts.walk()
	if err := opts.configError(); err != nil {
		<-opened
		return nil, err
	}
	b := newBatch(opts, newLoader(opts.ProjectOptions, w.files, <-opened))
	b.limit(w)
	for _, err := range w.errs {
		b.notes = append(b.notes, fileNote(pathOf(err), "io-error", describe(err)))
	}
	defer b.progress.stop()
	b.load()
	if opts.Stdin != nil {
		b.overlay(given)
	}
	if opts.Fix || opts.Diff {
		b.forgetFindings()
	} else if opts.Stdin == nil && b.unchanged() {
		b.reuse()
		return b.result(w), nil
	}
	if b.checked != nil {
		b.summarizeChecked()
	} else {
		b.summarize()
	}
	b.index = b.buildIndex()
	b.check()
	if b.cache != nil {
		b.store()
	}
	res := b.result(w)
	if opts.Stdin != nil && opts.Fix && !opts.Diff && opts.Output != nil {
		out := given
		if b.stdinFixed != nil {
			out = b.stdinFixed
		}
		if _, err := opts.Output.Write(out); err != nil {
			return nil, err
		}
	}
	return res, nil
}

// openCache opens the cache of a project, or returns nil without one.
func openCache(opts ProjectOptions) *cache.Cache {
	if !opts.Cache {
		return nil
	}
	program, stamp := executable()
	return cache.OpenDir(opts.cacheDir(), program, version.Version+" "+stamp)
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
