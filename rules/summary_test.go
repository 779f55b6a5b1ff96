package rules

import (
	"reflect"
	"strings"
	"testing"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/config"
	"github.com/asynclint/asynclint/analysis/project"
	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/analysis/syntax"
)

// TestSummarizeBrokenIf summarizes a module being typed: an if statement
// whose body is not indented yet parses with an empty block.
func TestSummarizeBrokenIf(t *testing.T) {
	for _, src := range []string{
		"import time\ndef f(x):\n    if x:\n    time.sleep(1)\n",
		"import time\ndef f(x):\n    if x:\n        # later\n    time.sleep(1)\n",
	} {
		doc := syntax.NewDocument([]byte(src))
		tree, err := doc.Parse()
		if err != nil {
			t.Fatal(err)
		}
		file := semantic.Build(tree)
		if s := Summarize(file, config.DefaultSettings()); s.Functions["f"] == nil {
			t.Errorf("%q: no summary of f", src)
		}
		file.Release()
		doc.Close()
	}
}

// TestSummaryMemo summarizes edited texts with a memo, and checks which
// statements are summarized again and that the summary is the summary of
// the whole text.
func TestSummaryMemo(t *testing.T) {
	const base = "import time\n\n" +
		"def load(path):\n    time.sleep(1)\n\n" +
		"class Store:\n    def get(self):\n        return load('x')\n\n" +
		"async def main():\n    Store().get()\n"
	for _, tt := range []struct {
		name, from, to string
		again          int // statements summarized again, of 4 before the edit
	}{
		{"a body edited", "time.sleep(1)", "time.sleep(2)\n    open(path)", 1},
		{"lines inserted above", "import time\n", "import time\n\n\nprint(time.time())\n", 1},
		{"a name bound that only a string spells", "import time\n", "import time\nx = 1\n", 1},
		{"nothing changed", "", "", 0},
		{"a function defined", "\nasync def main", "\ndef helper():\n    pass\n\nasync def main", 1},
		{"a method added", "        return load('x')\n", "        return load('x')\n    def put(self):\n        pass\n", 2},
		{"a function made a generator", "time.sleep(1)", "yield time.sleep(1)", 2},
		{"a class renamed", "class Store:", "class Shop:", 2},
		{"a star import added", "import time\n", "import time\nfrom os import *\n", 5},
		{"an import removed", "import time\n\n", "\n", 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var memo analysis.SummaryMemo
			settings := config.DefaultSettings()
			summarized := 0
			counting := &analysis.Summarizer{Module: Summarizer.Module,
				Statements: func(f *semantic.File, s *config.Settings, stmts []syntax.NodeID) []*project.Part {
					summarized += len(stmts)
					return Summarizer.Statements(f, s, stmts)
				}}
			summarize := func(src string) (got, want *project.Summary) {
				doc := syntax.NewDocument([]byte(src))
				defer doc.Close()
				tree, err := doc.Parse()
				if err != nil {
					t.Fatal(err)
				}
				file := semantic.Build(tree)
				defer file.Release()
				return counting.Summarize(file, settings, &memo), Summarize(file, settings)
			}
			summarize(base)
			summarized = 0
			got, want := summarize(strings.Replace(base, tt.from, tt.to, 1))
			if !reflect.DeepEqual(got, want) {
				t.Errorf("summary differs from the summary of the whole text:\n got %s\nwant %s", describeSummary(got), describeSummary(want))
			}
			if summarized != tt.again {
				t.Errorf("%d statements summarized again, want %d", summarized, tt.again)
			}
		})
	}
}
