package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// crossModule is a project in which stream.py tests a coroutine of its
// base class, defined in another module (AL303): a run over stream.py
// alone must still know the base class.
var crossModule = map[string]string{
	"pyproject.toml":                 "[project]\nname = \"app\"\n",
	"app/__init__.py":                "",
	"app/storage/__init__.py":        "",
	"app/storage/background.py":      "class BackgroundUpdates:\n    async def have_finished(self):\n        return True\n",
	"app/storage/stream.py":          "from .background import BackgroundUpdates\n\n\nclass Stream(BackgroundUpdates):\n    async def next(self):\n        if self.have_finished():\n            return None\n",
	"app/other.py":                   sleepy,
	"app/plain.py":                   "def f():\n    return 1\n",
	"app/storage/more/__init__.py":   "",
	"app/storage/more/unrelated.py":  "x = 1\n",
	"tests/test_stream.py":           "from app.storage.stream import Stream\n",
	"docs/conf.py":                   "project = 'app'\n",
	"app/storage/more/also_plain.py": "y = 2\n",
}

const streamFinding = "app/storage/stream.py:6:12: AL303"

func TestFileOfAProject(t *testing.T) {
	dir := project(t, crossModule)
	t.Chdir(dir)
	code, out, _ := runCLI(t, "", "check", "--output-format", "concise", "app/storage/stream.py")
	if code != 1 || !strings.Contains(out, streamFinding) || strings.Contains(out, "other.py") {
		t.Errorf("one file: %d\n%s", code, out)
	}
	// Warm, and with an absolute path.
	code, out, _ = runCLI(t, "", "check", "--output-format", "concise", filepath.Join(dir, "app", "storage", "stream.py"))
	if code != 1 || !strings.Contains(out, ": AL303") || strings.Count(out, "AL") != 1 {
		t.Errorf("one file, absolute, warm: %d\n%s", code, out)
	}
	code, out, _ = runCLI(t, "", "check", "--output-format", "concise")
	if code != 1 || !strings.Contains(out, streamFinding) || !strings.Contains(out, "app/other.py:5:5: AL201") {
		t.Errorf("full run: %d\n%s", code, out)
	}
	// From a directory of the project, as a run of that directory would.
	t.Chdir(filepath.Join(dir, "app", "storage"))
	code, out, _ = runCLI(t, "", "check", "--output-format", "concise", "stream.py")
	if code != 1 || !strings.Contains(out, "stream.py:6:12: AL303") {
		t.Errorf("from a subdirectory: %d\n%s", code, out)
	}
}

func TestStdinOfAProject(t *testing.T) {
	dir := project(t, crossModule)
	t.Chdir(dir)
	src := crossModule["app/storage/stream.py"]
	code, out, _ := runCLI(t, src, "check", "--output-format", "concise", "--stdin-filename", "app/storage/stream.py")
	if code != 1 || !strings.Contains(out, streamFinding) {
		t.Errorf("--stdin-filename: %d\n%s", code, out)
	}
	code, out, _ = runCLI(t, sleepy, "check", "--output-format", "concise", "-")
	if code != 1 || !strings.Contains(out, "-:5:5: AL201") {
		t.Errorf("-: %d\n%s", code, out)
	}
	code, out, errOut := runCLI(t, sleepy, "check", "--fix", "--unsafe-fixes", "--stdin-filename", "app/new.py")
	if code != 0 || !strings.Contains(out, "await asyncio.sleep(1)") || !strings.Contains(errOut, "Fixed 1 finding") {
		t.Errorf("stdin --fix: %d\nstdout %q\nstderr %q", code, out, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "app", "new.py")); err == nil {
		t.Error("stdin --fix wrote the file")
	}
	if code, _, errOut := runCLI(t, "", "check", "-", "app"); code != 2 || !strings.Contains(errOut, "standard input is checked alone") {
		t.Errorf("- with a path: %d %q", code, errOut)
	}
}

