package engine

import (
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/asynclint/asynclint/analysis/check"
	"github.com/asynclint/asynclint/analysis/discover"
	"github.com/asynclint/asynclint/analysis/syntax"
	"github.com/asynclint/asynclint/rules"
)

// corpus returns the directory to benchmark on: $ASYNCLINT_CORPUS, or the
// standard library of python3.
func corpus(b *testing.B) string {
	if dir := os.Getenv("ASYNCLINT_CORPUS"); dir != "" {
		return dir
	}
	out, err := exec.Command("python3", "-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])").Output()
	if err != nil {
		b.Skip("no corpus: set ASYNCLINT_CORPUS or install python3")
	}
	return strings.TrimSpace(string(out))
}

// BenchmarkRun measures a cold run as the CLI makes it (discovery, reading,
// the project index, parsing, analysis, suppressions, findings; no cache)
// on one and two workers. Its MB/s is the throughput of a cold run; a CPU
// profile of it (bench/run.sh) tells tree-sitter's share.
func BenchmarkRun(b *testing.B) {
	dir := corpus(b)
	cfg := defaults(b, b.TempDir())
	for _, workers := range []int{1, 2} {
		b.Run(map[int]string{1: "workers=1", 2: "workers=2"}[workers], func(b *testing.B) {
			var size int64
			for b.Loop() {
				res, err := Run(Options{ProjectOptions: ProjectOptions{Paths: []string{dir}, Config: cfg, Suite: rules.Suite(), Workers: workers}})
				if err != nil {
					b.Fatal(err)
				}
				size = res.Bytes
			}
			b.SetBytes(size)
		})
	}
}

// BenchmarkPhases splits one worker's time between parsing (tree-sitter's
// parse and the copy of its tree into Go) and the analysis (semantic model
// and every rule), reported as percentages of the total.
func BenchmarkPhases(b *testing.B) {
	files, _ := discover.Walk([]string{corpus(b)}, discover.Options{RespectGitignore: true})
	var sources [][]byte
	var size int64
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err == nil && len(src) <= DefaultMaxFileSize {
			sources = append(sources, src)
			size += int64(len(src))
		}
	}
	p := syntax.NewParser()
	defer p.Close()
	opts := &check.Options{Rules: rules.Suite().Rules}
	var parse, analyse time.Duration
	for b.Loop() {
		for _, src := range sources {
			t0 := time.Now()
			tree, err := p.Parse(src)
			if err != nil {
				b.Fatal(err)
			}
			t1 := time.Now()
			check.Run(tree, opts)
			parse += t1.Sub(t0)
			analyse += time.Since(t1)
		}
	}
	total := float64(parse + analyse)
	b.SetBytes(size)
	b.ReportMetric(100*float64(parse)/total, "parse-%")
	b.ReportMetric(100*float64(analyse)/total, "analysis-%")
}
