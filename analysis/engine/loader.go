package engine

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/cache"
	"github.com/asynclint/asynclint/analysis/config"
	"github.com/asynclint/asynclint/analysis/discover"
	"github.com/asynclint/asynclint/analysis/project"
	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/analysis/syntax"
	"github.com/asynclint/asynclint/version"
)

// DefaultMaxFileSize is the size above which a file is skipped with a note:
// such files are generated, not written by hand, and parsing one takes
// seconds and hundreds of megabytes.
const DefaultMaxFileSize = 10 << 20

// maxKept bounds the memory of the trees kept, packed, between summarizing
// a file and checking it; past it, files are parsed again.
const maxKept = 192 << 20

// ProjectOptions say which files make a project and how it is read.
type ProjectOptions struct {
	Paths  []string
	Config *config.Config
	// Suite holds the rules, and the summaries the project index is built
	// from; without Suite.Summarize, each file is checked on its own.
	Suite *analysis.Suite
	// Workers is the number of files read or checked at once; 0 means one
	// per CPU.
	Workers     int
	MaxFileSize int64
	// Cache keeps summaries and findings in .asynclint_cache in the
	// project's root (or the configuration's directory), or in CacheDir.
	Cache    bool
	CacheDir string
	// Configs, when set, gives each file its nearest configuration; Config
	// is then that of the project's root, whose blocking settings the
	// project index uses for every file.
	Configs *config.Resolver
	// Root, when set, is the directory of the whole project: the files
	// found under it make the project index, and only those under Paths
	// are checked and reported.
	Root string
}

// withDefaults returns opts with the defaults of the fields left zero.
func (opts ProjectOptions) withDefaults() ProjectOptions {
	if opts.MaxFileSize == 0 {
		opts.MaxFileSize = DefaultMaxFileSize
	}
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	return opts
}

// discovery returns how the files under opts.Paths are found: those
// opts.Config includes, notebooks among them, as asynclint check finds them.
func (opts ProjectOptions) discovery() discover.Options { return discoveryOf(opts.Config) }

// A loader reads a project: it finds its files, reads and scans them,
// and summarizes those that can matter, for the project index. The batch
// run and the workspace share it.
type loader struct {
	opts     ProjectOptions
	files    []*file
	byModule map[string]*file
	cache    *cache.Cache
	modules  *project.Modules
	progress *progress
	kept     atomic.Int64 // bytes of the trees kept in memory
	parsed   atomic.Int64 // files parsed
	// keep is given the tree of each file summarized from its text, to
	// keep for later; nil drops them.
	keep func(f *file, tree *syntax.Tree)
	// done is closed to cancel the work; nil for work that cannot be.
	done <-chan struct{}
}

func newLoader(opts ProjectOptions, paths []string, c *cache.Cache) *loader {
	l := &loader{
		opts:     opts,
		byModule: map[string]*file{},
		cache:    c,
		modules:  project.NewModules(opts.moduleRoots()...),
		progress: newProgress(nil),
	}
	for i, p := range paths {
		l.files = append(l.files, &file{path: p, index: i})
	}
	return l
}

// cancelled reports whether the work was cancelled.
func (l *loader) cancelled() bool {
	select {
	case <-l.done:
		return true
	default:
		return false
	}
}

func (l *loader) all() []int {
	idx := make([]int, len(l.files))
	for i := range idx {
		idx[i] = i
	}
	return idx
}