// TestArgumentOrder checks that each file is checked with its nearest
// configuration, whatever the order of the paths.
func TestArgumentOrder(t *testing.T) {
	dir := project(t, map[string]string{
		"pyproject.toml":          "[tool.asynclint]\nselect = [\"AL1\"]\n",
		"tests/pyproject.toml":    "[tool.asynclint]\nextend = \"../pyproject.toml\"\nextend-select = [\"AL201\"]\n",
		"tests/test_x.py":         sleepy,
		"examples/asynclint.toml": "select = [\"AL2\", \"AL5\"]\n",
		"examples/y.py":           sleepy + "\nasync def g():\n    time.sleep(2)\n",
	})
	t.Chdir(dir)
	var outs []string
	for _, args := range [][]string{{"tests/test_x.py", "examples/y.py"}, {"examples/y.py", "tests/test_x.py"}, {"."}} {
		_, out, _ := runCLI(t, "", append([]string{"check", "--output-format", "concise", "-q"}, args...)...)
		outs = append(outs, out)
	}
	var where []string
	for _, line := range strings.Split(strings.TrimSpace(outs[0]), "\n") {
		where = append(where, strings.Join(strings.Fields(line)[:2], " "))
	}
	want := []string{"examples/y.py:5:5: AL201", "examples/y.py:8:5: AL201", "tests/test_x.py:5:5: AL201"}
	if outs[0] != outs[1] || outs[0] != outs[2] || strings.Join(where, "|") != strings.Join(want, "|") {
		t.Errorf("findings depend on the order of the paths:\n%s---\n%s---\n%s", outs[0], outs[1], outs[2])
	}
	// --config applies one file to every file.
	_, out, _ := runCLI(t, "", "check", "--output-format", "concise", "-q", "--config", "pyproject.toml", ".")
	if out != "" {
		t.Errorf("--config pyproject.toml (select AL1): %s", out)
	}
}

func TestShowSettings(t *testing.T) {
	dir := project(t, map[string]string{
		"pyproject.toml":       "[project]\nrequires-python = \">=3.11\"\n[tool.asynclint]\nignore = [\"AL5\"]\nexclude = [\"build/\"]\n",
		"tests/pyproject.toml": "[tool.asynclint]\nextend = \"../pyproject.toml\"\nextend-select = [\"AL506\"]\n",
		"tests/a.py":           "",
	})
	t.Chdir(dir)
	code, out, _ := runCLI(t, "", "check", "--show-settings", "tests/a.py", "--ignore", "AL301")
	for _, want := range []string{
		"# Settings for tests/a.py",
		"# configuration file: " + filepath.Join("tests", "pyproject.toml"),
		"# extends: pyproject.toml",
		"# project root: .",
		`ignore = ["AL5"]`,
		`extend-select = ["AL506"]`,
		`ignore = ["AL301"]`,
		"--ignore",
		`exclude = ["build/"]`,
		`target-version = "py311"`,
		"[project] requires-python",
		`include = ["*.py", "*.ipynb"]`,
		"#   AL506 prefer-timeout-context",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("--show-settings lacks %q:\n%s", want, out)
		}
	}
	if code != 0 || strings.Contains(out, "AL501 ") || strings.Contains(out, "AL301 ") {
		t.Errorf("--show-settings: %d\n%s", code, out)
	}
	if code, _, errOut := runCLI(t, "", "check", "--show-settings", "nope.py"); code != 2 || !strings.Contains(errOut, "nope.py") {
		t.Errorf("--show-settings of a missing file: %d %q", code, errOut)
	}
}

