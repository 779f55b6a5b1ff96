// Package config finds and loads asynclint's configuration: the
// [tool.asynclint] table of pyproject.toml, or the top level of
// asynclint.toml, with the same keys as ruff where the two tools overlap.
package config

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// Config is the configuration that applies to a directory tree.
//
// Find, Load and Override prepare a summary that keeps Enabled cheap;
// change a loaded Config through Override so that summary stays current.
type Config struct {
	Path string // the file the configuration came from; "" for defaults
	Root string // its directory (patterns are relative to it); the start directory for defaults

	// Select, ExtendSelect and Ignore are rule selectors: code prefixes
	// such as "AL2" or "AL201", or "ALL". A nil Select means the rules
	// that are on by default.
	Select, ExtendSelect, Ignore []string

	Exclude []string // exclude + extend-exclude, gitignore-style patterns
	// Include holds include + extend-include: glob patterns of the files a
	// walk checks, matched against a file's name, or against its path
	// relative to Root when they hold a slash. Nil means DefaultInclude.
	Include        []string
	PerFileIgnores []PerFileIgnore
	Settings       Settings

	// Extends lists the configuration files this one extends, nearest
	// first.
	Extends []string
	// Origins says where each key's value came from: the path of a
	// configuration file, or a command-line flag. Keys left at their
	// defaults are absent.
	Origins map[string]string

	inherited                    []selection // of the files extended, farthest first
	extend                       string      // the extend key, as written
	extendExclude, extendInclude []string    // as written, for a configuration that extends this one
	m                            *matcher
}

// DefaultInclude are the files a walk checks when include is not set:
// Python sources and Jupyter notebooks.
var DefaultInclude = []string{"*.py", "*.ipynb"}

// PerFileIgnore turns rules off for the files a glob pattern matches.
type PerFileIgnore struct {
	Pattern string
	Codes   []string // selectors
}

// Configuration file names, in the order Find prefers them within a directory.
const (
	asynclintFile = "asynclint.toml"
	hiddenFile    = ".asynclint.toml"
	pyprojectFile = "pyproject.toml"
)

// Find returns the configuration that applies to dir: that of the nearest
// directory, from dir up to the filesystem root, holding asynclint.toml,
// .asynclint.toml, or a pyproject.toml with a [tool.asynclint] table. A
// pyproject.toml without that table is skipped, as ruff does, so that a
// subproject's packaging metadata does not hide the repository's settings.
// Without any, Find returns the defaults. A file on the way that cannot be
// read or parsed is an error, even a pyproject.toml, since it might have
// held the configuration.
//
// known lists the rule codes that selectors must match.
func Find(dir string, known []string) (*Config, error) {
	return find(dir, &Catalog{Codes: known})
}

// FindIn is Find for the rules of cat, whose selectors may name other
// tools' codes.
func FindIn(dir string, cat Catalog) (*Config, error) {
	return find(dir, &cat)
}

func find(dir string, cat *Catalog) (*Config, error) {
	start, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	for d := start; ; {
		c, err := inDir(d, cat)
		if c != nil || err != nil {
			return c, err
		}
		parent := filepath.Dir(d)
		if parent == d {
			break
		}
		d = parent
	}
	return defaults(start, cat), nil
}

// inDir returns the configuration file of the directory d, or nil if it
// has none.
func inDir(d string, cat *Catalog) (*Config, error) {
	for _, name := range []string{asynclintFile, hiddenFile, pyprojectFile} {
		path := filepath.Join(d, name)
		data, err := readFile(path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			continue
		case errors.Is(err, errUnsearchable):
			// Nothing in d can be read, its sources included, which
			// say so when they are read.
			return nil, nil
		case err != nil:
			return nil, err
		}
		c, found, err := loadData(path, data, cat, nil)
		if err != nil || found {
			return c, err
		}
	}
	return nil, nil
}

