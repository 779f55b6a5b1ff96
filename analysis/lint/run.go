package lint

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"sync/atomic"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/cache"
	"github.com/asynclint/asynclint/analysis/project"
	"github.com/asynclint/asynclint/analysis/report"
	"github.com/asynclint/asynclint/analysis/semantic"
)

// maxKeptNodes bounds the trees kept in memory between summarizing a file
// and checking it (24 bytes a node, 150 MB in all); past it, files are
// parsed again.
const maxKeptNodes = 6 << 20

// run is the state of one run over a project.
type run struct {
	opts     Options
	files    []*file
	byModule map[string]*file
	notes    []report.Finding
	cache    *cache.Cache
	index    *project.Index
	modules  *project.Modules
	progress *progress
	kept     atomic.Int64 // nodes of the trees kept in memory
	parsed   atomic.Int64 // files parsed
	changed  atomic.Bool  // something differs from the cache
}

func newRun(opts Options, paths []string) *run {
	r := &run{
		opts:     opts,
		byModule: map[string]*file{},
		cache:    cacheFor(opts),
		modules:  project.NewModules(append(append([]string{}, opts.Paths...), opts.Config.Root)...),
		progress: newProgress(opts.Progress),
	}
	for i, p := range paths {
		r.files = append(r.files, &file{path: p, index: i})
	}
	return r
}

func (r *run) all() []int {
	idx := make([]int, len(r.files))
	for i := range idx {
		idx[i] = i
	}
	return idx
}

// load stats every file and reads and scans those that changed since the
// cached run.
func (r *run) load() {
	r.progress.start("reading", len(r.files))
	r.forEach(r.all(), func(c *checker, f *file) {
		info, err := os.Stat(f.path)
		if err != nil {
			f.skip, f.findings = true, []report.Finding{fileNote(f.path, "io-error", describe(err))}
			return
		}
		f.size, f.modTime, f.perm = info.Size(), info.ModTime().UnixNano(), info.Mode().Perm()
		f.module, f.pkg = r.modules.Name(f.path)
		if f.size > r.opts.MaxFileSize {
			f.skip, f.findings = true, []report.Finding{fileNote(f.path, "skipped",
				fmt.Sprintf("file is %.1f MB, larger than the %d MB limit; skipped", float64(f.size)/(1<<20), r.opts.MaxFileSize>>20))}
			return
		}
		if r.cache != nil {
			if e := r.cache.Get(f.path); e != nil && e.Size == f.size && e.ModTime == f.modTime {
				f.entry, f.hash, f.relevant, f.imports = e, e.Hash, e.Relevant, e.Imports
				return
			}
		}
		if !r.read(f) {
			return
		}
		f.relevant, f.imports = scan(f.src)
		f.src = nil // read again if needed: holding every source costs more than the page cache
	})
	for _, f := range r.files {
		if f.module != "" && !f.skip {
			r.byModule[f.module] = f
		}
	}
}

// read loads a file's source, recording a note when it cannot.
func (r *run) read(f *file) bool {
	if f.src != nil {
		return true
	}
	src, err := os.ReadFile(f.path)
	if err != nil {
		f.skip, f.findings = true, []report.Finding{fileNote(f.path, "io-error", describe(err))}
		return false
	}
	f.src, f.hash = src, cache.Hash(src)
	return true
}

// summarize computes the summaries the index needs: of every file with
// async code, of every file that imports a module defining coroutines
// (its findings are wanted too), and of every module those reach through
// their calls and imports. Other files need no tree at all.
func (r *run) summarize() {
	var first []int
	for i, f := range r.files {
		if f.relevant && !f.skip {
			f.wanted = true
			first = append(first, i)
		}
	}
	r.summarizeFiles(first)
	coroutineModules := map[string]bool{}
	for _, f := range r.files {
		if f.summary != nil && hasCoroutines(f.summary) {
			coroutineModules[f.module] = true
		}
	}
	var importers []int
	for i, f := range r.files {
		if !f.wanted && !f.skip && r.importsAny(f, coroutineModules) {
			f.wanted = true
			importers = append(importers, i)
		}
	}
	r.summarizeFiles(importers)
	// Follow calls and imports to the modules they reach, a wave at a time.
	frontier := append(first, importers...)
	for len(frontier) > 0 {
		var reached []int
		for _, i := range frontier {
			f := r.files[i]
			if f.summary == nil {
				continue
			}
			for _, name := range r.references(f) {
				if g := r.moduleFile(name); g != nil && g.summary == nil && !g.skip && !g.reached {
					g.reached = true
					reached = append(reached, g.index)
				}
			}
		}
		r.summarizeFiles(reached)
		frontier = reached
	}
}

func hasCoroutines(s *project.Summary) bool {
	for _, fn := range s.Functions {
		if fn.Async {
			return true
		}
	}
	return false
}

// importsAny reports whether the byte scan saw f import one of modules.
func (r *run) importsAny(f *file, modules map[string]bool) bool {
	for _, imp := range f.imports {
		if modules[absoluteModule(f, imp)] {
			return true
		}
	}
	return false
}

// references lists the absolute names a summary's calls, imports and base
// classes refer to.
func (r *run) references(f *file) []string {
	s := f.summary
	var names []string
	for _, q := range s.Imports {
		names = append(names, absoluteModule(f, q))
	}
	for _, m := range s.StarImports {
		names = append(names, absoluteModule(f, m))
	}
	for _, t := range s.Targets {
		if !strings.HasPrefix(t, ":") {
			names = append(names, absoluteModule(f, t))
		}
	}
	for _, c := range s.Classes {
		for _, b := range c.Bases {
			if !strings.HasPrefix(b, ":") {
				names = append(names, absoluteModule(f, b))
			}
		}
	}
	return names
}

