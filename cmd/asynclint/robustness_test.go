//go:build linux

package main

// The robustness probes run the built binary, as users and their tools
// do, on input meant to break it: hostile bytes, huge files, paths that
// are not files, damaged caches, and other programs writing the files it
// fixes. Each run is bounded in time and in memory (internal/proctest): a
// hang or a runaway allocation fails rather than stalling the suite.

import (
	"bufio"
	"bytes"
	"encoding/gob"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/asynclint/asynclint/analysis/cache"
	"github.com/asynclint/asynclint/internal/proctest"
	"github.com/asynclint/asynclint/internal/testenv"
)

// binary is the asynclint that the probes run.
var binary string

func TestMain(m *testing.M) {
	var err error
	if binary, err = proctest.Build(".", "asynclint"); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	proctest.Main(m)
}

// A probe is one run of the binary.
type probe struct {
	dir    string
	args   []string
	stdin  io.Reader
	stdout io.Writer // nil: collected in the outcome
	lim    proctest.Limits
	// nobody runs the binary as an unprivileged user when the tests run
	// as root, whom permissions do not stop.
	nobody bool
	exe    string // the binary, when not the one built
}

// An outcome is what a probe's run printed and how it ended.
type outcome struct {
	proctest.Result
	stdout, stderr string
}

// A running probe is a probe started and not yet waited for.
type running struct {
	proc           *proctest.Process
	stdout, stderr *bytes.Buffer
}

func (p probe) start(t *testing.T) *running {
	t.Helper()
	exe := p.exe
	if exe == "" {
		exe = binary
	}
	cmd := proctest.Command(t, exe, p.args...)
	cmd.Dir = p.dir
	cmd.Env = append(os.Environ(), "NO_COLOR=1", cacheDirEnv+"=")
	cmd.Stdin = p.stdin
	r := &running{stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}}
	cmd.Stdout, cmd.Stderr = r.stdout, r.stderr
	if p.stdout != nil {
		cmd.Stdout = p.stdout
	}
	if p.nobody && os.Geteuid() == 0 {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	}
	lim := p.lim
	if lim == (proctest.Limits{}) {
		lim = proctest.Default
	}
	r.proc = proctest.Start(t, cmd, lim)
	return r
}

func (r *running) wait() outcome {
	return outcome{r.proc.Wait(), r.stdout.String(), r.stderr.String()}
}

func (p probe) run(t *testing.T) outcome {
	t.Helper()
	return p.start(t).wait()
}

// lint runs asynclint check in dir, with the concise format, within the
// default limits.
func lint(t *testing.T, dir string, args ...string) outcome {
	t.Helper()
	return lintWithin(t, proctest.Default, dir, args...)
}

// lintWithin runs asynclint check in dir, with the concise format, within
// lim.
func lintWithin(t *testing.T, lim proctest.Limits, dir string, args ...string) outcome {
	t.Helper()
	return probe{dir: dir, args: append([]string{"check", "--output-format", "concise"}, args...), lim: lim}.run(t)
}

// expect fails t unless o ended with code and its standard output holds
// every one of want.
func (o outcome) expect(t *testing.T, code int, want ...string) {
	t.Helper()
	if o.Code != code {
		t.Errorf("exit status %d (signal %v), want %d\nstdout:\n%s\nstderr:\n%s", o.Code, o.Signal, code, clip(o.stdout), clip(o.stderr))
	}
	for _, w := range want {
		if !strings.Contains(o.stdout, w) {
			t.Errorf("stdout lacks %q:\n%s\nstderr:\n%s", w, clip(o.stdout), clip(o.stderr))
		}
	}
}

// refuse fails t if o's output holds any of words.
func (o outcome) refuse(t *testing.T, words ...string) {
	t.Helper()
	for _, w := range words {
		if strings.Contains(o.stdout+o.stderr, w) {
			t.Errorf("output holds %q:\n%s\n%s", w, clip(o.stdout), clip(o.stderr))
		}
	}
}