func TestOutputFlags(t *testing.T) {
	dir := project(t, map[string]string{"a.py": sleepy, "b.py": "x = 1\n", "sub/c.py": sleepy})
	t.Chdir(dir)
	// --format stays an alias of --output-format.
	_, out, _ := runCLI(t, "", "check", "--format", "json", "a.py")
	_, out2, _ := runCLI(t, "", "check", "--output-format", "json", "a.py")
	if out != out2 || !strings.HasPrefix(out, "[") {
		t.Errorf("--format and --output-format differ:\n%s\n%s", out, out2)
	}
	code, out, _ := runCLI(t, "", "check", "-o", "report/out.json", "--output-format", "json", ".")
	data, err := os.ReadFile(filepath.Join(dir, "report", "out.json"))
	if code != 1 || out != "" || err != nil || !strings.Contains(string(data), `"code": "AL201"`) {
		t.Errorf("--output-file: %d %q %v\n%s", code, out, err, data)
	}
	_, out, _ = runCLI(t, "", "check", "--show-files")
	if out != "a.py\nb.py\nsub/c.py\n" {
		t.Errorf("--show-files: %q", out)
	}
	code, out, errOut := runCLI(t, "", "check", "-q", "--output-format", "concise", ".")
	if code != 1 || strings.Contains(out, "Found") || strings.Count(out, "\n") != 2 || errOut != "" {
		t.Errorf("--quiet: %d %q %q", code, out, errOut)
	}
	if code, out, errOut := runCLI(t, "", "check", "-s", "."); code != 1 || out != "" || errOut != "" {
		t.Errorf("--silent: %d %q %q", code, out, errOut)
	}
	if code, out, _ := runCLI(t, "", "check", "--statistics", "."); code != 1 || !strings.Contains(out, "2\tAL201") {
		t.Errorf("--statistics: %d %q", code, out)
	}
}

var ansi = regexp.MustCompile("\x1b\\[[0-9;]*m")

func TestColor(t *testing.T) {
	dir := project(t, map[string]string{"a.py": sleepy})
	_, out, _ := runCLI(t, "", "check", "--color", "always", dir)
	if !ansi.MatchString(out) {
		t.Errorf("--color always: no colour:\n%s", out)
	}
	t.Setenv("NO_COLOR", "1")
	if _, out, _ := runCLI(t, "", "check", "--color", "always", dir); !ansi.MatchString(out) {
		t.Error("--color always should win over NO_COLOR")
	}
	for _, when := range []string{"auto", "never"} {
		if _, out, _ := runCLI(t, "", "check", "--color", when, dir); ansi.MatchString(out) {
			t.Errorf("--color %s: colour:\n%s", when, out)
		}
	}
	if code, _, errOut := runCLI(t, "", "check", "--color", "sometimes", dir); code != 2 || !strings.Contains(errOut, "--color") {
		t.Errorf("--color sometimes: %d %q", code, errOut)
	}
}

func TestFixFlags(t *testing.T) {
	dir := project(t, map[string]string{"a.py": sleepy, "b.py": "import asyncio\nimport os\n\n\nasync def f():\n    return os.listdir(\"x\")\n"})
	t.Chdir(dir)
	// --fix-only fixes, reports nothing left and exits 0 (AL201's fix is
	// unsafe) ...
	code, out, _ := runCLI(t, "", "check", "--fix-only", "--unsafe-fixes", "a.py")
	if code != 0 || out != "Fixed 1 finding.\n" {
		t.Errorf("--fix-only: %d %q", code, out)
	}
	// ... unless --exit-non-zero-on-fix.
	project2 := project(t, map[string]string{"a.py": sleepy})
	code, out, _ = runCLI(t, "", "check", "--fix", "--unsafe-fixes", "--exit-non-zero-on-fix", project2)
	if code != 1 || out != "Fixed 1 finding.\n" {
		t.Errorf("--exit-non-zero-on-fix: %d %q", code, out)
	}
	if code, _, _ := runCLI(t, "", "check", "--fix", "--unsafe-fixes", project2); code != 0 {
		t.Errorf("--fix with nothing to fix: %d", code)
	}
	// An unsafe fix: counted as fixable with --unsafe-fixes.
	_, out, _ = runCLI(t, "", "check", "b.py")
	_, outUnsafe, _ := runCLI(t, "", "check", "--unsafe-fixes", "b.py")
	if !strings.Contains(out, "1 fix available with `--unsafe-fixes`.") || !strings.Contains(outUnsafe, "[*] 1 fixable with `--fix`.") {
		t.Errorf("unsafe fixes:\n%s\n%s", out, outUnsafe)
	}
}