// absoluteModule resolves a relative name as seen from f.
func absoluteModule(f *file, name string) string {
	if !strings.HasPrefix(name, ".") {
		return name
	}
	return project.Absolute(f.module, f.pkg, name)
}

// moduleFile returns the file of the longest module prefix of name.
func (r *run) moduleFile(name string) *file {
	for {
		if f := r.byModule[name]; f != nil {
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
func (r *run) summaryKey(f *file) string {
	return cache.Key("summary", analysis.ToolVersion, f.hash, f.path, f.module, f.pkg,
		fmt.Sprintf("%v", r.opts.Config.Settings.Blocking))
}

// summarizeFiles computes the summaries of the files at indices, from the
// cache when it has them.
func (r *run) summarizeFiles(indices []int) {
	r.progress.start("indexing", len(indices))
	r.forEach(indices, func(c *checker, f *file) {
		f.summaryKey = r.summaryKey(f)
		if f.entry != nil && f.entry.SummaryKey == f.summaryKey && f.entry.Summary != nil {
			f.summary = f.entry.Summary
			return
		}
		if !r.read(f) {
			return
		}
		tree, err := c.parse(f.src)
		if err != nil {
			return
		}
		r.parsed.Add(1)
		f.summary = c.summarize(tree, f)
		if f.wanted && r.kept.Add(int64(len(tree.Nodes))) <= maxKeptNodes {
			f.tree = tree
		}
		f.src = nil // the kept tree holds it; otherwise it is read again
	})
}

func (r *run) summaries() []*project.Summary {
	var out []*project.Summary
	for _, f := range r.files {
		if f.summary != nil {
			out = append(out, f.summary)
		}
	}
	return out
}

// check produces the findings of every wanted file, from the cache when
// neither the file, the configuration nor the facts it depends on changed.
func (r *run) check() {
	var wanted []int
	for i, f := range r.files {
		if f.wanted && !f.skip {
			wanted = append(wanted, i)
		}
	}
	r.progress.start("checking", len(wanted))
	r.forEach(wanted, func(c *checker, f *file) {
		f.findingsKey = r.findingsKey(f)
		if f.entry != nil && f.entry.FindingsKey == f.findingsKey && f.entry.Hash == f.hash {
			f.findings = f.entry.Findings
			return
		}
		r.changed.Store(true)
		tree := f.tree
		f.tree = nil
		if tree == nil {
			if !r.read(f) {
				return
			}
			var err error
			if tree, err = c.parse(f.src); err != nil {
				f.findings = []report.Finding{fileNote(f.path, "syntax-error", err.Error())}
				return
			}
			r.parsed.Add(1)
		}
		o := c.checkTree(f.path, tree, r.view(f))
		f.src = nil
		f.findings, f.fixes, f.diff = o.findings, o.fixes, o.diff
		if o.fixed != nil && !r.opts.Diff {
			if err := writeAtomic(f.path, o.fixed, f.perm); err != nil {
				f.findings = append(f.findings, fileNote(f.path, "io-error", "cannot write fixes: "+describe(err)))
				f.fixes = 0
			}
		}
	})
}

// view returns the project as seen from f.
func (r *run) view(f *file) semantic.Project {
	if f.summary == nil {
		return nil
	}
	return r.index.For(f.summary)
}

// findingsKey identifies a file's findings: its content, the rules and
// settings that apply to it, and the facts of the project it depends on.
func (r *run) findingsKey(f *file) string {
	digest := ""
	if f.summary != nil {
		digest = r.index.Digest(f.summary)
	}
	var codes bytes.Buffer
	for _, rule := range EnabledRules(r.opts.Config, r.opts.Rules, f.path) {
		codes.WriteString(rule.Code)
	}
	return cache.Key("findings", analysis.ToolVersion, f.hash, f.path, codes.String(),
		fmt.Sprintf("%v", r.opts.Config.Settings), digest)
}

// store saves what this run learned for the next one, unless it learned
// nothing: every file came from the cache unchanged.
func (r *run) store() {
	stored := 0
	for _, f := range r.files {
		if f.skip || f.hash == "" || f.fixes > 0 {
			continue
		}
		e := &cache.Entry{Size: f.size, ModTime: f.modTime, Hash: f.hash, Relevant: f.relevant, Imports: f.imports}
		if f.summary != nil {
			e.SummaryKey, e.Summary = f.summaryKey, f.summary
		}
		if f.wanted {
			e.FindingsKey, e.Findings = f.findingsKey, f.findings
		}
		if f.entry == nil || f.entry.SummaryKey != e.SummaryKey || f.entry.FindingsKey != e.FindingsKey {
			r.changed.Store(true)
		}
		r.cache.Put(f.path, e)
		stored++
	}
	if r.changed.Load() || stored != r.cache.Len() {
		r.cache.Save() // a cache that cannot be written only costs speed
	}
}

func (r *run) result() *Result {
	res := &Result{Files: len(r.files), Parsed: int(r.parsed.Load())}
	res.Findings = append(res.Findings, r.notes...)
	var diffs strings.Builder
	for _, f := range r.files {
		res.Findings = append(res.Findings, f.findings...)
		res.FixesApplied += f.fixes
		res.Bytes += f.size
		diffs.WriteString(f.diff)
	}
	res.Diff = diffs.String()
	sortFindings(res.Findings)
	return res
}