// clip shortens output for a failure message.
func clip(s string) string {
	if len(s) > 2000 {
		return s[:2000] + "..."
	}
	return s
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// compiles fails t unless CPython compiles each file.
func compiles(t *testing.T, paths ...string) {
	t.Helper()
	python := testenv.Tool(t, "python3", "https://www.python.org")
	script := "import sys\nfor p in sys.argv[1:]:\n    compile(open(p, 'rb').read(), p, 'exec')\n"
	if out, err := exec.Command(python, append([]string{"-c", script}, paths...)...).CombinedOutput(); err != nil {
		t.Errorf("python3 does not compile the result: %v\n%s", err, clip(string(out)))
	}
}

// The source that every rule of the blocking family reports: AL201 at 5:5.
const blockingSource = sleepy

// TestHostileSources checks files whose bytes are not the usual UTF-8 with
// LF: each is read as CPython reads it, and reported at the right place,
// or named with a note saying why it is not analysed.
func TestHostileSources(t *testing.T) {
	binaryNoKeyword := bytes.Repeat(func() []byte {
		b := make([]byte, 256)
		for i := range b {
			b[i] = byte(i)
		}
		return b
	}(), 40)
	for _, tc := range []struct {
		name    string
		content string
		code    int
		want    []string
		refuse  []string
	}{
		{"invalid UTF-8", strings.Replace(blockingSource, "(1)", "(1)  # caf\xe9", 1), 1,
			[]string{"x.py:5:5: AL201", "x.py:5:25: error: file is not valid UTF-8"}, nil},
		{"NUL byte", "import asyncio\nx = 1\x00\n", 1, []string{"x.py:1:1: error: file contains a NUL byte"}, nil},
		{"binary without async keyword", string(binaryNoKeyword), 1, []string{"x.py:1:1: error: file contains a NUL byte"}, nil},
		{"binary without NUL", strings.Repeat("\x80\x9f\xfe\xff", 1000), 1, []string{"x.py:1:1: error: file is not valid UTF-8"}, nil},
		{"empty", "", 0, []string{"All checks passed!"}, nil},
		{"BOM only", "\ufeff", 0, []string{"All checks passed!"}, nil},
		{"CRLF", strings.ReplaceAll(blockingSource, "\n", "\r\n"), 1, []string{"x.py:5:5: AL201"}, []string{"cannot parse"}},
		{"lone CR", strings.ReplaceAll(blockingSource, "\n", "\r"), 1, []string{"x.py:5:5: AL201"}, []string{"cannot parse"}},
		{"Latin-1 with a coding declaration", "# -*- coding: latin-1 -*-\n" + blockingSource + "s = 'caf\xe9'\n", 1,
			[]string{"x.py:6:5: AL201"}, []string{"UTF-8", "cannot parse"}},
		{"finding on line 1 after a BOM", "\ufeffasync def f(): import time; time.sleep(1)\n", 1, []string{"x.py:1:29: AL201"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, filepath.Join(dir, "x.py"), []byte(tc.content))
			o := lint(t, dir, "--no-cache", "x.py")
			o.expect(t, tc.code, tc.want...)
			o.refuse(t, append(tc.refuse, "internal error", "panic")...)
			// Found when walking a directory too, with the cache, twice.
			for range 2 {
				o = lint(t, dir)
				o.expect(t, tc.code, tc.want...)
			}
		})
	}
}

// TestFixesKeepTheFileFormat fixes files whose fix adds an import: the
// byte order mark, the line endings and the encoding are kept, and CPython
// compiles the result.
func TestFixesKeepTheFileFormat(t *testing.T) {
	src := "import time\n\n\nasync def handler():\n    time.sleep(1)\n"
	fixed := "import asyncio\n\n\nasync def handler():\n    await asyncio.sleep(1)\n"
	for _, tc := range []struct {
		name, content, want string
	}{
		{"BOM", "\ufeff" + src, "\ufeff" + fixed},
		{"CRLF", strings.ReplaceAll(src, "\n", "\r\n"), strings.ReplaceAll(fixed, "\n", "\r\n")},
		{"lone CR", strings.ReplaceAll(src, "\n", "\r"), strings.ReplaceAll(fixed, "\n", "\r")},
		{"Latin-1", "# coding: latin-1\n" + src + "s = 'caf\xe9'\n", "# coding: latin-1\n" + fixed + "s = 'caf\xe9'\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "mod.py")
			writeFile(t, path, []byte(tc.content))
			// Top-level await: the module runs on asyncio, which the fix imports.
			lint(t, dir, "--fix", "--unsafe-fixes", "--allow-top-level-await", "mod.py").expect(t, 0, "Fixed 1 finding")
			if got := readFile(t, path); got != tc.want {
				t.Errorf("fixed:\n%q\nwant:\n%q", got, tc.want)
			}
			python := testenv.Tool(t, "python3", "https://www.python.org")
			cmd := exec.Command(python, "-c", "import mod")
			cmd.Dir = dir
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Errorf("python3 cannot import the result: %v\n%s", err, out)
			}
		})
	}
}

