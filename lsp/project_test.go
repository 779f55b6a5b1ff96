package lsp

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/project"
	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/analysis/syntax"
	"github.com/asynclint/asynclint/rules"
)

// A package of modules whose findings cross modules: handle blocks, two
// modules away, in the read of a file, and does not await a coroutine of
// a third module.
const (
	handlersPy = "from app.config import load_config\nfrom app.db import fetch_user\n\n\nasync def handle():\n    load_config()\n    fetch_user()\n"
	configPy   = "from app.io import read_file\n\n\ndef load_config():\n    return read_file(\"x\")\n"
	ioPy       = "def read_file(p):\n    return open(p).read()\n"
	dbPy       = "async def fetch_user():\n    return None\n"
)

// newProject writes the package into a new directory and returns it.
func newProject(t testing.TB) string {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"app/__init__.py": "",
		"app/handlers.py": handlersPy,
		"app/config.py":   configPy,
		"app/io.py":       ioPy,
		"app/db.py":       dbPy,
	})
	return dir
}

// has reports whether diags are one of each of the codes want, sorted.
func has(diags []protocol.Diagnostic, want ...string) bool {
	got := codes(diags)
	slices.Sort(got)
	return slices.Equal(got, want)
}

// withCode returns the first of diags with code, and its message.
func withCode(diags []protocol.Diagnostic, code string) (protocol.Diagnostic, string) {
	for _, d := range diags {
		if d.Code == protocol.String(code) {
			msg, _ := d.Message.(protocol.String)
			return d, string(msg)
		}
	}
	return protocol.Diagnostic{}, ""
}

func TestFindingsAcrossModules(t *testing.T) {
	dir := newProject(t)
	c := start(t, options{folders: []string{dir}, progress: true, watch: true, initOpts: map[string]any{"debounceMs": 0}})
	file := func(name string) uri.URI { return uri.File(filepath.Join(dir, "app", name)) }
	handlers, io := file("handlers.py"), file("io.py")
	c.open(handlers, handlersPy)

	diags := c.latest(handlers, "AL210 and AL301 once indexed", func(d []protocol.Diagnostic) bool { return has(d, "AL210", "AL301") })
	chain, msg := withCode(diags, "AL210")
	if want := "handle -> load_config -> read_file -> io.IOBase.read"; !strings.HasSuffix(msg, want) {
		t.Errorf("AL210 says %q, want the chain %q", msg, want)
	}
	if _, msg := withCode(diags, "AL301"); !strings.Contains(msg, "fetch_user") {
		t.Errorf("AL301 says %q, want it to name fetch_user", msg)
	}
	// The saved text was checked with the index's summary; its own is
	// prepared once the diagnostics are out, for the first edit.
	for deadline := time.Now().Add(5 * time.Second); c.srv.docs.get(handlers).summaries.Empty(); time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the summary of the opened text is not prepared")
		}
	}
	want := []protocol.DiagnosticRelatedInformation{
		{Location: protocol.Location{URI: file("config.py"), Range: c.rangeOf(configPy, `read_file("x")`)}, Message: "`load_config` calls `read_file`"},
		{Location: protocol.Location{URI: io, Range: c.rangeOf(ioPy, "open(p).read()")}, Message: "`read_file` calls `io.IOBase.read`"},
	}
	if !slices.Equal(chain.RelatedInformation, want) {
		t.Errorf("related information %+v, want %+v", chain.RelatedInformation, want)
	}
	c.waitFor("the end of the indexing", func() bool {
		return len(c.progress) > 0 && c.progress[len(c.progress)-1] == "end 5 Python files"
	})
	c.mu.Lock()
	progress := slices.Clone(c.progress)
	c.mu.Unlock()
	if progress[0] != "begin asynclint: indexing the workspace" || !slices.ContainsFunc(progress, func(p string) bool { return strings.HasPrefix(p, "report indexing ") }) {
		t.Errorf("progress %q, want a begin, reports of the indexing and an end", progress)
	}

	// io.py, not open, stops blocking.
	quiet := "def read_file(p):\n    return p\n"
	writeFiles(t, dir, map[string]string{"app/io.py": quiet})
	c.watched(protocol.FileEvent{URI: io, Type: protocol.FileChangeTypeChanged})
	c.latest(handlers, "AL210 gone", func(d []protocol.Diagnostic) bool { return has(d, "AL301") })

	// io.py, opened, edited and saved, blocks again.
	sleeps := "import time\n\n\ndef read_file(p):\n    time.sleep(1)\n    return p\n"
	c.open(io, quiet)
	c.edit(io, 2, c.rangeOf(quiet, quiet), sleeps)
	writeFiles(t, dir, map[string]string{"app/io.py": sleeps})
	if err := c.server.DidSave(ctx(t), &protocol.DidSaveTextDocumentParams{TextDocument: protocol.TextDocumentIdentifier{URI: io}}); err != nil {
		t.Fatal(err)
	}
	diags = c.latest(handlers, "AL210 back", func(d []protocol.Diagnostic) bool { return has(d, "AL210", "AL301") })
	if _, msg := withCode(diags, "AL210"); !strings.HasSuffix(msg, "handle -> load_config -> read_file -> time.sleep") {
		t.Errorf("AL210 says %q, want the chain through time.sleep", msg)
	}
}

