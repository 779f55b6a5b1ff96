package syntax

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	ts "github.com/tree-sitter/go-tree-sitter"
)

// benchSources returns up to 8 MB of Python: $ASYNCLINT_CORPUS, or the
// standard library of python3.
func benchSources(b testing.TB) [][]byte {
	dir := os.Getenv("ASYNCLINT_CORPUS")
	if dir == "" {
		out, err := exec.Command("python3", "-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])").Output()
		if err != nil {
			b.Skip("no corpus: set ASYNCLINT_CORPUS or install python3")
		}
		dir = strings.TrimSpace(string(out))
	}
	var sources [][]byte
	size := 0
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || size > 8<<20 {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(path, ".py") {
			if src, err := os.ReadFile(path); err == nil && len(src) < 1<<20 {
				sources = append(sources, src)
				size += len(src)
			}
		}
		return nil
	})
	return sources
}

// BenchmarkFlatten measures the copy of tree-sitter's trees into Go,
// apart from parsing.
func BenchmarkFlatten(b *testing.B) {
	sources := benchSources(b)
	p := NewParser()
	defer p.Close()
	trees := make([]*ts.Tree, len(sources))
	size := 0
	for i, src := range sources {
		tree, err := p.parse(src, nil)
		if err != nil {
			b.Fatal(err)
		}
		defer tree.Close()
		trees[i] = tree
		size += len(src)
	}
	nodes := 0
	for b.Loop() {
		nodes = 0
		for i, tree := range trees {
			nodes += len(flattenTree(tree, sources[i]).Nodes)
		}
	}
	b.SetBytes(int64(size))
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*nodes), "ns/node")
}

// BenchmarkParse measures tree-sitter's parse alone (run it with
// -cpuprofile, or under valgrind, on a loaded machine).
func BenchmarkParse(b *testing.B) {
	sources := benchSources(b)
	p := NewParser()
	defer p.Close()
	size := 0
	for _, src := range sources {
		size += len(src)
	}
	for b.Loop() {
		for _, src := range sources {
			tree, err := p.parse(src, nil)
			if err != nil {
				b.Fatal(err)
			}
			tree.Close()
		}
	}
	b.SetBytes(int64(size))
}
