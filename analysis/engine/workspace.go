package engine

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/cache"
	"github.com/asynclint/asynclint/analysis/config"
	"github.com/asynclint/asynclint/analysis/discover"
	"github.com/asynclint/asynclint/analysis/project"
	"github.com/asynclint/asynclint/analysis/semantic"
)

// A Workspace is the project index of a directory kept while its files
// change, for a program that checks files as they are edited: it holds the
// summaries of the files that matter and the index built from them, and
// the trees of large files only, until a document opens them (Tree). It
// is safe for concurrent use.
type Workspace struct {
	mu    sync.Mutex // guards l's files; its options and module names never change
	l     *loader
	index atomic.Pointer[project.Index]
	trees largeTrees
	last  project.Views // of the file viewed last
}

// NewWorkspace indexes the files under opts.Paths as Run does before it
// checks them: it finds them, reads them, and summarizes those that can
// matter. With opts.Cache, the summaries of the files unchanged since the
// last index are read from the cache, which is then saved.
//
// report, when not nil, is called after each file read and each file
// indexed with the phase ("reading" or "indexing"), the number of its
// files done and the number known so far. Cancelling ctx stops the work:
// NewWorkspace then returns ctx's error.
func NewWorkspace(ctx context.Context, opts ProjectOptions, report func(phase string, done, total int)) (*Workspace, error) {
	opts = opts.withDefaults()
	// What cannot be read is left out.
	paths, _ := discover.Walk(opts.Paths, opts.discovery())
	l := newLoader(opts, paths, openCache(opts))
	l.withContext(ctx)
	l.progress = reportingProgress(report)
	w := &Workspace{l: l}
	l.keep = w.trees.keep
	l.load()
	l.summarize()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if l.cache != nil {
		l.store(false, "", nil)
		// Updates read what changed from disk: the cache is not kept.
		for _, f := range l.files {
			f.entry = nil
		}
		l.cache = nil
	}
	// Updates are quick: they report nothing and need not be cancelled.
	l.progress, l.done = newProgress(nil), nil
	w.index.Store(l.buildIndex())
	return w, nil
}

// View returns the project as seen from the file at path, whose current
// text sf models: the file's own functions are as sf has them, saved or
// not, and the rest of the project is as the index has it. The file's
// summary reuses what memo, when not nil, kept of its last text; until
// memo holds one, a text the index summarized as it is (a file just
// opened) takes the index's summary.
func (w *Workspace) View(path string, sf *semantic.File, memo *analysis.SummaryMemo) *project.View {
	if memo == nil || memo.Empty() {
		if index, s := w.indexed(path, sf.Tree.Src); s != nil {
			return index.For(s)
		}
	}
	var moved func(last, s *project.Summary) (project.Shift, bool)
	if memo != nil {
		moved = memo.Moved
	}
	return w.last.Of(w.index.Load(), w.summarize(path, sf, memo), moved)
}

// Prepare summarizes the text sf models into memo, unless memo holds a
// summary already, so that the View of the next text reuses it.
func (w *Workspace) Prepare(path string, sf *semantic.File, memo *analysis.SummaryMemo) {
	if memo.Empty() {
		w.summarize(path, sf, memo)
	}
}

// summarize returns the summary of the text sf models, the file at path's.
func (w *Workspace) summarize(path string, sf *semantic.File, memo *analysis.SummaryMemo) *project.Summary {
	module, pkg := w.l.modules.Name(path)
	s, _ := w.l.summarizeFile(sf, path, module, pkg, memo)
	return s
}

// indexed returns the index and its summary of the file at path, if the
// index summarized the file's text src; else a nil summary.
func (w *Workspace) indexed(path string, src []byte) (*project.Index, *project.Summary) {
	w.mu.Lock()
	defer w.mu.Unlock()
	i := w.find(path)
	if i < 0 {
		return nil, nil
	}
	f := w.l.files[i]
	if f.summary == nil || f.hash == "" || f.hash != cache.Hash(src) {
		return nil, nil
	}
	return w.index.Load(), f.summary
}

