package lsp

import (
	"context"
	"os"
	"slices"
	"sync"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// The server's state is kept apart from its handlers, in stores that each
// guard one concern with a lock of their own: the lifecycle, the
// workspace folders with the editor's settings, the open documents, and
// the project indexes. No store calls another while holding its lock.

// lifecycle is where the server stands between initialize and exit.
type lifecycle struct {
	mu    sync.Mutex
	state lifecycleState
}

type lifecycleState int

const (
	starting lifecycleState = iota
	running
	shutDown
)

// admit applies the lifecycle to a message: nothing but initialize (and
// exit) before initialize, and nothing but exit after shutdown.
func (l *lifecycle) admit(method string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	switch {
	case method == protocol.MethodExit:
		return nil
	case l.state == starting && method != protocol.MethodInitialize:
		return jsonrpc2.NewError(jsonrpc2.ServerNotInitialized, "asyncls: initialize first")
	case l.state != starting && method == protocol.MethodInitialize:
		return jsonrpc2.NewError(jsonrpc2.InvalidRequest, "asyncls: already initialized")
	case l.state == shutDown:
		return jsonrpc2.NewError(jsonrpc2.InvalidRequest, "asyncls: shutting down")
	}
	return nil
}

func (l *lifecycle) set(s lifecycleState) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.state = s
}

func (l *lifecycle) is(s lifecycleState) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.state == s
}

// configStore holds the workspace folders and the editor's settings: from
// initializationOptions, and then from workspace/configuration, globally
// and per folder. It also remembers the warnings already shown.
type configStore struct {
	mu        sync.Mutex
	folders   []string // the workspace folders' directories
	initial   settings // the defaults with initializationOptions on top
	global    settings
	perFolder map[string]settings
	warned    map[string]bool
}

func newConfigStore() configStore {
	return configStore{initial: defaultSettings(), global: defaultSettings(), warned: map[string]bool{}}
}

// setFolders records the workspace folders' directories.
func (c *configStore) setFolders(folders []protocol.WorkspaceFolder) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.folders = c.folders[:0]
	for _, f := range folders {
		if f.URI.IsFile() {
			c.folders = append(c.folders, f.URI.FsPath())
		}
	}
}

// folderList returns the workspace folders' directories.
func (c *configStore) folderList() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.folders)
}

// setInitial sets the settings of initializationOptions, which the
// client's later settings are layered on.
func (c *configStore) setInitial(set settings) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.initial, c.global = set, set
}

// base returns the settings that the client's later settings are layered on.
func (c *configStore) base() settings {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.initial
}

// setSettings sets the global settings and those of each folder (nil: the
// global ones for every folder).
func (c *configStore) setSettings(global settings, perFolder map[string]settings) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.global, c.perFolder = global, perFolder
}

// settingsFor returns the workspace folder that holds path (the first
// folder, or the working directory, for a path in none) and its settings.
func (c *configStore) settingsFor(path string) (string, settings) {
	c.mu.Lock()
	defer c.mu.Unlock()
	best := ""
	for _, f := range c.folders {
		if within(path, f) && len(f) > len(best) {
			best = f
		}
	}
	if best != "" {
		if set, ok := c.perFolder[best]; ok {
			return best, set
		}
		return best, c.global
	}
	if len(c.folders) > 0 {
		return c.folders[0], c.global
	}
	wd, _ := os.Getwd()
	return wd, c.global
}

// firstWarning reports whether msg has not been shown since the
// configuration last changed, and records that it now is.
func (c *configStore) firstWarning(msg string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	seen := c.warned[msg]
	c.warned[msg] = true
	return !seen
}

// forgetWarnings lets warnings be shown again, after a change of settings
// or of configuration files.
func (c *configStore) forgetWarnings() {
	c.mu.Lock()
	defer c.mu.Unlock()
	clear(c.warned)
}

// docStore holds the open documents, and which of them keep tree-sitter's
// tree for incremental parsing.
type docStore struct {
	openSet[*document]
	mu     sync.Mutex
	recent []*document // holding tree-sitter's tree, least recently edited first
}

// maxTrees is how many documents keep tree-sitter's tree for incremental
// re-parsing: those edited last. A tree takes about 110 bytes a node, over
// four times what the flattened tree the analysis reads takes.
const maxTrees = 20

// remove takes the document u out, returning it, or nil.
func (s *docStore) remove(u uri.URI) *document {
	d := s.openSet.remove(u)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.recent = slices.DeleteFunc(s.recent, func(r *document) bool { return r == d })
	return d
}

// in returns the open documents of the folder dir.
func (s *docStore) in(dir string) []*document {
	return slices.DeleteFunc(s.all(), func(d *document) bool { return d.path == "" || !within(d.path, dir) })
}

// touched records that d was just opened or edited, and returns the
// document edited longest ago when more than maxTrees keep a tree: the
// caller releases its tree.
func (s *docStore) touched(d *document) *document {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.recent = slices.DeleteFunc(s.recent, func(r *document) bool { return r == d })
	s.recent = append(s.recent, d)
	if len(s.recent) <= maxTrees {
		return nil
	}
	drop := s.recent[0]
	s.recent = s.recent[1:]
	return drop
}

// indexStore holds the project index of each workspace folder, and the
// cancellation of the scan of the workspace under way.
type indexStore struct {
	mu       sync.Mutex
	list     []*folderIndex
	stopScan context.CancelFunc
}

// forFolders returns the indexes of folders, keeping those it has and
// making those of new folders; the indexes of folders gone are dropped.
func (s *indexStore) forFolders(folders []string) []*folderIndex {
	s.mu.Lock()
	defer s.mu.Unlock()
	var list []*folderIndex
	for _, dir := range folders {
		if slices.ContainsFunc(list, func(x *folderIndex) bool { return x.dir == dir }) {
			continue
		}
		if i := slices.IndexFunc(s.list, func(x *folderIndex) bool { return x.dir == dir }); i >= 0 {
			list = append(list, s.list[i])
		} else {
			list = append(list, &folderIndex{dir: dir})
		}
	}
	s.list = list
	return slices.Clone(list)
}

// all returns the indexes.
func (s *indexStore) all() []*folderIndex {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.list)
}

// innermost returns the index of the innermost folder that holds path, or
// nil.
func (s *indexStore) innermost(path string) *folderIndex {
	s.mu.Lock()
	defer s.mu.Unlock()
	var inner *folderIndex
	for _, x := range s.list {
		if within(path, x.dir) && (inner == nil || len(x.dir) > len(inner.dir)) {
			inner = x
		}
	}
	return inner
}

// startScan records the cancellation of a new scan, cancelling the one
// under way.
func (s *indexStore) startScan(cancel context.CancelFunc) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stopScan != nil {
		s.stopScan()
	}
	s.stopScan = cancel
}

// stop cancels the scan under way.
func (s *indexStore) stop() {
	s.startScan(nil)
}