// forEach runs fn over the files at indices in parallel, each worker with
// its own parser. Once the work is cancelled, the files left are skipped.
func (l *loader) forEach(indices []int, fn func(p *syntax.Parser, f *file)) {
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(l.opts.Workers, max(len(indices), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p := syntax.NewParser()
			defer p.Close()
			for i := range jobs {
				if !l.cancelled() {
					fn(p, l.files[i])
					l.progress.add(1)
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

// load stats every file and reads and scans those that changed since the
// cached run.
func (l *loader) load() {
	l.progress.start("reading", len(l.files))
	l.forEach(l.all(), func(_ *syntax.Parser, f *file) {
		info, err := os.Stat(f.path)
		if err != nil {
			f.skipWith(fileNote(f.path, "io-error", describe(err)))
			return
		}
		f.size, f.modTime = info.Size(), info.ModTime().UnixNano()
		f.module, f.pkg = l.modules.Name(f.path)
		if f.size > l.opts.MaxFileSize {
			f.skipWith(fileNote(f.path, "skipped",
				fmt.Sprintf("file is %.1f MB, larger than the %d MB limit; skipped", float64(f.size)/(1<<20), l.opts.MaxFileSize>>20)))
			return
		}
		if l.cache != nil {
			if e := l.cache.Get(f.path); e != nil && e.Size == f.size && e.ModTime == f.modTime {
				f.entry, f.hash, f.relevant, f.imports = e, e.Hash, e.Relevant, e.Imports
				return
			}
		}
		if !f.read(l.opts.MaxFileSize) {
			return
		}
		f.relevant, f.imports = scan(f.text)
		f.release()
	})
	for _, f := range l.files {
		if f.module != "" && !f.skip {
			l.byModule[f.module] = f
		}
	}
}

// summarize computes the summaries the index needs: of every file with
// async code, of every file that imports a coroutine of the project (its
// findings are wanted too), and of the modules that the names those files
// use lead to (see project.Graph). Other files need no tree at all.
func (l *loader) summarize() {
	var first []int
	for i, f := range l.files {
		if f.relevant && !f.skip {
			f.wanted = true
			first = append(first, i)
		}
	}
	seen := map[string]bool{}
	l.summarizeFiles(first)
	l.reach(l.usedNames(first), seen)
	graph := l.graph()
	var importers []int
	for i, f := range l.files {
		if !f.wanted && !f.skip && f.importsCoroutine(graph) {
			f.wanted = true
			importers = append(importers, i)
		}
	}
	l.summarizeFiles(importers)
	l.reach(l.usedNames(importers), seen)
}

// graph returns the project graph of the modules read so far.
func (l *loader) graph() project.Graph {
	return project.Graph{Find: func(name string) (string, *project.Summary, bool) {
		f := l.moduleFile(name)
		if f == nil {
			return "", nil, false
		}
		return f.module, f.summary, true
	}}
}

// reach summarizes the modules that names lead to, wave after wave.
func (l *loader) reach(names []string, seen map[string]bool) {
	graph := l.graph()
	for len(names) > 0 {
		var need []int
		for _, name := range names {
			if g := l.moduleFile(name); g != nil && g.summary == nil && !g.skip && !g.reached {
				g.reached = true
				need = append(need, g.index)
			}
		}
		l.summarizeFiles(need)
		var next []string
		for _, name := range names {
			next = append(next, graph.Follow(name)...)
		}
		for _, i := range need {
			if s := l.files[i].summary; s != nil {
				next = append(next, project.CallNames(s)...)
			}
		}
		names = names[:0]
		for _, n := range next {
			if !seen[n] {
				seen[n] = true
				names = append(names, n)
			}
		}
	}
}

// usedNames returns the absolute names the files at indices use.
func (l *loader) usedNames(indices []int) []string {
	var names []string
	for _, i := range indices {
		if s := l.files[i].summary; s != nil {
			names = append(names, project.UsedNames(s)...)
		}
	}
	return names
}

// moduleFile returns the file of the longest module prefix of name.
func (l *loader) moduleFile(name string) *file {
	for {
		if f := l.byModule[name]; f != nil {
			return f
		}
		i := strings.LastIndexByte(name, '.')
		if i < 0 {
			return nil
		}
		name = name[:i]
	}
}

// summaryKey identifies a file's summary: its content, where it sits in
// the project, and the settings that change what counts as blocking.
func (l *loader) summaryKey(f *file) string {
	return cache.Key("summary", version.Version, f.hash, f.path, f.module, f.pkg,
		fmt.Sprintf("%v", l.opts.Config.Settings.Blocking))
}

// summarizeFiles computes the summaries of the files at indices, from the
// cache when it has them.
func (l *loader) summarizeFiles(indices []int) {
	l.progress.start("indexing", len(indices))
	l.forEach(indices, func(p *syntax.Parser, f *file) {
		f.summaryKey = l.summaryKey(f)
		if f.entry != nil {
			if f.summary = l.cache.Summary(f.path, f.summaryKey); f.summary != nil {
				return
			}
		}
		if !f.read(l.opts.MaxFileSize) {
			return
		}
		tree, err := parse(p, f.text)
		if err != nil {
			return
		}
		l.parsed.Add(1)
		if f.summary, err = l.summarizeTree(tree, f.path, f.module, f.pkg); err != nil {
			f.notes = append(f.notes, fileNote(f.path, "internal-error", err.Error()))
		}
		if l.keep != nil {
			l.keep(f, tree)
		}
		f.release() // a kept tree holds the text; otherwise it is read again
	})
}

// keepForCheck keeps the trees of the files to check, packed, for the
// check to come, until they take maxKept bytes.
func (l *loader) keepForCheck(f *file, tree *syntax.Tree) {
	if f.wanted && l.kept.Load() < maxKept {
		if packed := tree.Pack(); l.kept.Add(int64(packed.Size())) <= maxKept {
			f.tree = packed
		}
	}
}

// summarizeTree computes the summary of the module at path from its tree.
func (l *loader) summarizeTree(tree *syntax.Tree, path, module string, pkg bool) (*project.Summary, error) {
	sf := semantic.Build(tree)
	defer sf.Release()
	return l.summarizeFile(sf, path, module, pkg, nil)
}

// summarizeFile computes the summary of the module at path from its
// semantic model, with the suite's summarizer and memo, if any. A summarizer that panics
// leaves the module known to be there, and nothing more, with an error
// that says why, rather than the program stopped.
func (l *loader) summarizeFile(sf *semantic.File, path, module string, pkg bool, memo *analysis.SummaryMemo) (s *project.Summary, err error) {
	defer func() {
		if v := recover(); v != nil {
			s, err = &project.Summary{}, fmt.Errorf("internal error summarizing the module: %v\n%s", v, debug.Stack())
		}
		s.Module, s.Path, s.Package = module, path, pkg
	}()
	if l.opts.Suite.Summarize == nil {
		return &project.Summary{}, nil
	}
	return l.opts.Suite.Summarize.Summarize(sf, &l.opts.Config.Settings, memo), nil
}

// summaries returns the summaries computed so far.
func (l *loader) summaries() []*project.Summary {
	var out []*project.Summary
	for _, f := range l.files {
		if f.summary != nil {
			out = append(out, f.summary)
		}
	}
	return out
}

// buildIndex builds the index of the summaries computed so far.
func (l *loader) buildIndex() *project.Index {
	return project.NewIndex(l.summaries(), project.Options{Allowed: l.opts.Config.Settings.Blocking.Allowed})
}

// withContext makes the loader's work stop once ctx is cancelled.
func (l *loader) withContext(ctx context.Context) { l.done = ctx.Done() }

// store saves what the loader learned for the next run, each file's scan
// and summary, and its findings through withFindings, which may also keep
// a file out of the cache; the cache is written only when it changed.
func (l *loader) store(changed bool, run string, withFindings func(f *file, e *cache.Entry) bool) {
	stored := 0
	for _, f := range l.files {
		if f.skip || f.hash == "" {
			continue
		}
		e := &cache.Entry{Size: f.size, ModTime: f.modTime, Hash: f.hash, Relevant: f.relevant, Imports: f.imports, Wanted: f.wanted}
		if f.summary != nil {
			e.SummaryKey = f.summaryKey
		}
		if withFindings != nil && !withFindings(f, e) {
			continue
		}
		if f.entry == nil || f.entry.SummaryKey != e.SummaryKey || f.entry.FindingsKey != e.FindingsKey || f.entry.Wanted != e.Wanted {
			changed = true
		}
		l.cache.Put(f.path, e, f.summary)
		stored++
	}
	l.cache.SetRun(run)
	if changed || stored != l.cache.Len() || run != l.cache.Run() {
		l.cache.Save() // a cache that cannot be written only costs speed
	}
}