// generate writes a file of n repetitions of unit, between head and tail,
// without holding it in memory.
func generate(t *testing.T, path, head, unit string, n int, tail string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	w.WriteString(head)
	for i := range n {
		w.WriteString(strings.ReplaceAll(unit, "{i}", fmt.Sprint(i)))
	}
	w.WriteString(tail)
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestHugeInputs checks that sizes and shapes no one writes by hand take
// bounded time and memory, and are analysed or named with a note. The
// limits are three to five times what a run takes on an idle machine.
func TestHugeInputs(t *testing.T) {
	t.Run("50 MB file", func(t *testing.T) {
		dir := t.TempDir()
		generate(t, filepath.Join(dir, "big.py"), "import asyncio\n", "async def f{i}():\n    await asyncio.sleep(0)\n", 1_100_000, "")
		lint(t, dir, "--no-cache", "big.py").expect(t, 1, "big.py:1:1: error: file is 5", "larger than the 10 MB limit; skipped")
	})
	t.Run("10 MB line", func(t *testing.T) {
		dir := t.TempDir()
		generate(t, filepath.Join(dir, "line.py"), "import asyncio\nx = [", "1,", 5_000_000, "]\n")
		lint(t, dir, "--no-cache", "line.py").expect(t, 1, "line.py:1:1: error: about", "tokens", "not analysed")
	})
	t.Run("100,000 nested conditional expressions", func(t *testing.T) {
		dir := t.TempDir()
		generate(t, filepath.Join(dir, "deep.py"), "import asyncio\nx = ", "1 if c else ", 100_000, "2\n")
		lim := proctest.Limits{Time: 20 * time.Second, Memory: 600 << 20}
		lintWithin(t, lim, dir, "--no-cache", "deep.py").expect(t, 0, "All checks passed!")
	})
	t.Run("100,000 nested brackets", func(t *testing.T) {
		dir := t.TempDir()
		generate(t, filepath.Join(dir, "deep.py"), "import asyncio\nx = ", "[(", 50_000, "1"+strings.Repeat(")]", 50_000)+"\n")
		lim := proctest.Limits{Time: 20 * time.Second, Memory: 600 << 20}
		lintWithin(t, lim, dir, "--no-cache", "deep.py").expect(t, 0, "All checks passed!")
	})
	t.Run("100,000 attributes", func(t *testing.T) {
		dir := t.TempDir()
		generate(t, filepath.Join(dir, "chain.py"), "import asyncio\nx = a", ".b", 100_000, "\n")
		lim := proctest.Limits{Time: 15 * time.Second, Memory: 256 << 20}
		lintWithin(t, lim, dir, "--no-cache", "chain.py").expect(t, 0, "All checks passed!")
	})
	t.Run("100,000 findings on one line", func(t *testing.T) {
		dir := t.TempDir()
		generate(t, filepath.Join(dir, "line.py"), "import asyncio\nimport time\nasync def f(): ", "time.sleep(1000000000); ", 100_000, "\n")
		lim := proctest.Limits{Time: 40 * time.Second, Memory: 1536 << 20}
		lintWithin(t, lim, dir, "--no-cache", "line.py").expect(t, 1, "line.py:3:16: AL201", "line.py:3:2399992: AL201", "Found 100000 findings")
	})
	t.Run("60,000 coroutines fixed in a module without import asyncio", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "many.py")
		generate(t, path, "import time\n", "async def f{i}():\n    time.sleep(1)\n", 60_000, "")
		lim := proctest.Limits{Time: 60 * time.Second, Memory: 2 << 30}
		o := lintWithin(t, lim, dir, "--no-cache", "--fix", "--unsafe-fixes", "many.py")
		// Each call is fixed, or reported: the module names no framework
		// the fix could call, so all are reported.
		left := strings.Count(readFile(t, path), "time.sleep(")
		if reported := strings.Count(o.stdout, ": AL201 "); reported != left || left != 60_000 {
			t.Errorf("%d calls left, %d reported, want 60000 each", left, reported)
		}
		o.refuse(t, "internal error")
		compiles(t, path)
	})
	t.Run("10 MB configuration", func(t *testing.T) {
		dir := t.TempDir()
		generate(t, filepath.Join(dir, "pyproject.toml"), "[tool.asynclint.per-file-ignores]\n", "\"m{i}.py\" = [\"AL201\"]\n", 350_000, "")
		writeFile(t, filepath.Join(dir, "a.py"), []byte(blockingSource))
		o := lint(t, dir, "--no-cache", "a.py")
		if o.Code != 2 || !strings.Contains(o.stderr, "pyproject.toml") || !strings.Contains(o.stderr, "larger than") {
			t.Errorf("exit status %d, stderr %q; want 2 and the file named as too large", o.Code, o.stderr)
		}
	})
}

