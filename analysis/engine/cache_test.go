package engine

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/asynclint/asynclint/analysis/config"
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
	opts := Options{ProjectOptions: ProjectOptions{Paths: []string{dir}, Config: defaults(t, dir), Suite: rules.Suite(), Cache: true}}

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

// TestCacheUnchangedRun checks that a run in which nothing changed takes
// every finding from the cache without reading the summaries, and that a
// change of the rules, a new file or a removed one is not mistaken for
// such a run.
func TestCacheUnchangedRun(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "pyproject.toml", "[project]\nname = \"app\"\n")
	write(t, dir, "app/__init__.py", "")
	write(t, dir, "app/handler.py", "import time\nfrom .disk import read\n\n\nasync def handler():\n    time.sleep(1)\n    return read()\n")
	write(t, dir, "app/disk.py", "def read():\n    with open('x') as f:\n        return f.read()\n")
	opts := Options{ProjectOptions: ProjectOptions{Paths: []string{dir}, Config: defaults(t, dir), Suite: rules.Suite(), Cache: true}}
	cold := runLint(t, opts)
	if len(cold.Findings) != 2 {
		t.Fatalf("cold run: findings %v", names(cold))
	}
	summaries, _ := filepath.Glob(filepath.Join(dir, ".asynclint_cache", "cache-*-summaries.gob"))
	if len(summaries) != 1 {
		t.Fatalf("summaries files %v", summaries)
	}
	os.Remove(summaries[0]) // an unchanged run does not need it
	if warm := runLint(t, opts); warm.Parsed != 0 || !reflect.DeepEqual(warm.Findings, cold.Findings) {
		t.Fatalf("unchanged run: parsed %d files, findings %v", warm.Parsed, names(warm))
	}

	opts.Config.Ignore = []string{"AL201"}
	if res := runLint(t, opts); len(res.Findings) != 1 || res.Findings[0].Code != "AL210" {
		t.Fatalf("with AL201 ignored: findings %v", names(res))
	}
	opts.Config.Ignore = nil

	// Per-file ignores: the rules of the files they name differ from the
	// others', run after run.
	write(t, dir, "pyproject.toml", "[project]\nname = \"app\"\n[tool.asynclint.per-file-ignores]\n\"app/handler.py\" = [\"AL201\"]\n")
	ignoring := opts
	cfg, err := config.Find(dir, rules.Suite().Codes())
	if err != nil {
		t.Fatal(err)
	}
	ignoring.Config = cfg
	for range 2 {
		if res := runLint(t, ignoring); len(res.Findings) != 1 || res.Findings[0].Code != "AL210" {
			t.Fatalf("with AL201 ignored in handler.py: findings %v", names(res))
		}
	}
	write(t, dir, "pyproject.toml", "[project]\nname = \"app\"\n")

	write(t, dir, "app/more.py", "import time\n\n\nasync def more():\n    time.sleep(1)\n")
	if res := runLint(t, opts); len(res.Findings) != 3 {
		t.Fatalf("with a new file: findings %v", names(res))
	}
	os.Remove(filepath.Join(dir, "app/more.py"))
	if res := runLint(t, opts); !reflect.DeepEqual(res.Findings, cold.Findings) {
		t.Fatalf("with the new file removed: findings %v", names(res))
	}
}