// defaults returns the configuration of a directory tree without a
// configuration file.
func defaults(root string, cat *Catalog) *Config {
	c := &Config{Root: root, Settings: *DefaultSettings()}
	c.m = newMatcher(c, cat)
	return c
}

// Load reads one configuration file. A file named pyproject.toml is read
// for its [tool.asynclint] table (if it has none, the result is the
// defaults with the target version taken from requires-python); any other
// file is read as asynclint.toml.
func Load(path string, known []string) (*Config, error) {
	return loadFile(path, &Catalog{Codes: known}, nil)
}

func loadFile(path string, cat *Catalog, chain []string) (*Config, error) {
	data, err := readFile(path)
	if err != nil {
		return nil, err
	}
	c, _, err := loadData(path, data, cat, chain)
	return c, err
}

// loadData decodes a configuration file and the files it extends; chain
// lists the files that extend it, to refuse a cycle. It reports whether
// the file configures asynclint, which a pyproject.toml may not.
func loadData(path string, data []byte, cat *Catalog, chain []string) (*Config, bool, error) {
	c, found, err := parse(path, data, cat)
	if err != nil || c.extend == "" {
		return c, found, err
	}
	basePath := c.extend
	if !filepath.IsAbs(basePath) {
		basePath = filepath.Join(c.Root, basePath)
	}
	basePath = filepath.Clean(basePath)
	chain = append(chain, c.Path)
	if slices.Contains(chain, basePath) {
		return nil, false, fmt.Errorf("%s: extend: %s extends itself through %s", path, basePath, strings.Join(chain, " -> "))
	}
	base, err := loadFile(basePath, cat, chain)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, false, fmt.Errorf("%s: extend: %s: no such file", path, c.extend)
		}
		return nil, false, err
	}
	return extend(base, c, cat), found, nil
}

// maxFileSize bounds a configuration file: a larger one is not written by
// hand, and its thousands of patterns would be matched against every file.
const maxFileSize = 1 << 20

// errUnsearchable reports a configuration file in a directory that may
// not be searched: whether it exists cannot be told.
var errUnsearchable = errors.New("directory cannot be searched")

// readFile reads a configuration file, refusing one over maxFileSize and
// anything but a regular file: a FIFO would hang the run, a device never
// end.
func readFile(path string) ([]byte, error) {
	info, err := os.Stat(path)
	if errors.Is(err, fs.ErrPermission) {
		return nil, fmt.Errorf("%w: %w", errUnsearchable, err)
	}
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file", path)
	}
	if info.Size() > maxFileSize {
		return nil, fmt.Errorf("%s: %.1f MB, larger than the 1 MB a configuration file may be", path, float64(info.Size())/(1<<20))
	}
	return os.ReadFile(path)
}

// parse decodes a configuration file, without the files it extends. It
// reports whether the file configures asynclint, which a pyproject.toml
// may not.
func parse(path string, data []byte, cat *Catalog) (*Config, bool, error) {
	var doc map[string]any
	md, err := toml.Decode(string(data), &doc)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			line := pe.Position.Line
			if at := pe.Position.Start; at >= 0 && at < len(data) && data[at] == '\n' {
				// The parser counts a newline it stops at as part of the
				// next line; the mistake is on the line the newline ends.
				line = 1 + bytes.Count(data[:at], []byte("\n"))
			}
			return nil, false, fmt.Errorf("%s: line %d: %s", path, line, pe.Message)
		}
		return nil, false, fmt.Errorf("%s: %v", path, err)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, false, err
	}
	c := &Config{Path: abs, Root: filepath.Dir(abs), Settings: *DefaultSettings(), Origins: map[string]string{}}
	t := &table{file: path, md: md, values: doc}
	if filepath.Base(path) == pyprojectFile {
		if v, ok := inferVersion(doc); ok {
			c.Settings.TargetVersion = v
			c.Origins["target-version"] = abs + " ([project] requires-python)"
		}
		tool, _ := doc["tool"].(map[string]any)
		v, ok := tool["asynclint"]
		if !ok {
			c.m = newMatcher(c, cat)
			return c, false, nil
		}
		t.values, ok = v.(map[string]any)
		if !ok {
			return nil, false, fmt.Errorf("%s: tool.asynclint: expected a table, got %s", path, describe(v))
		}
		t.key = []string{"tool", "asynclint"}
	}
	if err := c.decode(t, cat); err != nil {
		return nil, false, err
	}
	c.m = newMatcher(c, cat)
	return c, true, nil
}

