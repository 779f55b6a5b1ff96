package engine

import (
	"os"
	"os/exec"
	"strings"
	"syscall"
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
// on one and two workers. Its MB/s is the throughput of a cold run;
// parser-% is the share of the process's CPU time spent in tree-sitter's
// parser, the rest being everything else, garbage collection included.
func BenchmarkRun(b *testing.B) {
	dir := corpus(b)
	cfg := defaults(b, b.TempDir())
	for _, workers := range []int{1, 2} {
		b.Run(map[int]string{1: "workers=1", 2: "workers=2"}[workers], func(b *testing.B) {
			var size int64
			cpu0, parser0 := processCPU(b), syntax.ParserCPU()
			for b.Loop() {
				res, err := Run(Options{ProjectOptions: ProjectOptions{Paths: []string{dir}, Config: cfg, Suite: rules.Suite(), Workers: workers}})
				if err != nil {
					b.Fatal(err)
				}
				size = res.Bytes
			}
			b.SetBytes(size)
			b.ReportMetric(100*float64(syntax.ParserCPU()-parser0)/float64(processCPU(b)-cpu0), "parser-%")
		})
	}
}

// processCPU returns the user and system CPU time of the process so far.
func processCPU(b *testing.B) time.Duration {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		b.Skip("no getrusage:", err)
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}

// BenchmarkPhases splits one worker's time between tree-sitter (parsing,
// and freeing its tree), the copy of the tree into Go, and the analysis
// (semantic model and every rule), reported as percentages of the total.
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
	var parse, flatten, analyse time.Duration
	var nodes int
	for b.Loop() {
		for _, src := range sources {
			t0 := time.Now()
			tree, err := p.ParseIncremental(src, nil)
			if err != nil {
				b.Fatal(err)
			}
			t1 := time.Now()
			flat := syntax.Flatten(tree, src)
			t2 := time.Now()
			tree.Close()
			t3 := time.Now()
			check.Run(flat, opts)
			t4 := time.Now()
			parse += t1.Sub(t0) + t3.Sub(t2)
			flatten += t2.Sub(t1)
			analyse += t4.Sub(t3)
			nodes += len(flat.Nodes)
		}
	}
	total := float64(parse + flatten + analyse)
	b.SetBytes(size)
	b.ReportMetric(100*float64(parse)/total, "parse-%")
	b.ReportMetric(100*float64(flatten)/total, "flatten-%")
	b.ReportMetric(100*float64(analyse)/total, "analysis-%")
	b.ReportMetric(float64(flatten.Nanoseconds())/float64(nodes), "flatten-ns/node")
}