func TestAddNoqa(t *testing.T) {
	src := "import time\n\n\nasync def handler():\n    time.sleep(1)  # noqa: AL5\n    time.sleep(2)\n    x = f\"\"\"{time.sleep(3)}\n    \"\"\"\n"
	dir := project(t, map[string]string{"a.py": src})
	path := filepath.Join(dir, "a.py")
	code, _, errOut := runCLI(t, "", "check", "--add-noqa", dir)
	got, _ := os.ReadFile(path)
	want := strings.Replace(src, "# noqa: AL5\n", "# noqa: AL5, AL201\n", 1)
	want = strings.Replace(want, "time.sleep(2)\n", "time.sleep(2)  # noqa: AL201\n", 1)
	if code != 0 || string(got) != want || !strings.Contains(errOut, "Added 2 noqa directives.") {
		t.Errorf("--add-noqa: %d %q\n%s", code, errOut, got)
	}
	if code, out, _ := runCLI(t, "", "check", "--output-format", "concise", dir); code != 1 || strings.Count(out, "AL201") != 1 {
		t.Errorf("after --add-noqa, only the line inside a string is left: %d\n%s", code, out)
	}
	if code, _, errOut := runCLI(t, "", "check", "--add-noqa", "--fix", dir); code != 2 || !strings.Contains(errOut, "--add-noqa cannot be used with --fix") {
		t.Errorf("--add-noqa --fix: %d %q", code, errOut)
	}
}

func TestNoqaPrefixesAndOtherCodes(t *testing.T) {
	dir := project(t, map[string]string{
		"a.py":           "import time\n\n\nasync def f():\n    time.sleep(1)  # noqa: AL2\n    time.sleep(2)  # noqa: ASYNC251\n    time.sleep(3)\n",
		"pyproject.toml": "[tool.asynclint]\nextend-select = [\"ASYNC\"]\n",
	})
	_, out, _ := runCLI(t, "", "check", "--output-format", "concise", dir)
	if strings.Count(out, "AL201") != 1 || !strings.Contains(out, "a.py:7:5: AL201") {
		t.Errorf("noqa prefixes:\n%s", out)
	}
	if _, out, _ := runCLI(t, "", "check", "--output-format", "concise", "--ignore", "ASYNC251", dir); strings.Contains(out, "AL201") {
		t.Errorf("--ignore ASYNC251:\n%s", out)
	}
	if code, out, _ := runCLI(t, "", "rule", "ASYNC251"); code != 0 || !strings.Contains(out, "(AL201)") {
		t.Errorf("rule ASYNC251: %d", code)
	}
}

func TestWarnings(t *testing.T) {
	dir := project(t, map[string]string{
		"pyproject.toml":   "[tool.asynclint]\nexclude = [\"generated/\"]\n",
		"generated/gen.py": sleepy,
		"docs/readme.txt":  "",
		"app/a.py":         "x = 1\n",
	})
	t.Chdir(dir)
	code, out, errOut := runCLI(t, "", "check", "docs", "generated/gen.py", "app")
	if code != 0 || !strings.Contains(out, "All checks passed!") ||
		!strings.Contains(errOut, "warning: No Python files found under docs\n") ||
		!strings.Contains(errOut, "warning: generated/gen.py is excluded by `exclude` in pyproject.toml; skipped\n") {
		t.Errorf("%d %q\n%s", code, out, errOut)
	}
	if _, _, errOut := runCLI(t, "", "check", "-q", "docs"); errOut != "" {
		t.Errorf("--quiet prints warnings: %q", errOut)
	}
}

