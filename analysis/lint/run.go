package lint

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"sync/atomic"

	"github.com/asynclint/asynclint/analysis/cache"
	"github.com/asynclint/asynclint/analysis/project"
	"github.com/asynclint/asynclint/analysis/report"
	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/analysis/syntax"
	"github.com/asynclint/asynclint/version"
)

// maxNameLength bounds the dotted names followed between modules.
const maxNameLength = 512

// maxKept bounds the memory of the trees kept, packed, between summarizing
// a file and checking it; past it, files are parsed again.
const maxKept = 192 << 20

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
	kept     atomic.Int64 // bytes of the trees kept in memory
	parsed   atomic.Int64 // files parsed
	changed  atomic.Bool  // something differs from the cache

	// done is closed to cancel the run; it is nil for a run that cannot be.
	done <-chan struct{}
}

func newRun(opts Options, paths []string, c *cache.Cache) *run {
	r := &run{
		opts:     opts,
		byModule: map[string]*file{},
		cache:    c,
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
// async code, of every file that imports a coroutine of the project (its
// findings are wanted too), and of the modules that the names those files
// use lead to: through calls, re-exports, star imports and base classes,
// and onwards through the calls of the synchronous functions reached.
// Other files need no tree at all.
func (r *run) summarize() {
	var first []int
	for i, f := range r.files {
		if f.relevant && !f.skip {
			f.wanted = true
			first = append(first, i)
		}
	}
	seen := map[string]bool{}
	r.summarizeFiles(first)
	r.reach(r.usedNames(first), seen)
	var importers []int
	for i, f := range r.files {
		if !f.wanted && !f.skip && r.importsCoroutine(f) {
			f.wanted = true
			importers = append(importers, i)
		}
	}
	r.summarizeFiles(importers)
	r.reach(r.usedNames(importers), seen)
}

// reach summarizes the modules that names lead to, wave after wave.
func (r *run) reach(names []string, seen map[string]bool) {
	for len(names) > 0 {
		var need []int
		for _, name := range names {
			if g := r.moduleFile(name); g != nil && g.summary == nil && !g.skip && !g.reached {
				g.reached = true
				need = append(need, g.index)
			}
		}
		r.summarizeFiles(need)
		var next []string
		for _, name := range names {
			next = append(next, r.follow(name)...)
		}
		for _, i := range need {
			next = append(next, r.callNames(r.files[i])...)
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

// follow returns the names that name leads to in the module defining it:
// what a re-export or star import stands for, and the same member of a
// class's bases.
func (r *run) follow(name string) []string {
	g := r.moduleFile(name)
	if g == nil || g.summary == nil || len(name) <= len(g.module) {
		return nil
	}
	rest := name[len(g.module)+1:]
	head, tail, _ := strings.Cut(rest, ".")
	var out []string
	// A re-export or star import of a module the project does not have
	// would lead back to g with a longer name, forever: follow only those
	// that lead to another file.
	elsewhere := func(n string) {
		if h := r.moduleFile(n); h != nil && h != g && len(n) <= maxNameLength {
			out = append(out, n)
		}
	}
	if imp, ok := g.summary.Imports[head]; ok {
		elsewhere(joinName(absoluteModule(g, imp), tail))
	}
	for _, star := range g.summary.StarImports {
		elsewhere(absoluteModule(g, star) + "." + rest)
	}
	if class := g.summary.Classes[head]; class != nil && tail != "" {
		for _, b := range class.Bases {
			if strings.HasPrefix(b, ":") {
				out = append(out, g.module+"."+b[1:]+"."+tail)
			} else {
				out = append(out, absoluteModule(g, b)+"."+tail)
			}
		}
	}
	return out
}

// usedNames returns the absolute names the files at indices call or
// derive classes from.
func (r *run) usedNames(indices []int) []string {
	var names []string
	for _, i := range indices {
		f := r.files[i]
		if f.summary == nil {
			continue
		}
		for _, t := range f.summary.Targets {
			names = append(names, r.absoluteTarget(f, t))
		}
		for class, c := range f.summary.Classes {
			for _, b := range c.Bases {
				names = append(names, r.absoluteTarget(f, b))
			}
			names = append(names, f.module+"."+class)
		}
	}
	return names
}

// callNames returns what the synchronous functions of a module call, along
// which blocking propagates.
func (r *run) callNames(f *file) []string {
	if f.summary == nil {
		return nil
	}
	var names []string
	for _, fn := range f.summary.Functions {
		for _, c := range fn.Calls {
			names = append(names, r.absoluteTarget(f, c.Target))
		}
	}
	return names
}

// absoluteTarget spells a call target or base as an absolute name.
func (r *run) absoluteTarget(f *file, target string) string {
	if strings.HasPrefix(target, ":") {
		return f.module + "." + target[1:]
	}
	return absoluteModule(f, target)
}

func joinName(base, tail string) string {
	if tail == "" {
		return base
	}
	return base + "." + tail
}

// importsCoroutine reports whether the byte scan saw f import a coroutine
// function of the project, a class with coroutine methods, or a whole
// module with coroutine functions, which f may then call without
// awaiting.
func (r *run) importsCoroutine(f *file) bool {
	for _, imp := range f.imports {
		if r.namesCoroutine(absoluteModule(f, imp)) {
			return true
		}
	}
	return false
}

// namesCoroutine reports whether an imported name is a coroutine function,
// a class with coroutine methods, or a module with coroutine functions,
// following a few re-exports.
func (r *run) namesCoroutine(name string) bool {
	for range 4 {
		g := r.moduleFile(name)
		if g == nil || g.summary == nil {
			return false
		}
		member := ""
		if name != g.module {
			member = name[len(g.module)+1:]
		}
		if definesCoroutine(g.summary, member) {
			return true
		}
		imp, reexport := g.summary.Imports[member]
		if !reexport {
			return false
		}
		name = absoluteModule(g, imp)
	}
	return false
}

// definesCoroutine reports whether a module defines a coroutine function
// at the top level (member "") or as member: the function itself or a
// method of the class member.
func definesCoroutine(s *project.Summary, member string) bool {
	for name, fn := range s.Functions {
		switch {
		case !fn.Async:
		case member == "" && !strings.Contains(name, "."):
			return true
		case member != "" && (name == member || strings.HasPrefix(name, member+".")):
			return true
		}
	}
	return false
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
	return cache.Key("summary", version.Version, f.hash, f.path, f.module, f.pkg,
		fmt.Sprintf("%v", r.opts.Config.Settings.Blocking))
}

// summarizeFiles computes the summaries of the files at indices, from the
// cache when it has them.
func (r *run) summarizeFiles(indices []int) {
	r.progress.start("indexing", len(indices))
	r.forEach(indices, func(c *checker, f *file) {
		f.summaryKey = r.summaryKey(f)
		if f.entry != nil {
			if f.summary = r.cache.Summary(f.path, f.summaryKey); f.summary != nil {
				return
			}
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
		if f.wanted && r.kept.Load() < maxKept {
			if packed := tree.Pack(); r.kept.Add(int64(packed.Size())) <= maxKept {
				f.tree = packed
			}
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
		var tree *syntax.Tree
		if f.tree != nil {
			tree, f.tree = f.tree.Unpack(), nil
		} else {
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
	return cache.Key("findings", version.Version, f.hash, f.path, codes.String(),
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
		e := &cache.Entry{Size: f.size, ModTime: f.modTime, Hash: f.hash, Relevant: f.relevant, Imports: f.imports, Wanted: f.wanted}
		if f.summary != nil {
			e.SummaryKey = f.summaryKey
		}
		if f.wanted {
			e.FindingsKey, e.Findings = f.findingsKey, f.findings
		}
		if f.entry == nil || f.entry.SummaryKey != e.SummaryKey || f.entry.FindingsKey != e.FindingsKey || f.entry.Wanted != e.Wanted {
			r.changed.Store(true)
		}
		r.cache.Put(f.path, e, f.summary)
		stored++
	}
	run := r.runKey(func(f *file) bool { return f.wanted })
	r.cache.SetRun(run)
	if r.changed.Load() || stored != r.cache.Len() || run != r.cache.Run() {
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