func TestWatchesPythonFilesAndSaves(t *testing.T) {
	c := start(t, options{folders: []string{t.TempDir()}, watch: true})
	if save := c.init.Capabilities.TextDocumentSync.(*protocol.TextDocumentSyncOptions).Save; save != protocol.Boolean(true) {
		t.Errorf("save notifications: %v, want true", save)
	}
	c.waitFor("the file watcher", func() bool { return len(c.registrations) > 0 })
	c.mu.Lock()
	opts := string(c.registrations[0].RegisterOptions)
	c.mu.Unlock()
	for _, glob := range []string{"**/pyproject.toml", "**/.gitignore", "**/*.py", "**/*"} {
		if !strings.Contains(opts, `"`+glob+`"`) {
			t.Errorf("the watcher %s does not watch %s", opts, glob)
		}
	}
}

func TestPulledFindingsAcrossModules(t *testing.T) {
	dir := newProject(t)
	c := start(t, options{folders: []string{dir}, pull: true, progress: true, watch: true})
	c.waitFor("the end of the indexing", func() bool {
		return len(c.progress) > 0 && strings.HasPrefix(c.progress[len(c.progress)-1], "end")
	})
	handlers := uri.File(filepath.Join(dir, "app", "handlers.py"))
	c.open(handlers, handlersPy)
	pull := func() []protocol.Diagnostic {
		t.Helper()
		report, err := c.server.Diagnostic(ctx(t), &protocol.DocumentDiagnosticParams{TextDocument: protocol.TextDocumentIdentifier{URI: handlers}})
		if err != nil {
			t.Fatal(err)
		}
		return report.(*protocol.RelatedFullDocumentDiagnosticReport).Items
	}
	if got := pull(); !has(got, "AL210", "AL301") {
		t.Fatalf("codes %q, want AL210 and AL301", codes(got))
	}

	// fetch_user is no longer a coroutine: the client is asked to pull again.
	c.mu.Lock()
	refreshes := c.refreshes
	c.mu.Unlock()
	db := filepath.Join(dir, "app", "db.py")
	writeFiles(t, dir, map[string]string{"app/db.py": "def fetch_user():\n    return None\n"})
	c.watched(protocol.FileEvent{URI: uri.File(db), Type: protocol.FileChangeTypeChanged})
	c.waitFor("a refresh", func() bool { return c.refreshes > refreshes })
	if got := pull(); !has(got, "AL210") {
		t.Errorf("codes %q, want AL210 alone", codes(got))
	}
}