// accessible lets every user read dir and the directories above it, up to
// the system's temporary directory, for runs as nobody.
func accessible(t *testing.T, dir string) {
	t.Helper()
	top := filepath.Clean(os.TempDir())
	for d := dir; strings.HasPrefix(d, top+string(filepath.Separator)); d = filepath.Dir(d) {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
}

// TestPathsThatAreNotSourceFiles names, and walks, paths that are not
// readable regular files: each is named with what is wrong, promptly.
func TestPathsThatAreNotSourceFiles(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "ok.py"), []byte(blockingSource))
	run := func(t *testing.T, nobody bool, args ...string) outcome {
		return probe{dir: dir, args: append([]string{"check", "--output-format", "concise", "--no-cache"}, args...), nobody: nobody}.run(t)
	}
	t.Run("unreadable file and directory", func(t *testing.T) {
		writeFile(t, filepath.Join(dir, "secret.py"), []byte(blockingSource))
		writeFile(t, filepath.Join(dir, "closed", "inner.py"), []byte(blockingSource))
		accessible(t, dir)
		for _, p := range []string{"secret.py", "closed"} {
			if err := os.Chmod(filepath.Join(dir, p), 0); err != nil {
				t.Fatal(err)
			}
		}
		t.Cleanup(func() { os.Chmod(filepath.Join(dir, "closed"), 0o755) })
		defer os.Remove(filepath.Join(dir, "secret.py"))
		run(t, true, "secret.py", "closed", "ok.py").expect(t, 1,
			"secret.py:1:1: error: permission denied", "closed:1:1: error: permission denied", "ok.py:5:5: AL201")
	})
	t.Run("missing path", func(t *testing.T) {
		run(t, false, "nope.py", "ok.py").expect(t, 1, "nope.py:1:1: error: no such file or directory", "ok.py:5:5: AL201")
	})
	t.Run("directory named x.py", func(t *testing.T) {
		writeFile(t, filepath.Join(dir, "x.py", "inner.py"), []byte(blockingSource))
		defer os.RemoveAll(filepath.Join(dir, "x.py"))
		o := run(t, false, "x.py")
		o.expect(t, 1, "x.py/inner.py:5:5: AL201")
		o.refuse(t, "x.py:1:1")
	})
	t.Run("symbolic link loops", func(t *testing.T) {
		sub := filepath.Join(dir, "loops")
		os.MkdirAll(filepath.Join(sub, "d"), 0o755)
		defer os.RemoveAll(sub)
		for link, target := range map[string]string{"a.py": "b.py", "b.py": "a.py", "d/up": "..", "d/self": "."} {
			if err := os.Symlink(target, filepath.Join(sub, link)); err != nil {
				t.Fatal(err)
			}
		}
		writeFile(t, filepath.Join(sub, "d", "real.py"), []byte(blockingSource))
		run(t, false, "loops/a.py", "loops").expect(t, 1, "loops/a.py:1:1: error: too many levels of symbolic links", "loops/d/real.py:5:5: AL201")
	})
	t.Run("FIFO", func(t *testing.T) {
		sub := filepath.Join(dir, "fifo")
		os.MkdirAll(sub, 0o755)
		defer os.RemoveAll(sub)
		if err := syscall.Mkfifo(filepath.Join(sub, "pipe.py"), 0o644); err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(sub, "real.py"), []byte(blockingSource))
		run(t, false, "fifo/pipe.py", "fifo").expect(t, 1, "fifo/pipe.py:1:1: error: not a regular file", "fifo/real.py:5:5: AL201")
	})
	t.Run("gitignore files that are not regular", func(t *testing.T) {
		for _, sub := range []string{"fifo", "zero"} {
			writeFile(t, filepath.Join(dir, "ignores", sub, "a.py"), []byte(blockingSource))
		}
		defer os.RemoveAll(filepath.Join(dir, "ignores"))
		if err := syscall.Mkfifo(filepath.Join(dir, "ignores", "fifo", ".gitignore"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink("/dev/zero", filepath.Join(dir, "ignores", "zero", ".gitignore")); err != nil {
			t.Fatal(err)
		}
		run(t, false, "ignores").expect(t, 1, "ignores/fifo/.gitignore:1:1: error: not a regular file",
			"ignores/zero/.gitignore:1:1: error: not a regular file", "ignores/fifo/a.py:5:5: AL201", "ignores/zero/a.py:5:5: AL201")
	})
	t.Run("link to /dev/zero", func(t *testing.T) {
		if err := os.Symlink("/dev/zero", filepath.Join(dir, "z.py")); err != nil {
			t.Fatal(err)
		}
		defer os.Remove(filepath.Join(dir, "z.py"))
		run(t, false, "z.py", ".").expect(t, 1, "z.py:1:1: error: not a regular file", "ok.py:5:5: AL201")
	})
}

// cacheFiles returns the files of the cache of the project in dir.
func cacheFiles(t *testing.T, dir string) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, cache.Dir, "cache-*.gob"))
	if len(files) == 0 {
		t.Fatalf("no cache in %s", dir)
	}
	return files
}