// keys are the valid keys of the configuration table.
var keys = []string{
	"allow-top-level-await",
	"blocking",
	"exclude",
	"extend",
	"extend-exclude",
	"extend-include",
	"extend-select",
	"ignore",
	"include",
	"per-file-ignores",
	"select",
	"target-version",
}

// decode sets c from the keys of t, checking each one.
func (c *Config) decode(t *table, cat *Catalog) error {
	var exclude, include []string
	for _, k := range t.names() {
		v := t.values[k]
		var err error
		switch k {
		case "select":
			c.Select, err = t.selectors(k, v, cat)
		case "extend-select":
			c.ExtendSelect, err = t.selectors(k, v, cat)
		case "ignore":
			c.Ignore, err = t.selectors(k, v, cat)
		case "exclude":
			exclude, err = t.strings(k, v)
		case "extend-exclude":
			c.extendExclude, err = t.strings(k, v)
		case "include":
			include, err = t.strings(k, v)
		case "extend-include":
			c.extendInclude, err = t.strings(k, v)
		case "per-file-ignores":
			c.PerFileIgnores, err = t.perFileIgnores(k, v, cat)
		case "target-version":
			s, ok := v.(string)
			if !ok {
				return t.errorf(k, "expected a string such as %q, got %s", "py311", describe(v))
			}
			c.Settings.TargetVersion, err = parseTarget(s)
			if err != nil {
				return t.errorf(k, "%v", err)
			}
		case "allow-top-level-await":
			b, ok := v.(bool)
			if !ok {
				return t.errorf(k, "expected true or false, got %s", describe(v))
			}
			c.Settings.TopLevelAwait = b
		case "blocking":
			c.Settings.Blocking, err = t.blocking(k, v)
		case "extend":
			s, ok := v.(string)
			if !ok || s == "" {
				return t.errorf(k, "expected the path of the configuration file to extend, got %s", describe(v))
			}
			c.extend = s
		default:
			return t.errorf(k, "unknown key (valid keys: %s)", strings.Join(keys, ", "))
		}
		if err != nil {
			return err
		}
		c.Origins[k] = c.Path
	}
	c.Exclude = append(exclude, c.extendExclude...)
	c.Include = include
	if c.extendInclude != nil {
		base := include
		if base == nil {
			base = DefaultInclude
		}
		c.Include = append(slices.Clone(base), c.extendInclude...)
	}
	return nil
}

// A table is a TOML table being decoded, with what error messages need to
// say where a value came from.
type table struct {
	file   string
	key    []string // the table's key; nil for the top level
	md     toml.MetaData
	values map[string]any
}

// names returns the table's keys in the order the file defines them, so
// that the first error reported is the first in the file and per-file
// ignores keep their order.
func (t *table) names() []string {
	pos := map[string]int{}
	for i, k := range t.md.Keys() {
		if len(k) > len(t.key) && slices.Equal(k[:len(t.key)], t.key) {
			if _, seen := pos[k[len(t.key)]]; !seen {
				pos[k[len(t.key)]] = i
			}
		}
	}
	names := slices.Collect(maps.Keys(t.values))
	slices.SortFunc(names, func(a, b string) int {
		return cmp.Or(pos[a]-pos[b], strings.Compare(a, b))
	})
	return names
}

