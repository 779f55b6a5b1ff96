package lsp

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// BenchmarkEditToDiagnostics measures the time from sending a didChange
// that types or deletes a character in the middle of a long module to
// receiving the diagnostics of that version, with no debounce delay: the
// incremental parse, the analysis in the project (the module sits in an
// indexed workspace folder, with modules it calls into) and both trips
// through the connection. It reports the median and the 95th percentile.
func BenchmarkEditToDiagnostics(b *testing.B) {
	for _, lines := range []int{3000, 20000} {
		b.Run(fmt.Sprintf("lines=%d", lines), func(b *testing.B) {
			dir := newProject(b)
			c := start(b, options{folders: []string{dir}, initOpts: map[string]any{"debounceMs": 0}})
			handlers := uri.File(filepath.Join(dir, "app", "handlers.py"))
			c.open(handlers, handlersPy)
			c.latest(handlers, "AL210 and AL301 once indexed", func(d []protocol.Diagnostic) bool { return has(d, "AL210", "AL301") })
			u := uri.File(filepath.Join(dir, "app", "bench.py"))
			text := "from app.config import load_config\n" + generate(lines)
			c.open(u, text)
			c.diagnostics(u, 1)
			mid := len(text)/2 + strings.Index(text[len(text)/2:], "result =") + len("result")
			at := c.pos(text, mid)
			after := protocol.Position{Line: at.Line, Character: at.Character + 1}
			var latencies []time.Duration
			version := int32(1)
			for b.Loop() {
				version++
				rng, typed := protocol.Range{Start: at, End: at}, "s" // "results = ..."
				if version%2 == 1 {
					rng, typed = protocol.Range{Start: at, End: after}, ""
				}
				t0 := time.Now()
				c.edit(u, version, rng, typed)
				c.diagnostics(u, version)
				latencies = append(latencies, time.Since(t0))
				c.mu.Lock()
				c.published[u] = nil
				c.mu.Unlock()
			}
			slices.Sort(latencies)
			pct := func(p int) float64 {
				return float64(latencies[(len(latencies)-1)*p/100].Microseconds()) / 1000
			}
			b.ReportMetric(pct(50), "p50-ms")
			b.ReportMetric(pct(95), "p95-ms")
			counts := c.srv.docs.get(u).counts()
			if counts.Full != 1 {
				b.Errorf("parses %+v: each edit should re-parse incrementally", counts)
			}
		})
	}
}

// BenchmarkWorkspaceMemory opens 100 modules of 3,000 lines each (300,000
// lines, 11 MB), waits for their diagnostics, and reports the Go heap in
// use and the growth of the process's resident memory, which includes
// tree-sitter's trees, allocated in C.
func BenchmarkWorkspaceMemory(b *testing.B) {
	const docs, lines = 100, 3000
	text := generate(lines)
	for b.Loop() {
		runtime.GC()
		rss0 := residentMB(b)
		c := start(b, options{initOpts: map[string]any{"debounceMs": 0}})
		dir := b.TempDir()
		for i := range docs {
			c.open(uri.File(filepath.Join(dir, fmt.Sprintf("m%d.py", i))), text)
		}
		for i := range docs {
			c.diagnostics(uri.File(filepath.Join(dir, fmt.Sprintf("m%d.py", i))), 1)
		}
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "heap-MB")
		b.ReportMetric(residentMB(b)-rss0, "rss-growth-MB")
		b.ReportMetric(float64(docs*len(text))/(1<<20), "source-MB")
		runtime.KeepAlive(c)
	}
}

// residentMB returns the process's resident memory, from /proc.
func residentMB(b testing.TB) float64 {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		b.Skip("no /proc/self/status")
	}
	for _, line := range strings.Split(string(status), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
			return float64(kb) / 1024
		}
	}
	b.Skip("no VmRSS")
	return 0
}
