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
// statements are summarized again, that the summary is the summary of the
// whole text, and whether the memo reports it the last one's with its
// lines moved.
func TestSummaryMemo(t *testing.T) {
	const base = "import time\n\n" +
		"def load(path):\n    time.sleep(1)\n\n" +
		"class Store:\n    def get(self):\n        return load('x')\n\n" +
		"async def main():\n    Store().get()\n"
	for _, tt := range []struct {
		name, from, to string
		again          int            // statements summarized again, of 4 before the edit
		moved          *project.Shift // how the memo reports the lines moved, if it does
	}{
		{"a body edited", "time.sleep(1)", "time.sleep(2)\n    open(path)", 1, nil},
		{"lines inserted above", "import time\n", "import time\n\n\nprint(time.time())\n", 1, nil},
		{"a name bound that only a string spells", "import time\n", "import time\nx = 1\n", 1, nil},
		{"nothing changed", "", "", 0, nil},
		{"a function defined", "\nasync def main", "\ndef helper():\n    pass\n\nasync def main", 1, nil},
		{"a method added", "        return load('x')\n", "        return load('x')\n    def put(self):\n        pass\n", 2, nil},
		{"a function made a generator", "time.sleep(1)", "yield time.sleep(1)", 2, nil},
		{"a class renamed", "class Store:", "class Shop:", 2, nil},
		{"a star import added", "import time\n", "import time\nfrom os import *\n", 5, nil},
		{"an import removed", "import time\n\n", "\n", 1, nil},
		{"a blank line inserted", "\nclass Store", "\n\nclass Store", 0, &project.Shift{After: 5, By: 1}},
		{"a line inserted in a body, indented as the next", "    time.sleep(1)", "    x = 1\n    time.sleep(1)", 1, &project.Shift{After: 3, By: 1}},
		{"a call inserted in a body", "    time.sleep(1)", "    open(path)\n    time.sleep(1)", 1, nil},
		{"a blank line removed", "\n\nclass Store", "\nclass Store", 0, &project.Shift{After: 5, By: -1}},
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
			last, _ := summarize(base)
			summarized = 0
			got, want := summarize(strings.Replace(base, tt.from, tt.to, 1))
			if shift, ok := memo.Moved(last, got); ok != (tt.moved != nil) || ok && shift != *tt.moved {
				t.Errorf("Moved = %+v, %t; want %+v", shift, ok, tt.moved)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("summary differs from the summary of the whole text:\n got %s\nwant %s", describeSummary(got), describeSummary(want))
			}
			if summarized != tt.again {
				t.Errorf("%d statements summarized again, want %d", summarized, tt.again)
			}
		})
	}
}