// TestDamagedCaches damages the cache between runs: a run never trusts
// what it cannot read, and reports what a run without a cache reports.
func TestDamagedCaches(t *testing.T) {
	for _, tc := range []struct {
		name   string
		damage func(t *testing.T, dir, file string)
		nobody bool
	}{
		{"garbage", func(t *testing.T, _, file string) {
			writeFile(t, file, bytes.Repeat([]byte{0xde, 0xad, 0xbe, 0xef}, 1000))
		}, false},
		{"truncated", func(t *testing.T, _, file string) {
			data := []byte(readFile(t, file))
			writeFile(t, file, data[:len(data)/2])
		}, false},
		{"empty", func(t *testing.T, _, file string) { writeFile(t, file, nil) }, false},
		{"a message of 4 GB announced", func(t *testing.T, _, file string) {
			writeFile(t, file, append([]byte{0xfc, 0xf0, 0, 0, 0}, bytes.Repeat([]byte("x"), 100)...))
		}, false},
		{"unreadable", func(t *testing.T, dir, file string) {
			accessible(t, dir)
			if err := os.Chmod(file, 0); err != nil {
				t.Fatal(err)
			}
		}, true},
		{"a file where the directory was", func(t *testing.T, dir, _ string) {
			os.RemoveAll(filepath.Join(dir, cache.Dir))
			writeFile(t, filepath.Join(dir, cache.Dir), []byte("not a directory"))
		}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, filepath.Join(dir, "pyproject.toml"), []byte("[project]\nname = \"app\"\n"))
			for i := range 5 {
				writeFile(t, filepath.Join(dir, fmt.Sprintf("m%d.py", i)), []byte(blockingSource))
			}
			want := lint(t, dir, "--no-cache")
			want.expect(t, 1, "m4.py:5:5: AL201")
			lint(t, dir).expect(t, 1)
			for _, f := range cacheFiles(t, dir) {
				tc.damage(t, dir, f)
			}
			for range 2 { // with the damaged cache, then with the one written after it
				o := probe{dir: dir, args: []string{"check", "--output-format", "concise"}, nobody: tc.nobody}.run(t)
				o.expect(t, 1)
				if o.stdout != want.stdout {
					t.Errorf("with the damaged cache:\n%s\nwant:\n%s", o.stdout, want.stdout)
				}
			}
		})
	}
}

// cacheContent is what a cache file holds (cache.file).
type cacheContent struct {
	Run     string
	Entries map[string]*cache.Entry
}

