// Package cache keeps, between runs, what asynclint learned about each
// file: its summary and its findings, keyed by the file's content, the
// tool's version and the configuration, so that a run over unchanged files
// parses nothing. Summaries are kept in a file of their own, read only
// when a run needs the project index: a run in which nothing changed
// does not.
package cache

import (
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
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
	Relevant   bool
	Imports    []string
	SummaryKey string // of the summary in the summaries file
	// Wanted is set when the file's findings were wanted.
	Wanted      bool
	FindingsKey string
	Findings    []report.Finding
}

// A Cache holds the entries of one project. It is safe for concurrent use.
type Cache struct {
	path    string
	program string
	mu      sync.Mutex
	old     file // loaded from disk
	new     file // of this run, saved by Save

	loadSummaries sync.Once
	oldSummaries  map[string]Summary
	summaries     map[string]Summary // of this run
	kept          []string           // files whose summary is kept from the previous run
}

// A Summary is a file's summary with its key.
type Summary struct {
	Key     string
	Summary *project.Summary
}

// file is what the cache file holds.
type file struct {
	// Run identifies what the findings of the run that wrote the file
	// depend on beyond each file (see SetRun).
	Run     string
	Entries map[string]*Entry
}

// Open loads the cache that program, at version, keeps in root, or starts
// an empty one when there is none or it cannot be read. version should
// change whenever the program does, so that a rebuilt binary never sees
// stale findings. Each program keeps its own cache, since each is rebuilt
// on its own.
func Open(root, program, version string) *Cache {
	return OpenDir(filepath.Join(root, Dir), program, version)
}

// OpenDir is Open with the cache in the directory dir instead.
func OpenDir(dir, program, version string) *Cache {
	c := &Cache{
		path:      filepath.Join(dir, "cache-"+program+"-"+Key(version)[:16]+".gob"),
		program:   program,
		old:       file{Entries: map[string]*Entry{}},
		new:       file{Entries: map[string]*Entry{}},
		summaries: map[string]Summary{},
	}
	if !decode(c.path, &c.old) || c.old.Entries == nil {
		c.old = file{Entries: map[string]*Entry{}} // a damaged cache is no cache
	}
	return c
}

// decode reads a gob file into v, reporting whether it could.
func decode(path string, v any) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	return gob.NewDecoder(f).Decode(v) == nil
}

// summariesPath returns the path of the summaries file.
func (c *Cache) summariesPath() string {
	return strings.TrimSuffix(c.path, ".gob") + "-summaries.gob"
}

// Get returns the cached entry of a file, or nil.
func (c *Cache) Get(path string) *Entry {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.old.Entries[path]
}

// Summary returns the cached summary of a file, if it has the given key,
// or nil. The summaries file is read on the first call.
func (c *Cache) Summary(path, key string) *project.Summary {
	c.readSummaries()
	if s := c.oldSummaries[path]; s.Key == key {
		return s.Summary
	}
	return nil
}

func (c *Cache) readSummaries() {
	c.loadSummaries.Do(func() {
		if !decode(c.summariesPath(), &c.oldSummaries) {
			c.oldSummaries = nil
		}
	})
}

// Put records the entry of a file for Save, with its summary if it has
// one, under the entry's summary key. Without a summary, an entry with a
// summary key keeps the previous run's summary of the file, if it has
// that key: a run that needed only part of the project keeps the rest.
func (c *Cache) Put(path string, e *Entry, s *project.Summary) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.new.Entries[path] = e
	switch {
	case s != nil:
		c.summaries[path] = Summary{e.SummaryKey, s}
	case e.SummaryKey != "":
		c.kept = append(c.kept, path)
	}
}

// Len returns the number of entries loaded from disk.
func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.old.Entries)
}

// Run returns the run key the cache was saved with.
func (c *Cache) Run() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.old.Run
}

// SetRun sets the run key to save: what the findings depend on beyond
// each file's entry, such as the settings and the rules.
func (c *Cache) SetRun(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.new.Run = key
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
	if len(c.kept) > 0 {
		c.readSummaries()
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, path := range c.kept {
		if s := c.oldSummaries[path]; s.Key == c.new.Entries[path].SummaryKey {
			c.summaries[path] = s
		}
	}
	if err := encode(dir, c.summariesPath(), c.summaries); err != nil {
		return err
	}
	if err := encode(dir, c.path, c.new); err != nil {
		return err
	}
	// Caches of the program's other versions will not be read again.
	old, _ := filepath.Glob(filepath.Join(dir, "cache-"+c.program+"-*.gob"))
	for _, o := range old {
		if o != c.path && o != c.summariesPath() {
			os.Remove(o)
		}
	}
	return nil
}

// encode writes v to path atomically.
func encode(dir, path string, v any) error {
	tmp, err := os.CreateTemp(dir, "cache-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	err = gob.NewEncoder(tmp).Encode(v)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
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
