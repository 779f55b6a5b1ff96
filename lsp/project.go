package lsp

import (
	"context"
	"runtime"
	"slices"
	"sync"

	"go.lsp.dev/protocol"
	"go.uber.org/zap"

	"github.com/asynclint/asynclint/analysis/check"
	"github.com/asynclint/asynclint/analysis/config"
	"github.com/asynclint/asynclint/analysis/discover"
	"github.com/asynclint/asynclint/analysis/engine"
	"github.com/asynclint/asynclint/analysis/project"
	"github.com/asynclint/asynclint/analysis/semantic"
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

// workspaceOptions are the options of the index of the folder dir: those
// of asynclint check run there.
func (s *Server) workspaceOptions(dir string) engine.ProjectOptions {
	cfg, err := config.Find(dir, s.known)
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
	s.recheck(s.ctx, s.documentsIn(x.dir))
	return nil
}

// filesChanged records that the Python files at paths were saved, created,
// changed or deleted, and updates the index of each folder that holds
// them in the background.
func (s *Server) filesChanged(paths ...string) {
	s.mu.Lock()
	indexes := slices.Clone(s.indexes)
	s.mu.Unlock()
	for _, x := range indexes {
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
	docs := s.documentsIn(dir)
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

// checkOptions returns how the text of the document at path is checked in
// environment e: in the project as its folder's index has it now, or on
// its own until the index is ready.
func (s *Server) checkOptions(path string, e *env) *check.Options {
	return &check.Options{
		Rules:    e.rules,
		Settings: &e.cfg.Settings,
		Project:  func(file *semantic.File) *project.View { return s.view(path, file) },
	}
}

// view returns the project as seen from the document at path whose text
// file models: from the index of the innermost workspace folder that holds
// it, or nil while that index is being built and outside the folders.
func (s *Server) view(path string, file *semantic.File) *project.View {
	if path == "" {
		return nil
	}
	var inner *folderIndex
	s.mu.Lock()
	for _, x := range s.indexes {
		if within(path, x.dir) && (inner == nil || len(x.dir) > len(inner.dir)) {
			inner = x
		}
	}
	s.mu.Unlock()
	if inner == nil {
		return nil
	}
	inner.mu.Lock()
	ws := inner.ws
	inner.mu.Unlock()
	if ws == nil {
		return nil
	}
	return ws.View(path, file)
}

// folderIndexes returns the indexes of the workspace folders, making those
// of new folders and dropping those of folders gone.
func (s *Server) folderIndexes() []*folderIndex {
	s.mu.Lock()
	defer s.mu.Unlock()
	var indexes []*folderIndex
	for _, dir := range s.folders {
		if slices.ContainsFunc(indexes, func(x *folderIndex) bool { return x.dir == dir }) {
			continue
		}
		if i := slices.IndexFunc(s.indexes, func(x *folderIndex) bool { return x.dir == dir }); i >= 0 {
			indexes = append(indexes, s.indexes[i])
		} else {
			indexes = append(indexes, &folderIndex{dir: dir})
		}
	}
	s.indexes = indexes
	return slices.Clone(indexes)
}

// documentsIn returns the open documents of the folder dir.
func (s *Server) documentsIn(dir string) []*document {
	docs := s.openDocuments()
	return slices.DeleteFunc(docs, func(d *document) bool { return d.path == "" || !within(d.path, dir) })
}

// DidSave updates the index with the saved file: the findings of the open
// documents that depend on it may change.
func (s *Server) DidSave(ctx context.Context, params *protocol.DidSaveTextDocumentParams) error {
	if u := params.TextDocument.URI; u.IsFile() && discover.IsPython(u.FsPath()) {
		s.filesChanged(u.FsPath())
	}
	return nil
}
