package rules

import (
	"testing"

	"github.com/asynclint/asynclint/analysis/config"
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
