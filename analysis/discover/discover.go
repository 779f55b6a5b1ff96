// Package discover finds the Python files to check under the paths named on
// the command line. Like ruff and flake8, it skips what nobody wants linted:
// version control metadata, caches, virtual environments, build output,
// files matched by the configured exclude patterns and files git ignores.
package discover

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Options control which files Walk returns.
type Options struct {
	// Exclude holds gitignore-style patterns (e.g. "migrations/", "*_pb2.py", "build/**/gen.py"),
	// matched against paths relative to ExcludeRoot (the directory of the config file).
	Exclude []string
	// ExcludeRoot is the directory Exclude patterns are relative to; ""
	// means the current directory.
	ExcludeRoot string
	// RespectGitignore honours .gitignore files (in every directory walked and in parent
	// directories up to the repository root, which is the nearest ancestor containing .git),
	// plus .git/info/exclude. Default callers pass true.
	RespectGitignore bool
	// Include reports whether a file a walk finds is source to check; nil
	// means IsPython. Files named explicitly need not pass it.
	Include func(path string) bool
	// Nested, when set, is asked about each directory a walk enters: when
	// the directory holds a configuration of its own, it returns the
	// options that apply below it instead, and true. Their Exclude and
	// Include replace those above; Nested and RespectGitignore are not
	// read from them.
	Nested func(dir string) (Options, bool)
}

// A scope is what decides which files of a directory tree a walk returns.
type scope struct {
	exclude *ruleset // nil if there are no Exclude patterns
	include func(path string) bool
}

// scope compiles the options that decide which files a walk returns.
func (o Options) scope() (*scope, error) {
	sc := &scope{include: o.Include}
	if sc.include == nil {
		sc.include = IsPython
	}
	var err error
	sc.exclude, err = o.excludeRules()
	return sc, err
}

// skipDirs holds the names of directories that never contain code to check.
var skipDirs = map[string]bool{
	".git": true, ".hg": true, ".svn": true, ".bzr": true,
	"__pycache__": true, ".mypy_cache": true, ".pytest_cache": true,
	".ruff_cache": true, ".asynclint_cache": true,
	".tox": true, ".nox": true, ".venv": true, "venv": true,
	"site-packages": true, "__pypackages__": true, "node_modules": true,
	"build": true, "dist": true, "_build": true, "buck-out": true, ".eggs": true,
}

// Walk returns the Python files under the given paths (files or directories), sorted and
// de-duplicated, with paths spelled the way the user gave them (joined with filepath.Join,
// e.g. root "." yields "pkg/mod.py", root "src/" yields "src/pkg/mod.py").
// A path that does not exist, or a directory that cannot be read, yields an error that names
// the path and says what is wrong, and the walk goes on with the rest.
//
// A file named explicitly is returned whatever its name and whatever git
// ignores, unless Exclude matches it. A directory named explicitly is walked
// even if its name would be skipped below, unless Exclude matches it.
func Walk(paths []string, opts Options) (files []string, errs []error) {
	w := walker{gitignore: opts.RespectGitignore, nested: opts.Nested}
	var err error
	if w.top, err = opts.scope(); err != nil {
		w.fail(opts.ExcludeRoot, err)
	}
	for _, path := range paths {
		w.root(path)
	}
	slices.Sort(w.files)
	return slices.Compact(w.files), w.errs
}

// IsPython reports whether a file name is Python source the linter checks (*.py).
func IsPython(name string) bool {
	return filepath.Ext(name) == ".py"
}

// Excluded reports whether a single file path would be excluded by opts.Exclude
// (used for --stdin-filename and for files passed explicitly); gitignore is not consulted.
// The file need not exist. It is excluded if a pattern matches it or any of
// its directories, just as in a walk.
func (o Options) Excluded(path string) bool {
	rs, err := o.excludeRules()
	if err != nil {
		return false
	}
	abs, err := slashAbs(path)
	return err == nil && rs.excludes(abs, false)
}

