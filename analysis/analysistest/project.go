package analysistest

import (
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
}
