package engine

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/asynclint/asynclint/analysis/check"
	"github.com/asynclint/asynclint/analysis/config"
	"github.com/asynclint/asynclint/analysis/syntax"
	"github.com/asynclint/asynclint/rules"
)

func defaults(t testing.TB, dir string) *config.Config {
	cfg, err := config.Find(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

func write(t testing.TB, dir, name, content string) string {
	path := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func runLint(t testing.TB, opts Options) *Result {
	t.Helper()
	if opts.Config == nil {
		opts.Config = defaults(t, t.TempDir())
	}
	if opts.Suite == nil {
		opts.Suite = rules.Suite()
	}
	res, err := Run(opts)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func names(res *Result) []string {
	var out []string
	for _, f := range res.Findings {
		out = append(out, f.Code+f.Name)
	}
	return out
}

const blocking = "import asyncio\nimport time\n\nasync def f():\n    time.sleep(1)\n"

func TestHostileFiles(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "nul.py", "x = 1\x00\n")
	write(t, dir, "latin1.py", "# caf\xe9\nimport time\nasync def f():\n    time.sleep(1)\n")
	write(t, dir, "broken.py", "import time\nasync def f():\n    time.sleep(1)\ndef g(:\n    pass\n")
	write(t, dir, "deep.py", "x = "+strings.Repeat("[", 1000)+strings.Repeat("]", 1000)+"\n")
	write(t, dir, "big.py", strings.Repeat("#", 2<<20))
	res := runLint(t, Options{ProjectOptions: ProjectOptions{Paths: []string{dir, filepath.Join(dir, "missing.py")}, MaxFileSize: 1 << 20}})
	got := strings.Join(names(res), " ")
	for _, want := range []string{"skipped", "AL201blocking-sleep", "syntax-error", "io-error"} {
		if !strings.Contains(got, want) {
			t.Errorf("findings %q lack %q", got, want)
		}
	}
	for _, f := range res.Findings {
		if f.Code == "" && f.Message == "" {
			t.Errorf("note without message: %+v", f)
		}
		if strings.HasSuffix(f.Path, "broken.py") && f.Code == "AL201" && f.Start.Line != 3 {
			t.Errorf("broken.py: AL201 at line %d", f.Start.Line)
		}
	}
}

func TestFixWritesAtomicallyAndDiffWritesNothing(t *testing.T) {
	dir := t.TempDir()
	path := write(t, dir, "a.py", blocking)
	res := runLint(t, Options{ProjectOptions: ProjectOptions{Paths: []string{dir}}, Diff: true, Fix: true, UnsafeFixes: true})
	if !strings.Contains(res.Diff, "+    await asyncio.sleep(1)") {
		t.Errorf("diff:\n%s", res.Diff)
	}
	if got, _ := os.ReadFile(path); string(got) != blocking {
		t.Fatal("--diff wrote the file")
	}
	res = runLint(t, Options{ProjectOptions: ProjectOptions{Paths: []string{dir}}, Fix: true, UnsafeFixes: true})
	got, _ := os.ReadFile(path)
	if res.FixesApplied != 1 || !strings.Contains(string(got), "await asyncio.sleep(1)") {
		t.Errorf("fixed %d:\n%s", res.FixesApplied, got)
	}
	if len(res.Findings) != 0 {
		t.Errorf("findings after fix: %v", names(res))
	}
	leftovers, _ := filepath.Glob(filepath.Join(dir, ".*asynclint*"))
	if len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
}

func TestStdin(t *testing.T) {
	var out bytes.Buffer
	res := runLint(t, Options{Stdin: strings.NewReader(blocking), StdinFilename: "pkg/mod.py", Fix: true, UnsafeFixes: true, Output: &out})
	if res.FixesApplied != 1 || !strings.Contains(out.String(), "await asyncio.sleep(1)") {
		t.Errorf("stdin fix: %d\n%s", res.FixesApplied, out.String())
	}
}

func TestSuppressions(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.py", "import time\nasync def f():\n    time.sleep(1)  # noqa: ASYNC251\n    time.sleep(2)  # noqa\n    time.sleep(3)  # noqa: AL999\n")
	write(t, dir, "b.py", "# asynclint: skip-file\n"+blocking)
	res := runLint(t, Options{ProjectOptions: ProjectOptions{Paths: []string{dir}}})
	if len(res.Findings) != 1 || res.Findings[0].Start.Line != 5 {
		t.Errorf("findings: %+v", res.Findings)
	}
}

func TestManyFilesInParallel(t *testing.T) {
	dir := t.TempDir()
	for i := range 64 {
		write(t, dir, filepath.Join("pkg", string(rune('a'+i%26))+strings.Repeat("x", i)+".py"), blocking)
	}
	res := runLint(t, Options{ProjectOptions: ProjectOptions{Paths: []string{dir}, Workers: runtime.GOMAXPROCS(0) + 2}})
	if res.Files != 64 || len(res.Findings) != 64 {
		t.Errorf("files %d findings %d", res.Files, len(res.Findings))
	}
	for i := 1; i < len(res.Findings); i++ {
		if res.Findings[i-1].Path > res.Findings[i].Path {
			t.Fatal("findings not sorted")
		}
	}
}

// TestDeepNestingDoesNotHang parses and checks pathological nesting.
func TestDeepNestingDoesNotHang(t *testing.T) {
	src := "async def f():\n    x = " + strings.Repeat("(", 20000) + "1" + strings.Repeat(")", 20000) + "\n"
	src += strings.Repeat("if x:\n", 1) + strings.Repeat(" ", 4)
	done := make(chan struct{})
	go func() {
		defer close(done)
		runLint(t, Options{Stdin: strings.NewReader(src), StdinFilename: "deep.py"})
	}()
	select {
	case <-done:
	case <-time.After(60 * time.Second):
		t.Fatal("checking deeply nested code did not finish")
	}
}

// FuzzCheck feeds arbitrary bytes through parsing, every rule and the fix
// loop: nothing may panic, and fixes may not add syntax errors.
func FuzzCheck(f *testing.F) {
	seeds, _ := filepath.Glob("../../rules/testdata/*/*.py")
	for _, s := range seeds {
		data, _ := os.ReadFile(s)
		f.Add(data)
	}
	f.Add([]byte("async def f():\n    yield from x\n    time.sleep(\x00"))
	opts := &check.Options{Rules: rules.Suite().Rules}
	f.Fuzz(func(t *testing.T, src []byte) {
		p := syntax.NewParser()
		defer p.Close()
		tree, err := p.Parse(src)
		if err != nil {
			return
		}
		for _, d := range check.Run(tree, opts).Diagnostics {
			if d.Start < 0 || d.End < d.Start || d.End > len(src) {
				t.Fatalf("diagnostic range [%d,%d) outside the source", d.Start, d.End)
			}
			if d.Rule == nil {
				t.Fatalf("rule failure: %s", d.Message)
			}
		}
		fixed, _, err := check.Fix(p, src, opts, true)
		if err != nil {
			t.Fatal(err)
		}
		after, err := p.Parse(fixed)
		if err != nil {
			t.Fatal(err)
		}
		if after.RejectedCount() > tree.RejectedCount() {
			t.Fatalf("fixes added syntax errors:\n%s", fixed)
		}
	})
}

func TestScanImports(t *testing.T) {
	src := "import os, sys as system\nfrom . import a, b as c\nfrom ..pkg.mod import (x,\n    y)\n  from m import *\nimport json  # comment\n# import nothing\n"
	got := strings.Join(scanImports([]byte(src)), " ")
	want := "os sys . .a .b ..pkg.mod ..pkg.mod.x m json"
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}