// Finds reports whether a walk of the directory root would find the file
// at path, without walking: path must lie below root, and neither it nor a
// directory between them may be skipped, excluded or ignored by git.
func (o Options) Finds(root, path string) bool {
	w := walker{gitignore: o.RespectGitignore}
	w.top, _ = o.scope() // a walk goes on without the exclude patterns too
	rootAbs, err := slashAbs(root)
	if err != nil {
		return false
	}
	abs, err := slashAbs(path)
	if err != nil {
		return false
	}
	rel, below := relTo(rootAbs, abs)
	if !below || !w.top.include(path) || w.top.exclude.excludes(rootAbs, true) {
		return false
	}
	var rules stack
	if w.gitignore {
		rules = w.parentRules(rootAbs)
	}
	for dir := rootAbs; ; {
		if w.gitignore {
			if rs := w.load(filepath.FromSlash(dir+"/.gitignore"), dir); rs != nil {
				rules = rules.push(rs)
			}
		}
		name, rest, deeper := strings.Cut(rel, "/")
		child := dir + "/" + name
		if !deeper {
			return isFile(filepath.FromSlash(child)) && !w.ignored(w.top, rules, child, false)
		}
		// A walk follows no symbolic link to a directory.
		info, err := os.Lstat(filepath.FromSlash(child))
		if err != nil || !info.IsDir() || skipDir(filepath.FromSlash(child), name) || w.ignored(w.top, rules, child, true) {
			return false
		}
		dir, rel = child, rest
	}
}

// excludeRules compiles o.Exclude, or returns nil if it is empty.
func (o Options) excludeRules() (*ruleset, error) {
	if len(o.Exclude) == 0 {
		return nil, nil
	}
	root := o.ExcludeRoot
	if root == "" {
		root = "."
	}
	dir, err := slashAbs(root)
	if err != nil {
		return nil, err
	}
	return newRuleset(dir, o.Exclude), nil
}

// A walker collects the files and errors of one Walk.
type walker struct {
	top       *scope // of the options given
	gitignore bool
	nested    func(dir string) (Options, bool)
	files     []string
	errs      []error
}

// root visits one path named on the command line.
func (w *walker) root(path string) {
	info, err := os.Stat(path)
	if err != nil {
		w.fail(path, err)
		return
	}
	abs, err := slashAbs(path)
	if err != nil {
		w.fail(path, err)
		return
	}
	if w.top.exclude.excludes(abs, info.IsDir()) {
		return
	}
	path = filepath.Clean(path)
	if !info.IsDir() {
		w.files = append(w.files, path)
		return
	}
	var rules stack
	if w.gitignore {
		rules = w.parentRules(abs)
	}
	w.dir(path, abs, rules, w.top)
}

// dir walks the directory at path, whose slashAbs form is abs, applying the
// gitignore rules of its parents and the scope above it, unless the
// directory has its own.
func (w *walker) dir(path, abs string, rules stack, sc *scope) {
	if w.nested != nil {
		if o, ok := w.nested(path); ok {
			nested, err := o.scope()
			if err != nil {
				w.fail(path, err)
			} else {
				sc = nested
			}
		}
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		w.fail(path, err) // and go on with any entries read before the error
	}
	if w.gitignore && hasEntry(entries, ".gitignore") {
		if rs := w.load(filepath.Join(path, ".gitignore"), abs); rs != nil {
			rules = rules.push(rs)
		}
	}
	for _, e := range entries {
		name, typ := e.Name(), e.Type()
		child, childAbs := filepath.Join(path, name), abs+"/"+name
		if !typ.IsDir() && !sc.include(child) {
			continue
		}
		switch {
		case typ.IsDir():
			if !skipDir(child, name) && !w.ignored(sc, rules, childAbs, true) {
				w.dir(child, childAbs, rules, sc)
			}
		case typ.IsRegular(), typ&fs.ModeSymlink != 0 && isFile(child):
			if !w.ignored(sc, rules, childAbs, false) {
				w.files = append(w.files, child)
			}
		}
	}
}