// TestIndexingInTheBackground holds the indexing up: the documents are
// checked on their own and requests are answered meanwhile, and a change
// of configuration cancels it for a new one.
func TestIndexingInTheBackground(t *testing.T) {
	dir := newProject(t)
	gate, entered := make(chan struct{}), make(chan struct{}, 1)
	var release sync.Once
	open := func() { release.Do(func() { close(gate) }) }
	t.Cleanup(open)
	held := &analysis.Summarizer{Statements: rules.Summarizer.Statements, Module: func(f *semantic.File) *project.Summary {
		select {
		case entered <- struct{}{}:
		default:
		}
		<-gate
		return rules.Summarizer.Module(f)
	}}
	c := start(t, options{folders: []string{dir}, progress: true, summarize: held, initOpts: map[string]any{"debounceMs": 0}})
	<-entered

	handlers := uri.File(filepath.Join(dir, "app", "handlers.py"))
	c.open(handlers, handlersPy)
	if got := c.diagnostics(handlers, 1); len(got) > 0 {
		t.Errorf("before the index is ready: codes %q, want none", codes(got))
	}
	if _, err := c.server.Hover(ctx(t), &protocol.HoverParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: handlers},
		Position:     c.rangeOf(handlersPy, "load_config()").Start,
	}}); err != nil {
		t.Errorf("hover while indexing: %v", err)
	}

	writeFiles(t, dir, map[string]string{"pyproject.toml": "[tool.asynclint]\n"})
	c.watched(protocol.FileEvent{URI: uri.File(filepath.Join(dir, "pyproject.toml")), Type: protocol.FileChangeTypeCreated})
	c.waitFor("a second indexing", func() bool {
		begun := 0
		for _, p := range c.progress {
			if strings.HasPrefix(p, "begin") {
				begun++
			}
		}
		return begun == 2
	})
	open()
	c.latest(handlers, "AL210 and AL301 once indexed", func(d []protocol.Diagnostic) bool { return has(d, "AL210", "AL301") })
	c.waitFor("the end of both", func() bool {
		return slices.Contains(c.progress, "end cancelled") && slices.Contains(c.progress, "end 5 Python files")
	})
}

func TestIgnoredFilesAndDeletions(t *testing.T) {
	dir := newProject(t)
	writeFiles(t, dir, map[string]string{".gitignore": "generated/\n"})
	os.Mkdir(filepath.Join(dir, ".git"), 0o755)
	c := start(t, options{folders: []string{dir}, progress: true, initOpts: map[string]any{"debounceMs": 0}})
	// Opened once indexed, the document is checked once.
	c.waitFor("the end of the indexing", func() bool { return slices.Contains(c.progress, "end 5 Python files") })
	handlers := uri.File(filepath.Join(dir, "app", "handlers.py"))
	c.open(handlers, handlersPy)
	if got := c.diagnostics(handlers, 1); !has(got, "AL210", "AL301") {
		t.Fatalf("codes %q, want AL210 and AL301", codes(got))
	}
	before := len(c.versions(handlers))

	// A project that git ignores, whose app.db would make fetch_user a
	// plain function, is created, and config.py is deleted: the chain
	// breaks, and fetch_user stays a coroutine.
	writeFiles(t, dir, map[string]string{
		"generated/pyproject.toml": "",
		"generated/app/db.py":      "def fetch_user():\n    return None\n",
	})
	config := filepath.Join(dir, "app", "config.py")
	os.Remove(config)
	c.watched(
		protocol.FileEvent{URI: uri.File(filepath.Join(dir, "generated", "app", "db.py")), Type: protocol.FileChangeTypeCreated},
		protocol.FileEvent{URI: uri.File(config), Type: protocol.FileChangeTypeDeleted},
	)
	c.latest(handlers, "AL210 gone", func(d []protocol.Diagnostic) bool { return has(d, "AL301") })
	if after := len(c.versions(handlers)); after != before+1 {
		t.Errorf("handlers.py checked %d times after one batch of changes, want once", after-before)
	}
}

