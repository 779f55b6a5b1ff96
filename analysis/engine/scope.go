package engine

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/asynclint/asynclint/analysis/cache"
	"github.com/asynclint/asynclint/analysis/config"
	"github.com/asynclint/asynclint/analysis/diff"
	"github.com/asynclint/asynclint/analysis/discover"
	"github.com/asynclint/asynclint/analysis/notebook"
	"github.com/asynclint/asynclint/analysis/project"
	"github.com/asynclint/asynclint/analysis/report"
	"github.com/asynclint/asynclint/analysis/source"
)

// This file holds what a run over part of a project needs: the files of
// the whole project for its index, and those checked; each file's own
// configuration; a text given for a file, as standard input is; and
// notebooks, whose code cells are the Python checked.

// configFor returns the configuration of the file at path.
func (opts ProjectOptions) configFor(path string) *config.Config {
	if opts.Configs != nil {
		return opts.Configs.For(path)
	}
	return opts.Config
}

// discoveryFor returns how the files under path are found: with the
// configuration that applies there, and with their own below the
// directories that have one.
func (opts ProjectOptions) discoveryFor(path string) discover.Options {
	if opts.Configs == nil {
		return opts.discovery()
	}
	dir := path
	if info, err := os.Stat(path); err != nil || !info.IsDir() {
		dir = filepath.Dir(path)
	}
	d := discoveryOf(opts.Configs.Dir(dir))
	d.Nested = func(dir string) (discover.Options, bool) {
		c, ok := opts.Configs.Owns(dir)
		return discoveryOf(c), ok
	}
	return d
}

func discoveryOf(c *config.Config) discover.Options {
	return discover.Options{Exclude: c.Exclude, ExcludeRoot: c.Root, RespectGitignore: true, Include: c.Includes}
}

// moduleRoots returns the directories module names start from, failing
// the markers of a project: the project's root, or else the paths
// checked and the configuration's directory.
func (opts ProjectOptions) moduleRoots() []string {
	if opts.Root != "" {
		return []string{opts.Root}
	}
	return append(slices.Clone(opts.Paths), opts.Config.Root)
}

// cacheDir returns the directory of the project's cache.
func (opts ProjectOptions) cacheDir() string {
	switch {
	case opts.CacheDir != "":
		return opts.CacheDir
	case opts.Root != "":
		return filepath.Join(opts.Root, cache.Dir)
	}
	return filepath.Join(opts.Config.Root, cache.Dir)
}

// A walk is the files of a run.
type walk struct {
	files []string
	// checked says which files are checked and reported, by path; nil
	// when all are.
	checked map[string]bool
	errs    []error
	empty   []string // paths under which nothing was found
}

// walk finds the files of a run: those under Paths, and with Root those of
// the whole project too, for its index. A file given as text (stdin) is
// one of them, whether it exists or not.
func (opts Options) walk() *walk {
	w := &walk{}
	var named []string
	for _, p := range opts.Paths {
		if opts.Stdin != nil {
			break
		}
		files, errs := discover.Walk([]string{p}, opts.discoveryFor(p))
		if len(files) == 0 && len(errs) == 0 {
			w.empty = append(w.empty, p)
		}
		named = append(named, files...)
		w.errs = append(w.errs, errs...)
	}
	if opts.Stdin != nil && !opts.stdinExcluded() {
		named = []string{opts.stdinName()}
	}
	if opts.Root == "" && opts.Stdin == nil {
		w.files = named
		return w
	}
	var all []string
	if opts.Root != "" {
		// What cannot be read outside the paths checked is not reported.
		all, _ = discover.Walk([]string{opts.Root}, opts.discoveryFor(opts.Root))
	}
	cwd, _ := os.Getwd()
	abs := func(p string) string {
		if filepath.IsAbs(p) {
			return filepath.Clean(p)
		}
		return filepath.Join(cwd, p)
	}
	w.checked = map[string]bool{}
	seen := map[string]bool{}
	for _, f := range named {
		w.checked[f], seen[abs(f)] = true, true
	}
	w.files = named
	for _, f := range all {
		if !seen[abs(f)] {
			w.files = append(w.files, f)
		}
	}
	slices.Sort(w.files)
	w.files = slices.Compact(w.files)
	if len(w.checked) == len(w.files) && opts.Stdin == nil {
		w.checked = nil
	}
	return w
}

// stdinName returns the name standard input is checked as.
func (opts Options) stdinName() string {
	if opts.StdinFilename == "" {
		return "-"
	}
	return opts.StdinFilename
}

// stdinExcluded reports whether the configuration excludes the file that
// standard input stands for, which is then not checked.
func (opts Options) stdinExcluded() bool {
	name := opts.stdinName()
	return name != "-" && opts.discoveryFor(name).Excluded(name)
}

