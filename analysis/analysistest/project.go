package analysistest

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/config"
	"github.com/asynclint/asynclint/analysis/discover"
	"github.com/asynclint/asynclint/analysis/engine"
	"github.com/asynclint/asynclint/analysis/report"
	"github.com/asynclint/asynclint/analysis/syntax"
)

// RunProject checks the directory dir as one project with the suite's
// rules, the way the CLI does (its own pyproject.toml applies), and
// compares the findings with the want annotations of every file. A want may name a
// related location: "# want: AL210 "load -> open"" checks the message.
// When files have a file.py.fixed, a copy of the project is fixed as the
// CLI's --fix --unsafe-fixes does, and each must equal its .fixed file,
// parse without new errors, and stay the same when fixed again.
func RunProject(t *testing.T, dir string, suite *analysis.Suite) {
	t.Helper()
	cfg, err := config.Find(dir, suite.Codes())
	if err != nil {
		t.Fatal(err)
	}
	res, err := engine.Run(engine.Options{ProjectOptions: engine.ProjectOptions{Paths: []string{dir}, Config: cfg, Suite: suite}})
	if err != nil {
		t.Fatal(err)
	}
	byFile := map[string][]report.Finding{}
	for _, f := range res.Findings {
		if f.Code == "" {
			t.Errorf("%s:%d: %s", f.Path, f.Start.Line, f.Message)
			continue
		}
		byFile[f.Path] = append(byFile[f.Path], f)
	}
	files, _ := discover.Walk([]string{dir}, discover.Options{})
	p := syntax.NewParser()
	defer p.Close()
	for _, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		tree, err := p.Parse(src)
		if err != nil {
			t.Fatal(err)
		}
		_, wants := readAnnotations(t, tree)
		rel, _ := filepath.Rel(dir, path)
		for _, f := range byFile[path] {
			i := -1
			for j, w := range wants {
				if w.line == f.Start.Line && w.code == f.Code && strings.Contains(f.Message, w.message) {
					i = j
					break
				}
			}
			if i < 0 {
				t.Errorf("%s:%d: unexpected %s: %s", rel, f.Start.Line, f.Code, f.Message)
				continue
			}
			wants = append(wants[:i], wants[i+1:]...)
		}
		for _, w := range wants {
			t.Errorf("%s:%d: missing %s %q", rel, w.line, w.code, w.message)
		}
	}
	checkProjectFixes(t, dir, suite, files)
}

// checkProjectFixes fixes a copy of the project in dir and compares the
// files that have a .fixed file with it.
func checkProjectFixes(t *testing.T, dir string, suite *analysis.Suite, files []string) {
	var golden []string
	for _, path := range files {
		if _, err := os.Stat(path + ".fixed"); err == nil {
			golden = append(golden, path)
		}
	}
	if len(golden) == 0 {
		return
	}
	work := t.TempDir()
	if err := os.CopyFS(work, os.DirFS(dir)); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Find(work, suite.Codes())
	if err != nil {
		t.Fatal(err)
	}
	fixAll := func() {
		opts := engine.Options{ProjectOptions: engine.ProjectOptions{Paths: []string{work}, Config: cfg, Suite: suite},
			Fix: true, UnsafeFixes: true}
		if _, err := engine.Run(opts); err != nil {
			t.Fatal(err)
		}
	}
	read := func(path string) []byte {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	fixAll()
	p := syntax.NewParser()
	defer p.Close()
	fixed := map[string][]byte{}
	for _, path := range golden {
		rel, _ := filepath.Rel(dir, path)
		got, want := read(filepath.Join(work, rel)), read(path+".fixed")
		fixed[rel] = got
		if *update && !bytes.Equal(got, want) {
			if err := os.WriteFile(path+".fixed", got, 0o644); err != nil {
				t.Fatal(err)
			}
			want = got
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: fixed output differs from %s.fixed:\n--- got\n%s\n--- want\n%s", rel, filepath.Base(rel), got, want)
		}
		before, err := p.Parse(read(path))
		if err != nil {
			t.Fatal(err)
		}
		after, err := p.Parse(got)
		if err != nil {
			t.Fatal(err)
		}
		if after.RejectedCount() > before.RejectedCount() {
			t.Errorf("%s: fixed output has syntax errors", rel)
		}
	}
	fixAll()
	for rel, got := range fixed {
		if again := read(filepath.Join(work, rel)); !bytes.Equal(again, got) {
			t.Errorf("%s: fixing twice is not idempotent:\n%s", rel, again)
		}
	}
}