// TestCacheOfAnotherBuild checks that a build of the same version never
// reads the cache of another: the cache is keyed by the binary's hash.
// The cache written by one build is forged; that build trusts it, and the
// other must not.
func TestCacheOfAnotherBuild(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "pyproject.toml"), []byte("[project]\nname = \"app\"\n"))
	writeFile(t, filepath.Join(dir, "a.py"), []byte(blockingSource))
	want := lint(t, dir)
	want.expect(t, 1, "a.py:5:5: AL201")

	files := cacheFiles(t, dir)
	var forged int
	for _, path := range files {
		if strings.HasSuffix(path, "-summaries.gob") {
			continue
		}
		var c cacheContent
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		err = gob.NewDecoder(f).Decode(&c)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range c.Entries {
			for i := range e.Findings {
				e.Findings[i].Message = "forged"
				forged++
			}
		}
		var buf bytes.Buffer
		if err := gob.NewEncoder(&buf).Encode(&c); err != nil {
			t.Fatal(err)
		}
		writeFile(t, path, buf.Bytes())
	}
	if forged == 0 {
		t.Fatal("the cache holds no findings to forge")
	}
	if o := lint(t, dir); !strings.Contains(o.stdout, "forged") {
		t.Fatalf("the build that wrote the cache does not read it:\n%s", o.stdout)
	}

	// Another build: the same program, one byte longer.
	other := filepath.Join(t.TempDir(), "asynclint")
	data, err := os.ReadFile(binary)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(other, append(data, 0), 0o755); err != nil {
		t.Fatal(err)
	}
	o := probe{dir: dir, args: []string{"check", "--output-format", "concise"}, exe: other}.run(t)
	if o.stdout != want.stdout {
		t.Errorf("another build read the cache:\n%s\nwant:\n%s", o.stdout, want.stdout)
	}
}

// leftovers returns the temporary files a fix left in dir.
func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, ".*.asynclint-*"))
	return files
}

// TestFixKeepsEveryonesWork runs --fix where other programs write the same
// files, and on files whose kind asks for care: nobody's work is lost,
// and nothing else is touched.
func TestFixKeepsEveryonesWork(t *testing.T) {
	fixed := strings.Replace(blockingSource, "time.sleep(1)", "await asyncio.sleep(1)", 1)
	fixed = strings.Replace(fixed, "import time\n", "", 1)
	t.Run("two runs at once", func(t *testing.T) {
		dir := t.TempDir()
		for i := range 200 {
			writeFile(t, filepath.Join(dir, fmt.Sprintf("m%03d.py", i)), []byte(blockingSource))
		}
		args := []string{"check", "--output-format", "concise", "--no-cache", "--fix", "--unsafe-fixes", "."}
		first, second := probe{dir: dir, args: args}.start(t), probe{dir: dir, args: args}.start(t)
		outcomes := []outcome{first.wait(), second.wait()}
		for _, o := range outcomes {
			if o.Code != 0 && o.Code != 1 {
				t.Errorf("exit status %d:\n%s", o.Code, clip(o.stderr))
			}
			for _, line := range strings.Split(strings.TrimSpace(o.stdout), "\n") {
				if strings.Contains(line, "error:") && !strings.Contains(line, "fixes not written: file changed since it was read") {
					t.Errorf("unexpected note: %s", line)
				}
			}
		}
		for i := range 200 {
			if got := readFile(t, filepath.Join(dir, fmt.Sprintf("m%03d.py", i))); got != fixed {
				t.Fatalf("m%03d.py:\n%s\nwant:\n%s", i, got, fixed)
			}
		}
		if l := leftovers(t, dir); len(l) > 0 {
			t.Errorf("temporary files left: %v", l)
		}
	})
	t.Run("a file edited during the run", func(t *testing.T) {
		// One worker fixes the files in order, each taking a while: once
		// the first is written, the target, read before the fixes
		// began, waits its turn, and another program edits it.
		dir := t.TempDir()
		var body strings.Builder
		body.WriteString("import asyncio\nimport time\n")
		for i := range 200 {
			fmt.Fprintf(&body, "\n\nasync def f%d():\n    time.sleep(1)\n", i)
		}
		for i := range 60 {
			writeFile(t, filepath.Join(dir, fmt.Sprintf("m%02d.py", i)), []byte(body.String()))
		}
		first, target := filepath.Join(dir, "m00.py"), filepath.Join(dir, "m30.py")
		edited := body.String() + "\n\n# edited by hand during the run\n"
		run := probe{dir: dir, args: []string{"check", "--output-format", "concise", "--no-cache", "--workers", "1", "--fix", "--unsafe-fixes", "."},
			lim: proctest.Limits{Time: 30 * time.Second, Memory: 128 << 20}}.start(t)
		deadline := time.Now().Add(25 * time.Second)
		for readFile(t, first) == body.String() && time.Now().Before(deadline) {
			time.Sleep(time.Millisecond)
		}
		if readFile(t, target) != body.String() {
			t.Fatal("the target was fixed before the edit: the run is too fast for this probe")
		}
		writeFile(t, target, []byte(edited))
		o := run.wait()
		got := readFile(t, target)
		switch {
		case got == edited:
			if !strings.Contains(o.stdout, "m30.py:1:1: error: fixes not written: file changed since it was read") {
				t.Errorf("the edit is kept without a note:\n%s", clip(o.stdout))
			}
		case strings.Contains(got, "# edited by hand during the run"):
			t.Log("the run read the file again after the edit, and fixed that")
		default:
			t.Errorf("the edit is lost:\n%s", clip(got))
		}
		compiles(t, target)
	})
	t.Run("read-only file", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "ro.py")
		writeFile(t, path, []byte(blockingSource))
		os.Chmod(path, 0o444)
		for _, cached := range []bool{false, true} {
			args := []string{"--fix", "--unsafe-fixes", "ro.py"}
			if !cached {
				args = append(args, "--no-cache")
			}
			lint(t, dir, args...).expect(t, 1, "ro.py:1:1: error: fixes not written: read-only file", "ro.py:5:5: AL201")
		}
		// The next run, from the cache, has the finding and not the note.
		o := lint(t, dir, "ro.py")
		o.expect(t, 1, "ro.py:5:5: AL201")
		o.refuse(t, "fixes not written")
		info, _ := os.Stat(path)
		if readFile(t, path) != blockingSource || info.Mode().Perm() != 0o444 {
			t.Errorf("the file changed: mode %v\n%s", info.Mode(), readFile(t, path))
		}
	})
	t.Run("symbolic link", func(t *testing.T) {
		dir := t.TempDir()
		writeFile(t, filepath.Join(dir, "real", "target.py"), []byte(blockingSource))
		link := filepath.Join(dir, "link.py")
		if err := os.Symlink(filepath.Join("real", "target.py"), link); err != nil {
			t.Fatal(err)
		}
		lint(t, dir, "--no-cache", "--fix", "--unsafe-fixes", "link.py").expect(t, 0, "Fixed 1 finding")
		if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
			t.Errorf("link.py is no longer a link: %v %v", info, err)
		}
		if got := readFile(t, filepath.Join(dir, "real", "target.py")); got != fixed {
			t.Errorf("target:\n%s", got)
		}
	})
	t.Run("hard links", func(t *testing.T) {
		dir := t.TempDir()
		a, b := filepath.Join(dir, "a.py"), filepath.Join(dir, "b.py")
		writeFile(t, a, []byte(blockingSource))
		if err := os.Link(a, b); err != nil {
			t.Fatal(err)
		}
		lint(t, dir, "--no-cache", "--fix", "--unsafe-fixes", "a.py").expect(t, 0, "Fixed 1 finding")
		ia, _ := os.Stat(a)
		ib, _ := os.Stat(b)
		if !os.SameFile(ia, ib) || readFile(t, b) != fixed {
			t.Errorf("the links are broken: same file %v, b.py:\n%s", os.SameFile(ia, ib), readFile(t, b))
		}
	})
}