// configError returns the error of a configuration file met on the way.
func (opts ProjectOptions) configError() error {
	if opts.Configs == nil {
		return nil
	}
	return opts.Configs.Err()
}

// limit makes the batch check and report only the files w.checked names.
func (b *batch) limit(w *walk) {
	if w.checked == nil {
		return
	}
	b.checked = make([]bool, len(b.files))
	for _, f := range b.files {
		b.checked[f.index] = w.checked[f.path]
	}
}

// reports reports whether the run checks and reports f.
func (b *batch) reports(f *file) bool { return b.checked == nil || b.checked[f.index] }

// readStdin reads standard input for a run.
func readStdin(opts Options) ([]byte, error) {
	text, err := io.ReadAll(io.LimitReader(opts.Stdin, opts.MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("reading standard input: %w", err)
	}
	if int64(len(text)) > opts.MaxFileSize {
		return nil, fmt.Errorf("standard input is larger than the %d MB limit", opts.MaxFileSize>>20)
	}
	return text, nil
}

// overlay makes the file named as standard input hold text instead of
// what the disk has, if anything.
func (b *batch) overlay(text []byte) {
	name := b.opts.stdinName()
	i := slices.IndexFunc(b.files, func(f *file) bool { return f.path == name })
	if i < 0 {
		return // excluded
	}
	f := &file{path: name, index: i, given: text, size: int64(len(text))}
	f.module, f.pkg = b.modules.Name(name)
	if f.read(b.opts.MaxFileSize) {
		f.relevant, f.imports = scan(f.text)
		f.release()
	}
	if old := b.files[i]; old.module != "" && b.byModule[old.module] == old {
		delete(b.byModule, old.module)
	}
	b.files[i] = f
	if f.module != "" && !f.skip {
		b.byModule[f.module] = f
	}
	b.stdin = f
}

// summarizeChecked computes the summaries that the files checked need,
// when they are part of a project: their own, and those of the modules
// their names lead to. A file is checked when a full run would check it:
// it has async code, or imports a coroutine of the project.
func (b *batch) summarizeChecked() {
	var relevant, others []int
	for i, f := range b.files {
		switch {
		case !b.checked[i] || f.skip:
		case f.relevant:
			f.wanted = true
			relevant = append(relevant, i)
		default:
			others = append(others, i)
		}
	}
	seen := map[string]bool{}
	b.summarizeFiles(relevant)
	names := b.usedNames(relevant)
	for _, i := range others {
		f := b.files[i]
		for _, imp := range f.imports {
			names = append(names, project.Absolute(f.module, f.pkg, imp))
		}
	}
	b.reach(names, seen)
	graph := b.graph()
	var importers []int
	for _, i := range others {
		if f := b.files[i]; f.importsCoroutine(graph) {
			f.wanted = true
			importers = append(importers, i)
		}
	}
	b.summarizeFiles(importers)
	b.reach(b.usedNames(importers), seen)
}

// forgetFindings drops the cached findings of the files checked, for a run
// that fixes them: the cache knows what they were, not what fixing them
// gives.
func (b *batch) forgetFindings() {
	for _, f := range b.files {
		if b.reports(f) {
			f.entry = nil
		}
	}
}

// carry keeps in e, for a file this run did not check, what the cache
// knew of it: its findings, and its summary unless this run computed it.
func (b *batch) carry(f *file, e *cache.Entry) {
	if b.reports(f) || f.entry == nil || f.entry.Hash != f.hash {
		return
	}
	e.Wanted, e.FindingsKey, e.Findings = f.entry.Wanted, f.entry.FindingsKey, f.entry.Findings
	if f.summary == nil {
		e.SummaryKey = f.entry.SummaryKey
	}
}

// storedRun returns the run key to save: none after a run over part of the
// project, whose findings for the other files may be out of date.
func (b *batch) storedRun() string {
	if b.checked != nil {
		return ""
	}
	return b.runKey(func(f *file) bool { return f.wanted })
}

// readSource reads f, the text given for it or the file, decoded as
// CPython decodes it, and returns what it takes to write fixes back with
// the Python text to check: the file's, or the code cells of a notebook.
// A source that is not valid UTF-8 comes with an error, to be analysed
// anyway.
func readSource(f *file, limit int64) (*source.File, []byte, error) {
	sf, err := open(f, limit)
	if sf == nil || !config.IsNotebook(f.path) {
		return sf, textOf(sf), err
	}
	nb, err := notebook.Parse(sf.Text)
	if err != nil {
		return nil, nil, notebookError(err)
	}
	return sf, nb.Python(), nil
}

// open reads f: the text given for it, or the file.
func open(f *file, limit int64) (*source.File, error) {
	if f.given != nil {
		return source.ReadFrom(bytes.NewReader(f.given), limit)
	}
	return source.Read(f.path, limit)
}

func textOf(sf *source.File) []byte {
	if sf == nil {
		return nil
	}
	return sf.Text
}

// notebookError says why a notebook is skipped.
func notebookError(err error) error {
	if errors.Is(err, notebook.ErrNotPython) {
		return fmt.Errorf("%w; skipped", err)
	}
	return fmt.Errorf("not a notebook asynclint can read: %w; skipped", err)
}

// notebookOf reads again the notebook at path, as given or as the disk has
// it: the text that files keep is the Python of its cells.
func (b *batch) notebookOf(path string) (*notebook.Notebook, error) {
	f := &file{path: path}
	if b.stdin != nil && b.stdin.path == path {
		f = b.stdin
	}
	sf, err := open(f, b.opts.MaxFileSize)
	if sf == nil {
		return nil, err
	}
	nb, err := notebook.Parse(sf.Text)
	if err != nil {
		return nil, notebookError(err)
	}
	return nb, nil
}

// locateCells turns the positions of findings in the Python text src of
// the notebook at path into cells and lines of cells.
func (b *batch) locateCells(path string, src []byte, findings []report.Finding) {
	nb, err := b.notebookOf(path)
	if err == nil {
		nb, err = nb.Update(src)
	}
	if err != nil {
		return // the positions stay those of the text
	}
	for i := range findings {
		f := &findings[i]
		var endCell int
		f.Cell, f.Start.Line = nb.Locate(f.Start.Line)
		if endCell, f.End.Line = nb.Locate(f.End.Line); endCell != f.Cell {
			f.End = f.Start // a range across cells shows where it starts
		}
		if f.Fix != nil {
			for j := range f.Fix.Edits {
				e := &f.Fix.Edits[j]
				e.Cell, e.Start.Line = nb.Locate(e.Start.Line)
				_, e.End.Line = nb.Locate(e.End.Line)
			}
		}
		for j := range f.Related {
			if r := &f.Related[j]; r.Path == path {
				r.Cell, r.Start.Line = nb.Locate(r.Start.Line)
				_, r.End.Line = nb.Locate(r.End.Line)
			}
		}
	}
}

// writeFixed writes the fixed source of f: into the notebook's cells for a
// notebook, and for standard input to the batch's output instead of a
// file. A file that changed since it was read is left alone.
func (b *batch) writeFixed(f *file, fixed []byte) error {
	data := fixed
	if config.IsNotebook(f.path) {
		nb, err := b.notebookOf(f.path)
		if err == nil {
			nb, err = nb.Update(fixed)
		}
		if err != nil {
			return err
		}
		data = nb.Bytes()
	}
	if f == b.stdin {
		out, err := f.source.Encode(data)
		b.stdinFixed = out
		return err
	}
	return writeFixes(f.source, data)
}

// FileList is what finding the files of a run gives.
type FileList struct {
	Files  []string // the files checked
	Empty  []string // the paths under which no file was found
	Errors []error  // the paths that could not be read
}

// Files returns the files a run with opts would check, without reading
// them.
func Files(opts Options) (*FileList, error) {
	opts.ProjectOptions = opts.ProjectOptions.withDefaults()
	w := opts.walk()
	if err := opts.configError(); err != nil {
		return nil, err
	}
	list := &FileList{Empty: w.empty, Errors: w.errs}
	for _, f := range w.files {
		if w.checked == nil || w.checked[f] {
			list.Files = append(list.Files, f)
		}
	}
	return list, nil
}

// diffOf returns the unified diff of the fixes of the file at path, whose
// Python text src became fixed: cell by cell for a notebook, as Jupyter
// shows the cells.
func (b *batch) diffOf(path string, src, fixed []byte) string {
	if !config.IsNotebook(path) {
		return diff.Unified(path, path, src, fixed)
	}
	nb, err := b.notebookOf(path)
	var updated *notebook.Notebook
	if err == nil {
		updated, err = nb.Update(fixed)
	}
	if err != nil {
		return diff.Unified(path, path, src, fixed)
	}
	var out strings.Builder
	after := updated.Cells()
	for i, cell := range nb.Cells() {
		name := fmt.Sprintf("%s:cell %d", path, cell.Number)
		out.WriteString(diff.Unified(name, name, []byte(withNewline(cell.Source)), []byte(withNewline(after[i].Source))))
	}
	return out.String()
}

// withNewline ends s with a newline, as Jupyter's cells are not.
func withNewline(s string) string {
	if s == "" || strings.HasSuffix(s, "\n") {
		return s
	}
	return s + "\n"
}
