package engine

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/check"
	"github.com/asynclint/asynclint/analysis/project"
	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/analysis/syntax"
	"github.com/asynclint/asynclint/rules"
)

// chainProject is a package whose coroutine blocks two modules away, in
// the read of a file.
var chainProject = map[string]string{
	"app/__init__.py": "",
	"app/handlers.py": "from app.config import load_config\n\n\nasync def handle():\n    load_config()\n",
	"app/config.py":   "from app.io import read_file\n\n\ndef load_config():\n    return read_file(\"x\")\n",
	"app/io.py":       "def read_file(p):\n    return open(p).read()\n",
	".gitignore":      "generated/\n",
}

// newWorkspace writes files under a new directory and indexes it.
func newWorkspace(t *testing.T, files map[string]string) (*Workspace, string) {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		write(t, dir, name, text)
	}
	os.Mkdir(filepath.Join(dir, ".git"), 0o755)
	w, err := NewWorkspace(context.Background(), ProjectOptions{Paths: []string{dir}, Config: defaults(t, dir), Suite: rules.Suite()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return w, dir
}

// blockingChains returns the messages of the AL210 findings of the file
// at path with text, checked in w.
func blockingChains(t *testing.T, w *Workspace, path, text string) []string {
	t.Helper()
	p := syntax.NewParser()
	defer p.Close()
	tree, err := p.Parse([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	opts := &check.Options{Rules: rules.Suite().Rules, Project: func(f *semantic.File) *project.View { return w.View(path, f, nil) }}
	var out []string
	for _, d := range check.Run(tree, opts).Diagnostics {
		if d.Rule.Code == "AL210" {
			out = append(out, d.Message)
		}
	}
	return out
}

func TestWorkspaceFollowsChanges(t *testing.T) {
	w, dir := newWorkspace(t, chainProject)
	handlers := filepath.Join(dir, "app", "handlers.py")
	io := filepath.Join(dir, "app", "io.py")
	check := func(when, want string) {
		t.Helper()
		got := blockingChains(t, w, handlers, chainProject["app/handlers.py"])
		if want == "" && len(got) > 0 || want != "" && (len(got) != 1 || !strings.HasSuffix(got[0], want)) {
			t.Errorf("%s: AL210 %q, want one ending in %q", when, got, want)
		}
	}
	check("indexed", "handle -> load_config -> read_file -> io.IOBase.read")
	digest := w.Digest(handlers)
	if digest == "" {
		t.Fatal("no digest for handlers.py")
	}

	w.Update(io)
	if w.Digest(handlers) != digest {
		t.Error("the digest changed though nothing did")
	}

	write(t, dir, "app/io.py", "def read_file(p):\n    return p\n")
	w.Update(io)
	check("io.py no longer blocks", "")
	if w.Digest(handlers) == digest {
		t.Error("the digest of handlers.py did not change when io.py stopped blocking")
	}

	write(t, dir, "app/io.py", chainProject["app/io.py"])
	w.Update(io)
	check("io.py blocks again", "handle -> load_config -> read_file -> io.IOBase.read")
	if w.Digest(handlers) != digest {
		t.Error("the digest of handlers.py differs from the first with the same files")
	}

	os.Remove(io)
	w.Update(io)
	check("io.py removed", "")
	if w.Digest(io) != "" {
		t.Error("removed io.py still has a digest")
	}

	// A new module joins the project, unless git ignores it.
	write(t, dir, "app/io.py", "import time\n\n\ndef read_file(p):\n    time.sleep(1)\n")
	generated := write(t, dir, "generated/gen.py", "async def f():\n    pass\n")
	w.Update(io, generated)
	check("io.py created", "handle -> load_config -> read_file -> time.sleep")
	if w.Digest(generated) != "" {
		t.Error("the file git ignores joined the project")
	}
}

// A client may report a directory moved or deleted only as the directory:
// its modules leave the project, or join it, all together.
func TestWorkspaceFollowsDirectories(t *testing.T) {
	files := map[string]string{
		"app/__init__.py": "",
		"app/handlers.py": chainProject["app/handlers.py"],
		"app/config.py":   "from lib.io import read_file\n\n\ndef load_config():\n    return read_file(\"x\")\n",
		"lib/__init__.py": "",
		"lib/io.py":       "import time\n\n\ndef read_file(p):\n    time.sleep(1)\n",
	}
	w, dir := newWorkspace(t, files)
	handlers := filepath.Join(dir, "app", "handlers.py")
	lib := filepath.Join(dir, "lib")
	const chain = "handle -> load_config -> read_file -> time.sleep"
	check := func(when string, want bool) {
		t.Helper()
		got := blockingChains(t, w, handlers, files["app/handlers.py"])
		if found := len(got) == 1 && strings.HasSuffix(got[0], chain); found != want {
			t.Errorf("%s: AL210 %q, want the chain: %v", when, got, want)
		}
	}
	check("indexed", true)

	os.RemoveAll(lib)
	w.Update(lib)
	check("lib deleted", false)
	if w.Digest(filepath.Join(lib, "io.py")) != "" {
		t.Error("a module of the deleted directory still has a digest")
	}

	write(t, dir, "lib/__init__.py", "")
	write(t, dir, "lib/io.py", files["lib/io.py"])
	w.Update(lib)
	check("lib created", true)

	digest := w.Digest(handlers)
	w.Update(filepath.Join(dir, "README.md"))
	if w.Digest(handlers) != digest {
		t.Error("a file that is not Python changed the project")
	}
}

// cachedWorkspace indexes dir with the cache.
func cachedWorkspace(t *testing.T, dir string) *Workspace {
	t.Helper()
	w, err := NewWorkspace(context.Background(), ProjectOptions{Paths: []string{dir}, Config: defaults(t, dir),
		Suite: rules.Suite(), Cache: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// With the cache, a workspace indexed again parses only what changed.
func TestWorkspaceCache(t *testing.T) {
	dir := t.TempDir()
	for name, text := range chainProject {
		write(t, dir, name, text)
	}
	handlers := filepath.Join(dir, "app", "handlers.py")
	const chain = "handle -> load_config -> read_file -> io.IOBase.read"
	for i, want := range []int{3, 0, 1} {
		if i == 2 {
			write(t, dir, "app/io.py", "import time\n\n\ndef read_file(p):\n    time.sleep(1)\n")
		}
		w := cachedWorkspace(t, dir)
		if got := int(w.l.parsed.Load()); got != want {
			t.Errorf("index %d parsed %d files, want %d", i+1, got, want)
		}
		got := blockingChains(t, w, handlers, chainProject["app/handlers.py"])
		if want := map[bool]string{false: chain, true: "handle -> load_config -> read_file -> time.sleep"}[i == 2]; len(got) != 1 || !strings.HasSuffix(got[0], want) {
			t.Errorf("index %d: AL210 %q, want %q", i+1, got, want)
		}
	}
}

func TestWorkspaceViewHasTheEditedText(t *testing.T) {
	w, dir := newWorkspace(t, chainProject)
	handlers := filepath.Join(dir, "app", "handlers.py")
	edited := "import time\n\n\ndef helper():\n    time.sleep(1)\n\n\nasync def handle():\n    helper()\n"
	got := blockingChains(t, w, handlers, edited)
	if len(got) != 1 || !strings.HasSuffix(got[0], "handle -> helper -> time.sleep") {
		t.Errorf("AL210 %q, want one through helper", got)
	}
}

func TestWorkspaceReportsAndCancels(t *testing.T) {
	dir := t.TempDir()
	for name, text := range chainProject {
		write(t, dir, name, text)
	}
	opts := ProjectOptions{Paths: []string{dir}, Config: defaults(t, dir), Suite: rules.Suite()}
	last := map[string][2]int{}
	if _, err := NewWorkspace(context.Background(), opts, func(phase string, done, total int) {
		last[phase] = [2]int{done, total}
	}); err != nil {
		t.Fatal(err)
	}
	if got := last["reading"]; got != [2]int{4, 4} {
		t.Errorf("reading: last reported %d of %d files, want 4 of 4", got[0], got[1])
	}
	if got := last["indexing"]; got[0] != got[1] || got[0] == 0 {
		t.Errorf("indexing: last reported %d of %d files", got[0], got[1])
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	reported := 0
	w, err := NewWorkspace(ctx, opts, func(string, int, int) { reported++ })
	if w != nil || !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: got %v, %v; want context.Canceled", w, err)
	}
	if reported > 0 {
		t.Errorf("a cancelled indexing reported %d files", reported)
	}
}

// TestWorkspaceHasNotebooks checks that a workspace indexes notebooks as
// asynclint check does: the digest of a notebook's findings follows the
// modules it calls.
func TestWorkspaceHasNotebooks(t *testing.T) {
	nb := `{"cells": [{"cell_type": "code", "metadata": {}, "source": ["from waiting import wait\n", "\n", "async def main():\n", "    wait()"]}], "metadata": {}, "nbformat": 4}`
	w, dir := newWorkspace(t, map[string]string{"nb.ipynb": nb, "waiting.py": "import time\n\ndef wait():\n    time.sleep(1)\n"})
	path := filepath.Join(dir, "nb.ipynb")
	before := w.Digest(path)
	if before == "" {
		t.Fatal("the notebook is not indexed")
	}
	write(t, dir, "waiting.py", "def wait():\n    pass\n")
	w.Update(filepath.Join(dir, "waiting.py"))
	after := w.Digest(path)
	if after == before {
		t.Error("the notebook's digest did not change with the module it calls")
	}
	write(t, dir, "nb.ipynb", strings.Replace(nb, "wait()", "print()", 1))
	w.Update(path)
	if w.Digest(path) == after {
		t.Error("the notebook's digest did not change with its cells")
	}
}

// semanticModel parses text and returns its semantic model.
func semanticModel(t *testing.T, text string) *semantic.File {
	t.Helper()
	p := syntax.NewParser()
	defer p.Close()
	tree, err := p.Parse([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return semantic.Build(tree)
}

// A text the index summarized as it is, as when a saved file is opened,
// is seen with the index's own summary until its memo holds one; an
// edited text is summarized, reusing the memo that Prepare filled.
func TestWorkspaceViewOfIndexedText(t *testing.T) {
	w, dir := newWorkspace(t, chainProject)
	handlers := filepath.Join(dir, "app", "handlers.py")
	var memo analysis.SummaryMemo
	saved := semanticModel(t, chainProject["app/handlers.py"])
	indexed := w.View(handlers, saved, &memo).Summary()
	if indexed != w.View(handlers, saved, nil).Summary() || !memo.Empty() {
		t.Fatal("the saved text is summarized again, not seen with the index's summary")
	}
	w.Prepare(handlers, saved, &memo)
	if memo.Empty() {
		t.Fatal("Prepare left the memo empty")
	}
	if s := w.View(handlers, saved, &memo).Summary(); s == indexed || !reflect.DeepEqual(s, indexed) {
		t.Errorf("with the memo filled, the summary of the saved text is not computed, or differs from the index's")
	}
	edited := semanticModel(t, chainProject["app/handlers.py"]+"\n\nasync def more():\n    load_config()\n")
	if s := w.View(handlers, edited, nil).Summary(); s.Functions["more"] == nil {
		t.Errorf("the edited text is seen with the index's summary of the saved one")
	}
}

// A workspace keeps the tree of a large file it parsed while indexing, for
// the document that opens the file, once and only for the indexed text;
// a file whose summary came from the cache is parsed by Prefetch.
func TestWorkspaceKeepsLargeTrees(t *testing.T) {
	dir := t.TempDir()
	writeAll(t, dir, chainProject)
	var big strings.Builder
	for i := 0; big.Len() < largeFile; i++ {
		fmt.Fprintf(&big, "async def handler_%d(session):\n    return await session.get(%d)\n\n\n", i, i)
	}
	path := write(t, dir, "app/big.py", big.String())
	src := []byte(big.String())
	p := syntax.NewParser()
	defer p.Close()
	want, err := p.Parse(src)
	if err != nil {
		t.Fatal(err)
	}

	w := cachedWorkspace(t, dir)
	if w.Tree(filepath.Join(dir, "app", "io.py"), []byte(chainProject["app/io.py"])) != nil {
		t.Error("a small file's tree is kept")
	}
	if got := w.Tree(path, src); got == nil || !slices.Equal(got.Nodes, want.Nodes) {
		t.Fatal("the large file's tree is not kept, or is not its parse")
	}
	if w.Tree(path, src) != nil {
		t.Error("the tree is given twice")
	}

	// The next index takes the summaries from the cache.
	w = cachedWorkspace(t, dir)
	if !w.trees.wants(path) {
		t.Fatal("a tree is kept of a file not parsed")
	}
	w.Prefetch(context.Background())
	if w.Tree(path, append(slices.Clone(src), '\n')) != nil {
		t.Error("the tree is given for another text")
	}
	if !w.trees.wants(path) {
		t.Error("the tree of an older text is kept once the file is opened")
	}
	w.Prefetch(context.Background())
	if got := w.Tree(path, src); got == nil || !slices.Equal(got.Nodes, want.Nodes) {
		t.Error("Prefetch kept no tree of the large file, or not its parse")
	}
}

// While the facts of an edited text's summary stay those of the last text
// viewed, as while a line is typed, the text sees the project as that one
// did; a text whose facts change sees them changed.
func TestWorkspaceViewKeptWhileFactsStay(t *testing.T) {
	w, dir := newWorkspace(t, chainProject)
	handlers := filepath.Join(dir, "app", "handlers.py")
	var memo analysis.SummaryMemo
	view := func(text string) *project.View { return w.View(handlers, semanticModel(t, text), &memo) }
	text := chainProject["app/handlers.py"] + "\n\ndef more():\n    x = 1\n"
	first := view(text)
	if typed := view(strings.Replace(text, "x = 1", "x = 12", 1)); typed.Summary() != first.Summary() {
		t.Error("a text with the same facts is seen with a new summary")
	}
	called := view(strings.Replace(text, "x = 1", "x = load_config()", 1))
	if called.Summary() == first.Summary() || len(called.Summary().Functions["more"].Calls) == 0 {
		t.Error("a text that calls more is seen with the summary before")
	}
}
