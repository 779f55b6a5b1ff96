package config

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// A Resolver gives each file its configuration: that of the nearest
// directory above it holding one, as Find looks for it, with the
// command-line overrides on top; or, when a configuration file is named on
// the command line, that one for every file. Notebooks get top-level await
// allowed. A Resolver remembers what it found for each directory and is
// safe for concurrent use.
type Resolver struct {
	cat   *Catalog
	over  Overrides
	fixed *Config // from the file named on the command line; nil to search

	mu        sync.Mutex
	dirs      map[string]*Config // absolute directory -> its configuration
	notebooks map[*Config]*Config
	err       error // the first configuration file that could not be read
}

// NewResolver returns a resolver for the rules of cat, applying over on
// top of every configuration file, or of the file at path when path is not
// "". It fails when over is not valid or that file cannot be read.
func NewResolver(cat Catalog, over Overrides, path string) (*Resolver, error) {
	r := &Resolver{cat: &cat, over: over, dirs: map[string]*Config{}, notebooks: map[*Config]*Config{}}
	if _, err := over.check(r.cat); err != nil {
		return nil, err
	}
	if path != "" {
		c, err := loadFile(path, r.cat, nil)
		if err != nil {
			return nil, err
		}
		if r.fixed, err = r.overridden(c); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// overridden returns a copy of c with the overrides applied.
func (r *Resolver) overridden(c *Config) (*Config, error) {
	cp := *c
	if err := cp.override(r.over, r.cat); err != nil {
		return nil, err
	}
	return &cp, nil
}

// For returns the configuration of the file at path.
func (r *Resolver) For(path string) *Config {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	c := r.Dir(filepath.Dir(abs))
	if IsNotebook(path) && !c.Settings.TopLevelAwait {
		return r.notebook(c)
	}
	return c
}

// IsNotebook reports whether path names a Jupyter notebook.
func IsNotebook(path string) bool { return strings.EqualFold(filepath.Ext(path), ".ipynb") }

// notebook returns c with top-level await allowed, as in a notebook.
func (r *Resolver) notebook(c *Config) *Config {
	r.mu.Lock()
	defer r.mu.Unlock()
	if nb := r.notebooks[c]; nb != nil {
		return nb
	}
	nb := *c
	nb.Settings.TopLevelAwait = true
	r.notebooks[c] = &nb
	return &nb
}

// Dir returns the configuration of the files in the directory dir.
func (r *Resolver) Dir(dir string) *Config {
	if r.fixed != nil {
		return r.fixed
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		abs = dir
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	var visited []string
	c := (*Config)(nil)
	for d := abs; c == nil; {
		if c = r.dirs[d]; c != nil {
			break
		}
		visited = append(visited, d)
		found, err := inDir(d, r.cat)
		if err == nil && found != nil {
			found, err = r.overridden(found)
		}
		switch {
		case err != nil:
			if r.err == nil {
				r.err = err
			}
		case found != nil:
			c = found
			continue
		}
		parent := filepath.Dir(d)
		if parent == d {
			// None above: the defaults, rooted at the start.
			c, _ = r.overridden(defaults(abs, r.cat))
			break
		}
		d = parent
	}
	for _, d := range visited {
		r.dirs[d] = c
	}
	return c
}

// Owns reports whether the directory dir holds the configuration file
// that applies below it, returning that configuration.
func (r *Resolver) Owns(dir string) (*Config, bool) {
	c := r.Dir(dir)
	abs, err := filepath.Abs(dir)
	return c, err == nil && c.Path != "" && c.Root == abs && r.fixed == nil
}

// Err returns the error of the first configuration file that could not be
// read or parsed, whose directory got the configuration above it instead.
func (r *Resolver) Err() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.err
}

// projectMarkers are the files that mark the root of a Python project when
// no configuration file does.
var projectMarkers = []string{"pyproject.toml", "setup.py", "setup.cfg", ".git"}

// Root returns the directory of the project that the file or directory at
// path belongs to: that of its configuration file, or of a file it
// extends when that lies above; without a configuration file, the nearest
// directory holding pyproject.toml, setup.py, setup.cfg or .git; "" when
// there is none either.
func (r *Resolver) Root(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return ""
	}
	dir := abs
	if info, err := os.Stat(abs); err != nil || !info.IsDir() {
		dir = filepath.Dir(abs)
	}
	if c := r.Dir(dir); c.Path != "" && r.fixed == nil {
		root := c.Root
		for _, ext := range c.Extends {
			if d := filepath.Dir(ext); within(root, d) {
				root = d
			}
		}
		return root
	}
	for d := dir; ; {
		for _, m := range projectMarkers {
			if _, err := os.Stat(filepath.Join(d, m)); err == nil {
				return d
			}
		}
		parent := filepath.Dir(d)
		if parent == d {
			return ""
		}
		d = parent
	}
}

// within reports whether path is dir or lies below it.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