// ignored reports whether the scope's Exclude or the gitignore rules ignore
// abs. Its parent directories have already passed the same test on the
// way down.
func (w *walker) ignored(sc *scope, rules stack, abs string, isDir bool) bool {
	if sc.exclude != nil {
		if _, ignore := sc.exclude.match(abs, isDir); ignore {
			return true
		}
	}
	return rules.ignores(abs, isDir)
}

// parentRules returns the gitignore rules that reach the directory abs from
// outside it: .git/info/exclude and the .gitignore files of the parents of
// abs up to the root of its repository. Outside a repository there are none.
func (w *walker) parentRules(abs string) stack {
	top, gitDir, ok := repoRoot(abs)
	if !ok {
		return nil
	}
	var rules stack
	if gitDir {
		if rs := w.load(filepath.FromSlash(top+"/.git/info/exclude"), top); rs != nil {
			rules = rules.push(rs)
		}
	}
	for dir := top; dir != abs; {
		if rs := w.load(filepath.FromSlash(dir+"/.gitignore"), dir); rs != nil {
			rules = rules.push(rs)
		}
		i := strings.IndexByte(abs[len(dir)+1:], '/')
		if i < 0 {
			break
		}
		dir = abs[:len(dir)+1+i]
	}
	return rules
}

// repoRoot returns the nearest directory at or above abs that contains
// .git, and whether that .git is a directory rather than the file a
// worktree or submodule has.
func repoRoot(abs string) (top string, gitDir, ok bool) {
	for dir := abs; ; {
		if info, err := os.Stat(filepath.FromSlash(dir + "/.git")); err == nil {
			return dir, info.IsDir(), true
		}
		i := strings.LastIndexByte(dir, '/')
		if i < 0 {
			return "", false, false
		}
		dir = dir[:i]
	}
}

// load reads the gitignore file at path, whose patterns are relative to
// dir. It returns nil if the file is missing or holds no patterns. Only
// a regular file is read: a FIFO would hang the walk, a device never end.
func (w *walker) load(path, dir string) *ruleset {
	info, err := os.Stat(path)
	if err == nil && !info.Mode().IsRegular() {
		err = errNotRegular
	}
	var data []byte
	if err == nil {
		data, err = os.ReadFile(path)
	}
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			w.fail(path, err)
		}
		return nil
	}
	text := strings.TrimPrefix(string(data), "\uFEFF")
	rs := newRuleset(dir, strings.Split(text, "\n"))
	if len(rs.patterns) == 0 {
		return nil
	}
	return rs
}

var errNotRegular = errors.New("not a regular file")

// fail records an error about path. It drops the operation a *fs.PathError
// would add, giving "dir: permission denied" rather than
// "open dir: permission denied".
func (w *walker) fail(path string, err error) {
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		err = pe.Err
	}
	w.errs = append(w.errs, &PathError{Path: path, Err: err})
}

// A PathError is a path given or found that could not be walked.
type PathError struct {
	Path string
	Err  error
}

func (e *PathError) Error() string { return e.Path + ": " + e.Err.Error() }
func (e *PathError) Unwrap() error { return e.Err }

// skipDir reports whether the directory at path, named name, is one whose
// contents are never checked. A pyvenv.cfg file marks a virtual
// environment, whatever its name.
func skipDir(path, name string) bool {
	if skipDirs[name] || strings.HasSuffix(name, ".egg-info") {
		return true
	}
	_, err := os.Lstat(filepath.Join(path, "pyvenv.cfg"))
	return err == nil
}

// isFile reports whether path, following symbolic links, is a regular file.
func isFile(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.Mode().IsRegular()
}

// hasEntry reports whether the sorted entries include name.
func hasEntry(entries []fs.DirEntry, name string) bool {
	_, found := slices.BinarySearchFunc(entries, name, func(e fs.DirEntry, name string) int {
		return strings.Compare(e.Name(), name)
	})
	return found
}

// slashAbs returns path made absolute, with forward slashes and without a
// trailing slash, so that the file system root is "" and joining a name is
// always dir + "/" + name.
func slashAbs(path string) (string, error) {
	abs, err := filepath.Abs(path)
	return strings.TrimSuffix(filepath.ToSlash(abs), "/"), err
}
