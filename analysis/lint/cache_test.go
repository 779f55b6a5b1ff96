package lint

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/rules"
)

// TestCache checks that an unchanged run parses nothing and reports the
// same findings, and that a change re-analyses only the files whose facts
// depend on it.
func TestCache(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "pyproject.toml", "[project]\nname = \"app\"\n")
	write(t, dir, "app/__init__.py", "")
	write(t, dir, "app/handler.py", "from .store import load\n\n\nasync def handler():\n    return load()\n")
	write(t, dir, "app/store.py", "from .disk import read\n\n\ndef load():\n    return read()\n")
	write(t, dir, "app/disk.py", "def read():\n    with open('x') as f:\n        return f.read()\n")
	write(t, dir, "app/other.py", "import time\n\n\nasync def other():\n    time.sleep(1)\n")
	write(t, dir, "app/plain.py", "def unrelated():\n    return 1\n")
	opts := Options{Paths: []string{dir}, Config: defaults(t, dir), Rules: analysis.Rules(), Summarize: rules.Summarize, Cache: true}

	cold := runLint(t, opts)
	if cold.Parsed != 4 || len(cold.Findings) != 2 {
		t.Fatalf("cold run: parsed %d files (want 4: plain.py and __init__.py need no tree), findings %v", cold.Parsed, names(cold))
	}
	warm := runLint(t, opts)
	if warm.Parsed != 0 || !reflect.DeepEqual(warm.Findings, cold.Findings) {
		t.Fatalf("warm run: parsed %d files, findings %v", warm.Parsed, names(warm))
	}
	if _, err := os.Stat(filepath.Join(dir, ".asynclint_cache", ".gitignore")); err != nil {
		t.Errorf("cache has no .gitignore: %v", err)
	}

	// disk.py no longer blocks: it is parsed again for its summary, and
	// handler.py, whose facts depend on it through store.py, for its
	// findings; store.py (unchanged, no async code) and other.py are not.
	later := time.Now().Add(time.Second)
	path := write(t, dir, "app/disk.py", "def read():\n    return 'x'\n")
	os.Chtimes(path, later, later)
	changed := runLint(t, opts)
	if changed.Parsed != 2 || len(changed.Findings) != 1 {
		t.Fatalf("after a change: parsed %d files (want disk.py for its summary, handler.py for its findings), findings %v", changed.Parsed, names(changed))
	}

	opts.Cache = false
	if res := runLint(t, opts); res.Parsed != 4 {
		t.Errorf("without the cache: parsed %d files", res.Parsed)
	}
}