// Digest returns the digest of the facts of the project that the findings
// of the file at path depend on, as the index has the file; "" for a file
// the index has no summary of. When an update changes the digest of a
// file, its findings may change.
func (w *Workspace) Digest(path string) string {
	w.mu.Lock()
	var s *project.Summary
	if i := w.find(path); i >= 0 {
		s = w.l.files[i].summary
	}
	w.mu.Unlock()
	if s == nil {
		return ""
	}
	return w.index.Load().Digest(s)
}

// Update reads the files at paths again, which may be new or gone, and
// rebuilds the index. A path that is not a Python file or a notebook
// stands for the files below it, for a directory created or deleted. Each file is
// summarized, since other modules may need it, and so are the modules its
// names newly lead to. A new file joins the project when a walk of
// opts.Paths would find it. Paths are spelled as the walk spells them:
// absolute under absolute opts.Paths.
func (w *Workspace) Update(paths ...string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	paths = slices.Compact(slices.Sorted(slices.Values(w.pythonFiles(paths))))
	if len(paths) == 0 {
		return
	}
	var files []*file
	for _, path := range paths {
		if f := w.reload(path); f != nil {
			files = append(files, f)
		}
	}
	// Removals move files: their indices are known only now.
	changed := make([]int, len(files))
	for i, f := range files {
		changed[i] = f.index
	}
	l := w.l
	l.summarizeFiles(changed)
	l.reach(l.usedNames(changed), map[string]bool{})
	w.index.Store(l.buildIndex())
}

// pythonFiles returns paths with each one that is not a Python file or a
// notebook, a directory created, moved or deleted, replaced by the files
// below it: those of the project, which may be gone, and those a walk
// finds now.
// The caller holds w.mu.
func (w *Workspace) pythonFiles(paths []string) []string {
	var files []string
	for _, path := range paths {
		if discover.IsPython(path) || config.IsNotebook(path) {
			files = append(files, path)
			continue
		}
		below := path + string(filepath.Separator)
		for _, f := range w.l.files {
			if strings.HasPrefix(f.path, below) {
				files = append(files, f.path)
			}
		}
		if info, err := os.Stat(path); err == nil && info.IsDir() {
			found, _ := discover.Walk([]string{path}, w.l.opts.discovery())
			files = append(files, found...)
		}
	}
	return files
}

// reload loads the file at path again, as a run does, and returns it, or
// nil when it is not, or no longer, a file of the project. The caller
// holds w.mu.
func (w *Workspace) reload(path string) *file {
	l := w.l
	i := w.find(path)
	if i < 0 && !slices.ContainsFunc(l.opts.Paths, func(root string) bool { return l.opts.discovery().Finds(root, path) }) {
		return nil
	}
	one := newLoader(l.opts, []string{path}, nil)
	one.modules = l.modules
	one.load()
	f := one.files[0]
	if f.skip { // gone, unreadable or too large
		w.remove(i)
		return nil
	}
	if i < 0 {
		i = len(l.files)
		l.files = append(l.files, f)
	} else {
		w.forget(l.files[i])
		l.files[i] = f
	}
	f.index = i
	if f.module != "" {
		l.byModule[f.module] = f
	}
	return f
}

// remove takes the file at index i, if any, out of the project. The caller
// holds w.mu.
func (w *Workspace) remove(i int) {
	if i < 0 {
		return
	}
	l := w.l
	w.forget(l.files[i])
	last := l.files[len(l.files)-1]
	last.index, l.files[i] = i, last
	l.files = l.files[:len(l.files)-1]
}

// forget drops f from the modules by name, and its tree. The caller
// holds w.mu.
func (w *Workspace) forget(f *file) {
	if w.l.byModule[f.module] == f {
		delete(w.l.byModule, f.module)
	}
	w.trees.forget(f.path)
}

// find returns the index of the file at path in w.l.files, or -1. The
// caller holds w.mu.
func (w *Workspace) find(path string) int {
	return slices.IndexFunc(w.l.files, func(f *file) bool { return f.path == path })
}