// A client may report a deleted directory as the directory alone.
func TestDeletedDirectory(t *testing.T) {
	dir := t.TempDir()
	const mainPy = "from store.db import fetch_user\n\n\nasync def handle():\n    fetch_user()\n"
	writeFiles(t, dir, map[string]string{"main.py": mainPy, "store/__init__.py": "", "store/db.py": dbPy})
	c := start(t, options{folders: []string{dir}, initOpts: map[string]any{"debounceMs": 0}})
	main := uri.File(filepath.Join(dir, "main.py"))
	c.open(main, mainPy)
	c.latest(main, "AL301 once indexed", func(d []protocol.Diagnostic) bool { return has(d, "AL301") })

	store := filepath.Join(dir, "store")
	os.RemoveAll(store)
	c.watched(protocol.FileEvent{URI: uri.File(store), Type: protocol.FileChangeTypeDeleted})
	c.latest(main, "AL301 gone with store/", func(d []protocol.Diagnostic) bool { return len(d) == 0 })
}

// A module that git starts to ignore leaves the project.
func TestGitignoreChange(t *testing.T) {
	dir := newProject(t)
	os.Mkdir(filepath.Join(dir, ".git"), 0o755)
	c := start(t, options{folders: []string{dir}, initOpts: map[string]any{"debounceMs": 0}})
	handlers := uri.File(filepath.Join(dir, "app", "handlers.py"))
	c.open(handlers, handlersPy)
	c.latest(handlers, "AL210 and AL301 once indexed", func(d []protocol.Diagnostic) bool { return has(d, "AL210", "AL301") })

	gitignore := filepath.Join(dir, ".gitignore")
	writeFiles(t, dir, map[string]string{".gitignore": "app/db.py\n"})
	c.watched(protocol.FileEvent{URI: uri.File(gitignore), Type: protocol.FileChangeTypeCreated})
	c.latest(handlers, "AL301 gone with app/db.py ignored", func(d []protocol.Diagnostic) bool { return has(d, "AL210") })
}

func TestSummarizerPanics(t *testing.T) {
	dir := newProject(t)
	faulty := &analysis.Summarizer{Statements: rules.Summarizer.Statements, Module: func(*semantic.File) *project.Summary { panic("faulty summary") }}
	c := start(t, options{folders: []string{dir}, progress: true, summarize: faulty, initOpts: map[string]any{"debounceMs": 0}})
	c.waitFor("the end of the indexing", func() bool { return slices.Contains(c.progress, "end 5 Python files") })
	handlers := uri.File(filepath.Join(dir, "app", "handlers.py"))
	c.open(handlers, handlersPy)
	if got := c.diagnostics(handlers, 1); len(got) > 0 {
		t.Errorf("codes %q, want none: the index knows nothing of the modules", codes(got))
	}
}

// A large file opened as the index parsed it is not parsed again: the
// document starts from the index's tree, and goes on by statements.
func TestOpenedLargeFileIsNotParsedAgain(t *testing.T) {
	dir := newProject(t)
	big := generate(12000)
	writeFiles(t, dir, map[string]string{"app/big.py": big})
	c := start(t, options{folders: []string{dir}, progress: true, initOpts: map[string]any{"debounceMs": 0}})
	c.waitFor("the end of the indexing", func() bool {
		return len(c.progress) > 0 && c.progress[len(c.progress)-1] == "end 6 Python files"
	})
	u := uri.File(filepath.Join(dir, "app", "big.py"))
	c.open(u, big)
	opened := c.diagnostics(u, 1)
	if got := c.srv.docs.get(u).counts(); got != (syntax.ParseCounts{}) {
		t.Errorf("the opened file was parsed: %+v", got)
	}
	alone := start(t, options{initOpts: map[string]any{"debounceMs": 0}})
	alone.open(u, big)
	if want := alone.diagnostics(u, 1); len(opened) != len(want) || len(opened) == 0 {
		t.Errorf("%d diagnostics from the index's tree, %d from a parse", len(opened), len(want))
	}
	at := c.pos(big, len(big)/2)
	c.edit(u, 2, protocol.Range{Start: at, End: at}, "x")
	c.diagnostics(u, 2)
	if got := c.srv.docs.get(u).counts(); got != (syntax.ParseCounts{Incremental: 1}) {
		t.Errorf("the edit after opening: %+v, want one incremental parse", got)
	}
}
