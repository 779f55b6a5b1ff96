package engine

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/asynclint/asynclint/analysis/config"
	"github.com/asynclint/asynclint/rules"
)

// crossModule is a project in which worker.py tests a coroutine of its
// base class, defined in another module (AL303), and other.py blocks.
var crossModule = map[string]string{
	"pyproject.toml":  "[project]\nname = \"app\"\n",
	"app/__init__.py": "",
	"app/base.py":     "class Store:\n    async def ready(self):\n        return True\n",
	"app/worker.py":   "from .base import Store\n\n\nclass Worker(Store):\n    async def run(self):\n        if self.ready():\n            return 1\n",
	"app/other.py":    "import time\n\n\nasync def other():\n    time.sleep(1)\n",
	"app/plain.py":    "def unrelated():\n    return 1\n",
}

func projectOptions(t *testing.T, root string, paths ...string) Options {
	t.Helper()
	suite := rules.Suite()
	r, err := config.NewResolver(config.Catalog{Codes: suite.Codes()}, config.Overrides{}, "")
	if err != nil {
		t.Fatal(err)
	}
	return Options{ProjectOptions: ProjectOptions{
		Paths: paths, Root: root, Config: r.Dir(root), Configs: r, Suite: suite, Cache: true,
	}}
}

func writeAll(t *testing.T, dir string, files map[string]string) {
	for name, content := range files {
		write(t, dir, name, content)
	}
}

func codesIn(res *Result, path string) []string {
	var out []string
	for _, f := range res.Findings {
		if f.Path == path {
			out = append(out, f.Code)
		}
	}
	return out
}

// TestOneFileOfAProject checks that a run over one file of a project finds
// what a run over the whole project finds in it, the findings that cross
// modules included, cold and warm, and that it keeps the cache of the
// rest of the project.
func TestOneFileOfAProject(t *testing.T) {
	dir := t.TempDir()
	writeAll(t, dir, crossModule)
	worker, other := filepath.Join(dir, "app", "worker.py"), filepath.Join(dir, "app", "other.py")

	cold := runLint(t, projectOptions(t, dir, worker))
	if got := codesIn(cold, worker); !reflect.DeepEqual(got, []string{"AL303"}) || len(cold.Findings) != 1 || cold.Files != 1 {
		t.Fatalf("one file, cold: %v (%d files)", names(cold), cold.Files)
	}
	if cold.Parsed > 2 {
		t.Errorf("one file, cold: parsed %d files, want worker.py and base.py only", cold.Parsed)
	}

	full := runLint(t, projectOptions(t, dir, dir))
	if !reflect.DeepEqual(codesIn(full, worker), []string{"AL303"}) || !reflect.DeepEqual(codesIn(full, other), []string{"AL201"}) {
		t.Fatalf("full run: %v", names(full))
	}
	warm := runLint(t, projectOptions(t, dir, worker))
	if warm.Parsed != 0 || !reflect.DeepEqual(warm.Findings, cold.Findings) {
		t.Errorf("one file, warm: parsed %d, findings %v", warm.Parsed, names(warm))
	}

	// An edit of the file: it alone is parsed again, and the next full run
	// still has the findings of the others.
	later := time.Now().Add(time.Second)
	write(t, dir, "app/worker.py", crossModule["app/worker.py"]+"\n\nimport time\n\n\nasync def more():\n    time.sleep(1)\n")
	os.Chtimes(worker, later, later)
	edited := runLint(t, projectOptions(t, dir, worker))
	if got := codesIn(edited, worker); !reflect.DeepEqual(got, []string{"AL303", "AL201"}) || edited.Parsed != 1 {
		t.Errorf("one file, edited: parsed %d, findings %v", edited.Parsed, names(edited))
	}
	again := runLint(t, projectOptions(t, dir, dir))
	if len(again.Findings) != 3 || again.Parsed != 0 {
		t.Errorf("full run after the one-file run: parsed %d, findings %v", again.Parsed, names(again))
	}
}

func TestStdinInAProject(t *testing.T) {
	dir := t.TempDir()
	writeAll(t, dir, crossModule)
	opts := projectOptions(t, dir)
	opts.Stdin = strings.NewReader(crossModule["app/worker.py"])
	opts.StdinFilename = filepath.Join(dir, "app", "new.py")
	res := runLint(t, opts)
	if got := codesIn(res, opts.StdinFilename); !reflect.DeepEqual(got, []string{"AL303"}) || len(res.Findings) != 1 {
		t.Errorf("stdin as a new module of the project: %v", names(res))
	}

	// Fixing standard input writes the fixed source to Output, not the file.
	opts = projectOptions(t, dir)
	var out bytes.Buffer
	// (AL201's fix is unsafe, and only for code whose library is known.)
	stdin := "import asyncio\n" + crossModule["app/other.py"]
	opts.Stdin, opts.StdinFilename, opts.Output, opts.Fix, opts.UnsafeFixes = strings.NewReader(stdin), filepath.Join(dir, "app", "other.py"), &out, true, true
	res = runLint(t, opts)
	if res.FixesApplied != 1 || !strings.Contains(out.String(), "await asyncio.sleep(1)") {
		t.Errorf("stdin --fix: %d fixes, output %q", res.FixesApplied, out.String())
	}
	if data, _ := os.ReadFile(opts.StdinFilename); string(data) != crossModule["app/other.py"] {
		t.Errorf("stdin --fix wrote the file:\n%s", data)
	}
}