// errorf reports a problem with the value of key k.
func (t *table) errorf(k, format string, args ...any) error {
	where := k
	if !isBare(k) {
		where = fmt.Sprintf("%q", k)
	}
	if t.key != nil {
		where = "[" + strings.Join(t.key, ".") + "] " + where
	}
	return fmt.Errorf("%s: %s: %s", t.file, where, fmt.Sprintf(format, args...))
}

// strings returns v as a list of strings.
func (t *table) strings(k string, v any) ([]string, error) {
	list, ok := v.([]any)
	if !ok {
		return nil, t.errorf(k, "expected a list of strings, got %s", describe(v))
	}
	out := make([]string, len(list))
	for i, e := range list {
		s, ok := e.(string)
		if !ok {
			return nil, t.errorf(k, "expected a list of strings, but item %d is %s", i+1, describe(e))
		}
		out[i] = s
	}
	return out, nil
}

// blocking reads the [blocking] table: "allow", a list of qualified names
// or modules, and qualified names of blocking calls mapped to the
// replacement to suggest.
func (t *table) blocking(k string, v any) (BlockingSettings, error) {
	var b BlockingSettings
	m, ok := v.(map[string]any)
	if !ok {
		return b, t.errorf(k, "expected a table, got %s", describe(v))
	}
	sub := &table{file: t.file, key: append(append([]string{}, t.key...), k), md: t.md, values: m}
	for _, name := range sub.names() {
		value := m[name]
		if name == "allow" {
			allow, err := sub.strings(name, value)
			if err != nil {
				return b, err
			}
			b.Allow = allow
			continue
		}
		replacement, ok := value.(string)
		if !ok {
			return b, sub.errorf(name, "expected the replacement to suggest, as a string, got %s", describe(value))
		}
		if !isDottedName(name) {
			return b, sub.errorf(name, "expected a qualified name such as %q", "mylib.fetch_sync")
		}
		if b.Calls == nil {
			b.Calls = map[string]string{}
		}
		b.Calls[name] = replacement
	}
	return b, nil
}

// isDottedName reports whether s looks like a Python qualified name.
func isDottedName(s string) bool {
	for _, part := range strings.Split(s, ".") {
		if part == "" || strings.ContainsAny(part, " \t-/()[]") || part[0] >= '0' && part[0] <= '9' {
			return false
		}
	}
	return true
}

// selectors returns v as a list of rule selectors.
func (t *table) selectors(k string, v any, cat *Catalog) ([]string, error) {
	sels, err := t.strings(k, v)
	if err != nil {
		return nil, err
	}
	for _, s := range sels {
		if err := checkSelector(s, cat); err != nil {
			return nil, t.errorf(k, "%v", err)
		}
	}
	return sels, nil
}

// perFileIgnores returns v, a table of glob pattern to selectors.
func (t *table) perFileIgnores(k string, v any, cat *Catalog) ([]PerFileIgnore, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, t.errorf(k, "expected a table of glob pattern = list of rule selectors, got %s", describe(v))
	}
	sub := &table{file: t.file, key: append(slices.Clip(t.key), k), md: t.md, values: m}
	var out []PerFileIgnore
	for _, pat := range sub.names() {
		codes, err := sub.selectors(pat, m[pat], cat)
		if err != nil {
			return nil, err
		}
		out = append(out, PerFileIgnore{Pattern: pat, Codes: codes})
	}
	return out, nil
}

// isBare reports whether k can be written unquoted as a TOML key.
func isBare(k string) bool {
	return k != "" && strings.Trim(k, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-") == ""
}

// describe names the type of a decoded TOML value for error messages.
func describe(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case int64:
		return "an integer"
	case float64:
		return "a float"
	case bool:
		return "a boolean"
	case time.Time:
		return "a date or time"
	case []any:
		return "a list"
	case []map[string]any:
		return "an array of tables"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("a %T", v)
}
