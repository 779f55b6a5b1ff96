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
	roots map[string]bool // explicit roots, absolute
	mu    sync.Mutex
	dirs  map[string]bool // directory -> is a project or src directory
}

// NewModules returns a namer with extra roots (the checked directories and
// the configuration's directory).
func NewModules(roots ...string) *Modules {
	m := &Modules{roots: map[string]bool{}, dirs: map[string]bool{}}
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
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", false
	}
	dir, base := filepath.Split(abs)
	dir = filepath.Clean(dir)
	pkg = base == "__init__.py"
	parts := []string{}
	if !pkg {
		parts = append(parts, strings.TrimSuffix(base, ".py"))
	}
	var ancestors []string
	for d := dir; ; d = filepath.Dir(d) {
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
		return "", pkg // no root above: not importable as a project module
	}
	for _, d := range ancestors[:root] {
		parts = append(parts, filepath.Base(d))
	}
	for i, j := 0, len(parts)-1; i < j; i, j = i+1, j-1 {
		parts[i], parts[j] = parts[j], parts[i]
	}
	for _, p := range parts {
		if !isIdentifier(p) {
			return "", pkg
		}
	}
	return strings.Join(parts, "."), pkg
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
