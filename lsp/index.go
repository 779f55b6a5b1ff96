package lsp

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"sync"

	"go.uber.org/zap"

	"github.com/asynclint/asynclint/analysis/config"
	"github.com/asynclint/asynclint/analysis/engine"
)

// A folderIndex is the project index of the Python files of one workspace
// folder, for the findings that cross modules. It is built in the
// background, and built again when the configuration changes; the files
// that change in the meantime are applied to it in batches.
type folderIndex struct {
	dir      string
	updating sync.Mutex // held while a batch is applied

	mu      sync.Mutex
	ws      *engine.Workspace // nil until first built
	pending []string          // files changed and not yet applied to ws
	builds  int               // builds under way
	missed  []string          // files changed while building, which a build may have read before
}

// workspace returns x's index, or nil until it is first built.
func (x *folderIndex) workspace() *engine.Workspace {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.ws
}

// workspaceOptions are the options of the index of the folder dir: those
// of asynclint check run there.
func (s *Server) workspaceOptions(dir string) engine.ProjectOptions {
	cfg, err := config.FindIn(dir, s.suite.Catalog())
	if err != nil {
		cfg = defaultConfig(dir) // opening a file there reports the error
	}
	// Indexing leaves a CPU to the documents being edited; the cache makes
	// the next start quick.
	workers := max(runtime.GOMAXPROCS(0)-1, 1)
	return engine.ProjectOptions{Paths: []string{dir}, Config: cfg, Suite: s.suite, Workers: workers, Cache: true}
}

// build indexes x's folder and puts the index in place, unless ctx is
// cancelled first; report follows the work as engine.NewWorkspace describes.
// The open documents of the folder are then checked again.
func (s *Server) build(ctx context.Context, x *folderIndex, report func(phase string, done, total int)) error {
	x.mu.Lock()
	x.builds++
	x.mu.Unlock()
	ws, err := engine.NewWorkspace(ctx, s.workspaceOptions(x.dir), report)
	if err == nil {
		err = ctx.Err() // a newer build replaces this one
	}
	x.mu.Lock()
	x.builds--
	if err == nil {
		x.ws = ws
		x.pending = append(x.pending, x.missed...)
	}
	if x.builds == 0 {
		x.missed = nil
	}
	x.mu.Unlock()
	if err != nil {
		return err
	}
	s.apply(x)
	s.recheck(s.ctx, s.docs.in(x.dir))
	return nil
}

// filesChanged records that the Python files at paths were saved, created,
// changed or deleted, and updates the index of each folder that holds
// them in the background.
func (s *Server) filesChanged(paths ...string) {
	for _, x := range s.indexes.all() {
		var mine []string
		for _, path := range paths {
			if within(path, x.dir) {
				mine = append(mine, path)
			}
		}
		if len(mine) == 0 {
			continue
		}
		x.mu.Lock()
		if x.ws != nil {
			x.pending = append(x.pending, mine...)
		}
		if x.builds > 0 {
			x.missed = append(x.missed, mine...)
		}
		x.mu.Unlock()
		s.apply(x)
	}
}

// apply applies x's pending changes in the background, one batch at a
// time: the changes that arrive while a batch is applied make the next.
func (s *Server) apply(x *folderIndex) {
	s.background("update the index", func(ctx context.Context) {
		x.updating.Lock()
		defer x.updating.Unlock()
		x.mu.Lock()
		ws, paths := x.ws, x.pending
		x.pending = nil
		x.mu.Unlock()
		if len(paths) > 0 {
			s.update(ctx, x.dir, ws, paths)
		}
	})
}

// update applies a batch of changes to the index ws of the folder dir,
// then checks again the open documents whose findings may have changed:
// those whose digest changed.
func (s *Server) update(ctx context.Context, dir string, ws *engine.Workspace, paths []string) {
	docs := s.docs.in(dir)
	before := make([]string, len(docs))
	for i, d := range docs {
		before[i] = ws.Digest(d.path)
	}
	ws.Update(paths...)
	var stale []*document
	for i, d := range docs {
		if ws.Digest(d.path) != before[i] {
			stale = append(stale, d)
		}
	}
	s.log.Debug("index updated", zap.String("folder", dir), zap.Strings("files", paths), zap.Int("rechecked", len(stale)))
	s.recheck(ctx, stale)
}

// scanWorkspace indexes the Python files of the workspace folders in the
// background, with work-done progress, as asynclint check would find and
// read them: one folder after the other, each index put in place as soon
// as it is ready, when the open documents of the folder are checked again
// with it. Until then they are checked on their own. A new scan, after a
// change of folders or of configuration files, cancels the one under way;
// the documents keep the index they have until the new one is ready.
func (s *Server) scanWorkspace(ctx context.Context) {
	if s.suite.Summarize == nil {
		return
	}
	scan, cancel := context.WithCancel(ctx)
	defer cancel()
	s.indexes.startScan(cancel)
	indexes := s.indexes.forFolders(s.config.folderList())
	if len(indexes) == 0 {
		return
	}
	// The progress outlives the scan, to say it was cancelled.
	p := s.beginProgress(ctx, "asynclint: indexing the workspace")
	total := 0
	for i, x := range indexes {
		files := 0
		report := p.indexing(i, len(indexes), filepath.Base(x.dir))
		err := s.build(scan, x, func(phase string, done, all int) {
			if phase == "reading" {
				files = all
			}
			report(phase, done, all)
		})
		if err != nil {
			p.end("cancelled")
			s.log.Info("indexing cancelled", zap.String("folder", x.dir), zap.Error(err))
			return
		}
		total += files
	}
	p.end(fmt.Sprintf("%d Python files", total))
	s.log.Info("workspace indexed", zap.Int("folders", len(indexes)), zap.Int("python_files", total))
	for _, x := range indexes {
		if ws := x.workspace(); ws != nil {
			ws.Prefetch(scan) // large files, parsed before they are opened
		}
	}
}
