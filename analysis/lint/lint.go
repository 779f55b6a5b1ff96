// Package lint runs asynclint over a project: it finds the files, reads
// and summarises the ones that can matter, builds the project index, then
// checks files in parallel with one parser per worker, applying
// suppressions, fixes and the cache, and turns diagnostics into findings
// ready to print.
package lint

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/cache"
	"github.com/asynclint/asynclint/analysis/config"
	"github.com/asynclint/asynclint/analysis/discover"
	"github.com/asynclint/asynclint/analysis/project"
	"github.com/asynclint/asynclint/analysis/report"
	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/version"
)

// DefaultMaxFileSize is the size above which a file is skipped with a note:
// such files are generated, not written by hand, and parsing one takes
// seconds and hundreds of megabytes.
const DefaultMaxFileSize = 10 << 20

// Summarizer computes a module's summary for the project index.
type Summarizer func(*semantic.File, *analysis.Settings) *project.Summary

// Options configure a run.
type Options struct {
	Paths  []string
	Config *config.Config
	Rules  []*analysis.Rule // the candidate rules; the config picks among them
	// Summarize computes the summaries the project index is built from;
	// without it, each file is checked on its own.
	Summarize Summarizer
	// Workers is the number of files checked at once; 0 means one per CPU.
	Workers int
	// Fix applies safe fixes (and unsafe ones with UnsafeFixes). With Diff,
	// nothing is written: Result.Diff shows what would change.
	Fix, UnsafeFixes, Diff bool
	// Stdin, when set, is checked instead of Paths, as file StdinFilename.
	// Fixed source is written to Output instead of the file.
	Stdin         io.Reader
	StdinFilename string
	Output        io.Writer
	MaxFileSize   int64
	// Cache keeps summaries and findings in .asynclint_cache in the
	// configuration's directory.
	Cache bool
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
	opts = opts.withDefaults()
	if opts.Stdin != nil {
		return runStdin(opts)
	}
	opened := make(chan *cache.Cache, 1)
	go func() { opened <- cacheFor(opts) }() // decoding the cache overlaps the walk
	paths, errs := discover.Walk(opts.Paths, opts.discovery())
	r := newRun(opts, paths, <-opened)
	for _, err := range errs {
		r.notes = append(r.notes, fileNote(pathOf(err), "io-error", describe(err)))
	}
	defer r.progress.stop()
	r.load()
	if r.unchanged() {
		r.reuse()
		return r.result(), nil
	}
	r.summarize()
	r.index = r.buildIndex()
	r.check()
	if r.cache != nil {
		r.store()
	}
	return r.result(), nil
}

// withDefaults returns opts with the defaults of the fields left zero.
func (opts Options) withDefaults() Options {
	if opts.MaxFileSize == 0 {
		opts.MaxFileSize = DefaultMaxFileSize
	}
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	return opts
}

// discovery returns how the files under opts.Paths are found.
func (opts Options) discovery() discover.Options {
	return discover.Options{Exclude: opts.Config.Exclude, ExcludeRoot: opts.Config.Root, RespectGitignore: true}
}

// buildIndex builds the index of the summaries computed so far.
func (r *run) buildIndex() *project.Index {
	return project.NewIndex(r.summaries(), project.Options{Allowed: r.opts.Config.Settings.Blocking.Allowed})
}

// forEach runs fn over the files at indices in parallel, each worker with
// its own checker. Once the run is cancelled, the files left are skipped.
func (r *run) forEach(indices []int, fn func(c *checker, f *file)) {
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(r.opts.Workers, max(len(indices), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := newChecker(r.opts)
			defer c.close()
			for i := range jobs {
				select {
				case <-r.done:
				default:
					fn(c, r.files[i])
					r.progress.add(1)
				}
			}
		}()
	}
	for _, i := range indices {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
}

func runStdin(opts Options) (*Result, error) {
	src, err := io.ReadAll(io.LimitReader(opts.Stdin, opts.MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("reading standard input: %w", err)
	}
	name := opts.StdinFilename
	if name == "" {
		name = "-"
	}
	res := &Result{Files: 1, Bytes: int64(len(src))}
	excluded := name != "-" && (discover.Options{Exclude: opts.Config.Exclude, ExcludeRoot: opts.Config.Root}).Excluded(name)
	c := newChecker(opts)
	defer c.close()
	o := &outcome{}
	if !excluded {
		o = c.checkAlone(name, src)
		res.Parsed = 1
	}
	if opts.Fix && !opts.Diff && opts.Output != nil {
		out := src
		if o.fixed != nil {
			out = o.fixed
		}
		if _, err := opts.Output.Write(out); err != nil {
			return nil, err
		}
	}
	res.Findings, res.FixesApplied, res.Diff = o.findings, o.fixes, o.diff
	sortFindings(res.Findings)
	return res, nil
}

// cacheFor opens the cache of a run, or returns nil without one.
func cacheFor(opts Options) *cache.Cache {
	if !opts.Cache || opts.Fix || opts.Diff {
		return nil
	}
	program, stamp := executable()
	return cache.Open(opts.Config.Root, program, version.Version+" "+stamp)
}

// executable returns the name of the running binary and what identifies
// its build (its size and time), so that a rebuilt program, whose rules
// may have changed, starts a new cache.
func executable() (name, stamp string) {
	exe, err := os.Executable()
	if err != nil {
		return "asynclint", ""
	}
	name = strings.TrimSuffix(filepath.Base(exe), ".exe")
	info, err := os.Stat(exe)
	if err != nil {
		return name, ""
	}
	return name, fmt.Sprintf("%d-%d", info.Size(), info.ModTime().UnixNano())
}