func TestBadFlags(t *testing.T) {
	for _, tt := range []struct{ args, want string }{
		{"--bogus", "asynclint check: unknown flag --bogus\n"},
		{"--fixx", "asynclint check: unknown flag --fixx (did you mean --fix?)\n"},
		{"--output-formt json", "asynclint check: unknown flag --output-formt (did you mean --output-format?)\n"},
		{"--select", "asynclint check: --select needs a value\n"},
		{"--workers many", "asynclint check: invalid value \"many\" for --workers: parse error\n"},
	} {
		code, out, errOut := runCLI(t, "", append([]string{"check"}, strings.Fields(tt.args)...)...)
		want := tt.want + "Run \"asynclint check --help\" for the flags.\n"
		if code != 2 || out != "" || errOut != want {
			t.Errorf("%s: %d %q, want %q", tt.args, code, errOut, want)
		}
	}
}

func TestHelp(t *testing.T) {
	code, out, _ := runCLI(t, "", "check", "--help")
	last := -1
	for _, heading := range []string{"Usage: asynclint check", "Options:", "Rule selection:", "Configuration:", "File selection:", "Miscellaneous:", "Log levels:"} {
		i := strings.Index(out, heading)
		if i < last {
			t.Errorf("help: %q missing or out of order", heading)
		}
		last = i
	}
	for _, flag := range []string{"--output-format <FORMAT>", "-o, --output-file <FILE>", "--show-settings <FILE>", "-w, --watch", "-n, --no-cache",
		"--cache-dir <DIR>", "-q, --quiet", "-s, --silent", "--color <WHEN>", "--add-noqa", "--fix-only", "--exit-non-zero-on-fix", "--show-files", "--extend-exclude"} {
		if !strings.Contains(out, flag) {
			t.Errorf("help lacks %s", flag)
		}
	}
	if code != 0 {
		t.Errorf("exit %d", code)
	}
}

func TestCacheDir(t *testing.T) {
	dir := project(t, map[string]string{"pyproject.toml": "", "a.py": sleepy})
	cacheDir := filepath.Join(t.TempDir(), "cache")
	runCLI(t, "", "check", "--cache-dir", cacheDir, dir)
	if entries, _ := os.ReadDir(cacheDir); len(entries) != 1 {
		t.Errorf("--cache-dir: %v", entries)
	}
	if _, err := os.Stat(filepath.Join(dir, ".asynclint_cache")); err == nil {
		t.Error("--cache-dir: the project's own cache was written")
	}
	envDir := filepath.Join(t.TempDir(), "env")
	t.Setenv(cacheDirEnv, envDir)
	runCLI(t, "", "check", dir)
	if entries, _ := os.ReadDir(envDir); len(entries) != 1 {
		t.Errorf("%s: %v", cacheDirEnv, entries)
	}
}

func TestWatch(t *testing.T) {
	dir := project(t, map[string]string{"pyproject.toml": "", "a.py": "x = 1\n"})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	watchContext = func() (context.Context, context.CancelFunc) { return ctx, cancel }
	defer func() {
		watchContext = func() (context.Context, context.CancelFunc) { return context.WithCancel(context.Background()) }
	}()
	pollInterval = 20 * time.Millisecond
	var out syncBuffer
	done := make(chan int)
	go func() {
		done <- run([]string{"check", "--watch", "--output-format", "concise", dir}, strings.NewReader(""), &out, &out)
	}()
	waitFor(t, &out, "All checks passed!")
	later := time.Now().Add(2 * time.Second)
	path := filepath.Join(dir, "a.py")
	os.WriteFile(path, []byte(sleepy), 0o644)
	os.Chtimes(path, later, later)
	waitFor(t, &out, "a.py:5:5: AL201")
	cancel()
	if code := <-done; code != 0 {
		t.Errorf("--watch: exit %d", code)
	}
}

// syncBuffer is a strings.Builder safe for a writer and a reader.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func waitFor(t *testing.T, out *syncBuffer, want string) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if strings.Contains(out.String(), want) {
			return
		}
	}
	t.Fatalf("no %q in:\n%s", want, out.String())
}