// TestFixAwaitedBlockingCall fixes time.sleep where it is awaited already,
// a mistake the fix must not double into "await await asyncio.sleep()":
// each call is fixed or reported, and CPython compiles the result.
func TestFixAwaitedBlockingCall(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "mod.py")
	writeFile(t, path, []byte("import asyncio\nimport time\n\n\nasync def handler():\n"+
		"    time.sleep(1)\n    await time.sleep(2)\n    x = await (time.sleep(3))\n    return [await time.sleep(i) for i in range(x)]\n"))
	o := lint(t, dir, "--no-cache", "--fix", "--unsafe-fixes", "mod.py")
	o.expect(t, 1, "Fixed 1 finding", "mod.py:7:11: AL201", "mod.py:8:16: AL201", "mod.py:9:19: AL201")
	got := readFile(t, path)
	if strings.Count(got, "time.sleep(") != 3 || !strings.Contains(got, "    await asyncio.sleep(1)\n") || strings.Contains(got, "await await") {
		t.Errorf("fixed:\n%s", got)
	}
	compiles(t, path)
}

// TestBadConfigurations checks that a configuration that cannot be used
// stops the run with a message naming it.
func TestBadConfigurations(t *testing.T) {
	for _, tc := range []struct {
		name, content, want string
	}{
		{"not TOML", "[tool.asynclint\nselect = 1\n", "line 1"},
		{"unknown key", "[tool.asynclint]\nselct = [\"AL1\"]\n", "selct: unknown key"},
		{"wrong type", "[tool.asynclint]\nselect = \"AL1\"\n", "expected a list of strings"},
		{"not UTF-8", "[tool.asynclint]\nselect = [\"\xff\"]\n", "invalid UTF-8"},
		{"NUL byte", "[tool.asynclint]\nselect = [\"AL1\"]\x00\n", "control characters"},
		{"extends itself", "[tool.asynclint]\nextend = \"pyproject.toml\"\n", "extends itself"},
		{"extends a missing file", "[tool.asynclint]\nextend = \"other.toml\"\n", "other.toml"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, filepath.Join(dir, "pyproject.toml"), []byte(tc.content))
			writeFile(t, filepath.Join(dir, "a.py"), []byte(blockingSource))
			o := lint(t, dir, "a.py")
			if o.Code != 2 || !strings.Contains(o.stderr, "pyproject.toml") || !strings.Contains(o.stderr, tc.want) || o.stdout != "" {
				t.Errorf("exit status %d, stdout %q, stderr %q; want 2 and a message naming pyproject.toml with %q", o.Code, o.stdout, o.stderr, tc.want)
			}
		})
	}
	// Files that are not regular: reading a FIFO would wait for a writer,
	// reading a device might never end.
	for name, create := range map[string]func(path string) error{
		"a directory":         func(path string) error { return os.Mkdir(path, 0o755) },
		"a FIFO":              func(path string) error { return syscall.Mkfifo(path, 0o644) },
		"a link to /dev/zero": func(path string) error { return os.Symlink("/dev/zero", path) },
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			if err := create(filepath.Join(dir, "pyproject.toml")); err != nil {
				t.Fatal(err)
			}
			writeFile(t, filepath.Join(dir, "a.py"), []byte(blockingSource))
			if o := lint(t, dir, "a.py"); o.Code != 2 || !strings.Contains(o.stderr, "pyproject.toml: not a regular file") {
				t.Errorf("exit status %d, stderr %q", o.Code, o.stderr)
			}
		})
	}
	t.Run("--config missing", func(t *testing.T) {
		dir := t.TempDir()
		if o := lint(t, dir, "--config", "nope.toml"); o.Code != 2 || !strings.Contains(o.stderr, "nope.toml") {
			t.Errorf("exit status %d, stderr %q", o.Code, o.stderr)
		}
	})
}