// TestNearestConfiguration checks that each file is checked with the
// configuration nearest to it, whatever the order of the paths.
func TestNearestConfiguration(t *testing.T) {
	dir := t.TempDir()
	writeAll(t, dir, map[string]string{
		"pyproject.toml":           "[tool.asynclint]\nignore = [\"AL2\"]\n",
		"tests/test_x.py":          blocking,
		"examples/asynclint.toml":  "extend = \"../pyproject.toml\"\nextend-select = [\"AL201\"]\n",
		"examples/y.py":            blocking,
		"examples/skipped/gen.py":  blocking,
		"examples/.asynclint.toml": "",
	})
	write(t, dir, "examples/asynclint.toml", "extend = \"../pyproject.toml\"\nextend-select = [\"AL201\"]\nextend-exclude = [\"skipped/\"]\n")
	os.Remove(filepath.Join(dir, "examples", ".asynclint.toml"))
	x, y := filepath.Join(dir, "tests", "test_x.py"), filepath.Join(dir, "examples", "y.py")
	for _, paths := range [][]string{{x, y}, {y, x}, {dir}} {
		res := runLint(t, projectOptions(t, dir, paths...))
		if len(codesIn(res, x)) != 0 || !reflect.DeepEqual(codesIn(res, y), []string{"AL201"}) || len(res.Findings) != 1 {
			t.Errorf("paths %q: %v", paths, names(res))
		}
	}
}

const notebookWithSleep = `{
 "cells": [
  {
   "cell_type": "code",
   "execution_count": 1,
   "metadata": {"collapsed": false},
   "outputs": [{"output_type": "stream", "name": "stdout", "text": ["ok\n"]}],
   "source": [
    "%matplotlib inline\n",
    "import time"
   ]
  },
  {
   "cell_type": "markdown",
   "metadata": {},
   "source": ["Sleep <em>now</em>"]
  },
  {
   "cell_type": "code",
   "execution_count": 2,
   "metadata": {},
   "outputs": [],
   "source": [
    "async def nap():\n",
    "    time.sleep(1)\n",
    "\n",
    "await nap()"
   ]
  }
 ],
 "metadata": {"kernelspec": {"language": "python", "name": "python3"}},
 "nbformat": 4,
 "nbformat_minor": 5
}
`

func TestNotebook(t *testing.T) {
	dir := t.TempDir()
	path := write(t, dir, "nb.ipynb", notebookWithSleep)
	res := runLint(t, projectOptions(t, dir, dir))
	if len(res.Findings) != 1 {
		t.Fatalf("findings %v", names(res))
	}
	f := res.Findings[0]
	if f.Code != "AL201" || f.Cell != 3 || f.Start.Line != 2 || f.Start.Column != 5 || f.Fix == nil {
		t.Errorf("finding %+v", f)
	}
	opts := projectOptions(t, dir, dir)
	opts.Fix, opts.UnsafeFixes = true, true // AL201's fix is unsafe
	if res := runLint(t, opts); res.FixesApplied != 1 || len(res.Findings) != 0 {
		t.Fatalf("--fix: %d fixes, findings %v", res.FixesApplied, names(res))
	}
	data, _ := os.ReadFile(path)
	// asyncio imported at the top, and time, which the fix left unused,
	// removed.
	want := strings.Replace(notebookWithSleep, `    "%matplotlib inline\n",
    "import time"`, `    "import asyncio\n",
    "\n",
    "%matplotlib inline"`, 1)
	want = strings.Replace(want, `"    time.sleep(1)\n"`, `"    await asyncio.sleep(1)\n"`, 1)
	if string(data) != want {
		t.Errorf("fixed notebook:\n%q\nwant\n%q", data, want)
	}

	write(t, dir, "r.ipynb", `{"cells": [], "metadata": {"kernelspec": {"language": "R"}}, "nbformat": 4}`)
	res = runLint(t, projectOptions(t, dir, filepath.Join(dir, "r.ipynb")))
	if len(res.Findings) != 1 || !strings.Contains(res.Findings[0].Message, "not Python; skipped") {
		t.Errorf("an R notebook: %+v", res.Findings)
	}
}
