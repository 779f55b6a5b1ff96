// Package cache keeps, between runs, what asynclint learned about each
// file: its summary and its findings, keyed by the file's content, the
// tool's version and the configuration, so that a run over unchanged files
// parses nothing.
package cache

import (
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/asynclint/asynclint/analysis/project"
	"github.com/asynclint/asynclint/analysis/report"
)

// Dir is the name of the cache directory, created in the project root.
const Dir = ".asynclint_cache"

// An Entry is what is cached for one file. A summary or findings entry is
// valid only while its key matches.
type Entry struct {
	Size, ModTime int64  // of the file when it was read
	Hash          string // of its content
	// Relevant and Imports are what the byte scan found: whether the file
	// mentions async code, and the modules it imports.
	Relevant    bool
	Imports     []string
	SummaryKey  string
	Summary     *project.Summary
	FindingsKey string
	Findings    []report.Finding
}

// A Cache holds the entries of one project. It is safe for concurrent use.
type Cache struct {
	path    string
	mu      sync.Mutex
	old     map[string]*Entry // loaded from disk
	entries map[string]*Entry // of this run, saved by Save
}

// Open loads the cache of the tool version in root, or starts an empty one
// when there is none or it cannot be read. version should change whenever
// the program does, so that a rebuilt binary never sees stale findings.
func Open(root, version string) *Cache {
	c := &Cache{
		path:    filepath.Join(root, Dir, "cache-"+Key(version)[:16]+".gob"),
		old:     map[string]*Entry{},
		entries: map[string]*Entry{},
	}
	if f, err := os.Open(c.path); err == nil {
		defer f.Close()
		if gob.NewDecoder(f).Decode(&c.old) != nil {
			c.old = map[string]*Entry{} // a damaged cache is no cache
		}
	}
	return c
}

// Get returns the cached entry of a file, or nil.
func (c *Cache) Get(path string) *Entry {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.old[path]
}

// Put records the entry of a file for Save.
func (c *Cache) Put(path string, e *Entry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.entries[path] = e
}

// Len returns the number of entries loaded from disk.
func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.old)
}

// Save writes the entries of this run, replacing the previous cache file
// atomically. Files not seen in this run are dropped, so the cache does
// not grow without bound.
func (c *Cache) Save() error {
	dir := filepath.Dir(c.path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	ignore := filepath.Join(dir, ".gitignore")
	if _, err := os.Stat(ignore); err != nil {
		os.WriteFile(ignore, []byte("# Created by asynclint.\n*\n"), 0o644)
	}
	tmp, err := os.CreateTemp(dir, "cache-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	c.mu.Lock()
	err = gob.NewEncoder(tmp).Encode(c.entries)
	c.mu.Unlock()
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), c.path); err != nil {
		return err
	}
	// Caches of other versions will not be read again.
	old, _ := filepath.Glob(filepath.Join(dir, "cache-*.gob"))
	for _, o := range old {
		if o != c.path {
			os.Remove(o)
		}
	}
	return nil
}

// Key hashes its parts into a cache key.
func Key(parts ...any) string {
	h := sha256.New()
	for _, p := range parts {
		fmt.Fprintf(h, "%v\x00", p)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Hash returns the hash of a file's content.
func Hash(src []byte) string {
	sum := sha256.Sum256(src)
	return hex.EncodeToString(sum[:])
}