// TestClosedStdout runs --fix with its output going to a pipe that nobody
// reads: the run ends at once, its fixes written.
func TestClosedStdout(t *testing.T) {
	dir := t.TempDir()
	for i := range 300 {
		writeFile(t, filepath.Join(dir, fmt.Sprintf("m%03d.py", i)), []byte(blockingSource+"\n\nasync def g():\n    time.sleep(2)\n"))
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	r.Close()
	defer w.Close()
	o := probe{dir: dir, args: []string{"check", "--no-cache", "--fix", "--unsafe-fixes", "."}, stdout: w}.run(t)
	if o.Signal != syscall.SIGPIPE && o.Code != 2 {
		t.Errorf("exit status %d, signal %v; want SIGPIPE or status 2\n%s", o.Code, o.Signal, o.stderr)
	}
	for i := range 300 {
		if got := readFile(t, filepath.Join(dir, fmt.Sprintf("m%03d.py", i))); strings.Contains(got, "time.sleep") {
			t.Fatalf("m%03d.py not fixed:\n%s", i, got)
		}
	}
}

// TestStdinTooLarge gives --fix more standard input than a file may hold:
// an error, and nothing on standard output, where the fixed source would
// go: a tool that replaces its buffer with the output must get nothing.
func TestStdinTooLarge(t *testing.T) {
	src := []byte(blockingSource + strings.Repeat("# padding\n", 16<<20/10))
	o := probe{dir: t.TempDir(), args: []string{"check", "--fix", "--unsafe-fixes", "--stdin-filename", "big.py"}, stdin: bytes.NewReader(src)}.run(t)
	if o.Code != 2 || o.stdout != "" || !regexp.MustCompile(`larger than the \d+ MB limit`).MatchString(o.stderr) {
		t.Errorf("exit status %d, stdout %d bytes, stderr %q; want 2, nothing, and the limit", o.Code, len(o.stdout), o.stderr)
	}
}