const notebookWithSleep = `{
 "cells": [
  {
   "cell_type": "code",
   "execution_count": 3,
   "metadata": {"scrolled": true},
   "outputs": [{"data": {"text/plain": ["42"]}, "execution_count": 3, "metadata": {}, "output_type": "execute_result"}],
   "source": [
    "!pip install requests\n",
    "import time"
   ]
  },
  {
   "cell_type": "code",
   "execution_count": 4,
   "metadata": {},
   "outputs": [],
   "source": [
    "%%time\n",
    "async def nap():\n",
    "    time.sleep(1)\n",
    "await nap()"
   ]
  }
 ],
 "metadata": {"language_info": {"name": "python"}},
 "nbformat": 4,
 "nbformat_minor": 5
}
`

func TestNotebooks(t *testing.T) {
	dir := project(t, map[string]string{"pyproject.toml": "", "analysis.ipynb": notebookWithSleep})
	t.Chdir(dir)
	code, out, _ := runCLI(t, "", "check", "--output-format", "concise")
	if code != 1 || !strings.Contains(out, "analysis.ipynb:cell 2:3:5: AL201") || strings.Contains(out, "AL101") {
		t.Errorf("notebook: %d\n%s", code, out)
	}
	_, out, _ = runCLI(t, "", "check", "--output-format", "json")
	var findings []map[string]any
	if err := json.Unmarshal([]byte(out), &findings); err != nil || len(findings) != 1 || findings[0]["cell"] != 2.0 || findings[0]["line"] != 3.0 {
		t.Errorf("notebook, json: %v\n%s", err, out)
	}
	code, out, _ = runCLI(t, "", "check", "--diff", "--unsafe-fixes")
	if code != 1 || !strings.Contains(out, "--- analysis.ipynb:cell 2\n") || !strings.Contains(out, "+    await asyncio.sleep(1)\n") ||
		!strings.Contains(out, "+++ analysis.ipynb:cell 1\n") || strings.Contains(out, "pass") {
		t.Errorf("notebook --diff: %d\n%s", code, out)
	}
	if code, _, _ := runCLI(t, "", "check", "--fix", "--unsafe-fixes"); code != 0 {
		t.Errorf("--fix: %d", code)
	}
	got, _ := os.ReadFile("analysis.ipynb")
	// asyncio imported at the top, and time, which the fix left unused,
	// removed.
	want := strings.Replace(notebookWithSleep, `    "!pip install requests\n",
    "import time"`, `    "import asyncio\n",
    "\n",
    "!pip install requests"`, 1)
	want = strings.Replace(want, `"    time.sleep(1)\n"`, `"    await asyncio.sleep(1)\n"`, 1)
	if string(got) != want {
		t.Errorf("fixed notebook:\n%s\nwant\n%s", got, want)
	}
	// extend-include and include select the files a walk checks.
	os.WriteFile("pyproject.toml", []byte("[tool.asynclint]\ninclude = [\"*.py\"]\n"), 0o644)
	if _, out, _ := runCLI(t, "", "check", "--show-files"); out != "" {
		t.Errorf("include without notebooks: %q", out)
	}
	// A notebook on standard input.
	code, out, _ = runCLI(t, notebookWithSleep, "check", "--output-format", "concise", "--stdin-filename", "nb.ipynb")
	if code != 1 || !strings.Contains(out, "nb.ipynb:cell 2:3:5: AL201") {
		t.Errorf("notebook on stdin: %d\n%s", code, out)
	}
}

func TestOtherCommandsErrors(t *testing.T) {
	if code, _, errOut := runCLI(t, "", "chek"); code != 2 || errOut != "asynclint: unknown command \"chek\"\nRun \"asynclint help\" for the commands.\n" {
		t.Errorf("unknown command: %d %q", code, errOut)
	}
	if code, _, errOut := runCLI(t, "", "rules", "--formt", "json"); code != 2 || !strings.HasPrefix(errOut, "asynclint rules: unknown flag --formt (did you mean --format?)\n") {
		t.Errorf("rules --formt: %d %q", code, errOut)
	}
	if _, out, _ := runCLI(t, "", "rules", "--output-format", "json"); !strings.HasPrefix(out, "[") {
		t.Errorf("rules --output-format json: %q", out)
	}
}
