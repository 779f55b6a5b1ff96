package project

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// Modules names the modules of files: a file's module is its path
// relative to the nearest directory that holds pyproject.toml, setup.py or
// setup.cfg or is called src (the src layout); failing that, relative to
// the nearest directory checked explicitly. Packages without __init__.py
// (namespace packages) need no special case. It is safe for concurrent use.
type Modules struct {
	roots    map[string]bool // explicit roots, absolute
	mu       sync.Mutex
	dirs     map[string]bool   // directory -> is a project or src directory
	packages map[string]dotted // directory as given -> its package
}

// dotted is the package a directory spells, "" for a root; ok is false
// when it spells none.
type dotted struct {
	name string
	ok   bool
}

// NewModules returns a namer with extra roots (the checked directories and
// the configuration's directory).
func NewModules(roots ...string) *Modules {
	m := &Modules{roots: map[string]bool{}, dirs: map[string]bool{}, packages: map[string]dotted{}}
	for _, r := range roots {
		if abs, err := filepath.Abs(r); err == nil {
			m.roots[abs] = true
		}
	}
	return m
}

// Name returns the module name of a Python file and whether it is a
// package's __init__.py; "" when the path does not spell a module.
func (m *Modules) Name(path string) (module string, pkg bool) {
	dir, base := filepath.Split(path)
	pkg = base == "__init__.py"
	p := m.packageOf(dir)
	switch {
	case !p.ok:
		return "", pkg
	case pkg:
		return p.name, pkg
	}
	name := strings.TrimSuffix(base, ".py")
	switch {
	case !isIdentifier(name):
		return "", pkg
	case p.name == "":
		return name, pkg
	}
	return p.name + "." + name, pkg
}

// packageOf returns the package that dir spells, remembered by directory
// since a project's files share few directories.
func (m *Modules) packageOf(dir string) dotted {
	m.mu.Lock()
	p, ok := m.packages[dir]
	m.mu.Unlock()
	if ok {
		return p
	}
	p = m.spell(dir)
	m.mu.Lock()
	m.packages[dir] = p
	m.mu.Unlock()
	return p
}

// spell works out the package that dir spells from its path.
func (m *Modules) spell(dir string) dotted {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return dotted{}
	}
	var ancestors []string
	for d := abs; ; d = filepath.Dir(d) {
		ancestors = append(ancestors, d)
		if filepath.Dir(d) == d {
			break
		}
	}
	root := -1
	for i, d := range ancestors {
		if m.isMarked(d) {
			root = i
			break
		}
	}
	for i := 0; root < 0 && i < len(ancestors); i++ {
		if m.roots[ancestors[i]] {
			root = i
		}
	}
	if root < 0 {
		return dotted{} // no root above: not importable as a project module
	}
	parts := make([]string, root)
	for i, d := range ancestors[:root] {
		parts[root-1-i] = filepath.Base(d)
		if !isIdentifier(parts[root-1-i]) {
			return dotted{}
		}
	}
	return dotted{strings.Join(parts, "."), true}
}

// isMarked reports whether dir is a project or src directory.
func (m *Modules) isMarked(dir string) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	if root, ok := m.dirs[dir]; ok {
		return root
	}
	root := filepath.Base(dir) == "src"
	for _, marker := range []string{"pyproject.toml", "setup.py", "setup.cfg"} {
		if root {
			break
		}
		_, err := os.Stat(filepath.Join(dir, marker))
		root = err == nil
	}
	m.dirs[dir] = root
	return root
}

func isIdentifier(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if r != '_' && !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || i > 0 && '0' <= r && r <= '9') && r < 0x80 {
			return false
		}
	}
	return true
}
