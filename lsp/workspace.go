package lsp

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
	"go.uber.org/zap"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/config"
	"github.com/asynclint/asynclint/analysis/discover"
)

// configFiles are the names of the files config.Find reads.
var configFiles = []string{"pyproject.toml", "asynclint.toml", ".asynclint.toml"}

// An env is what a document is checked with: the configuration found
// upward from its directory with the editor's settings on top, and the
// rules that enables for it.
type env struct {
	cfg      *config.Config
	rules    []*analysis.Rule
	excluded bool // by the configuration's exclude patterns
	settings settings
}

// envFor returns the environment of the document at path ("" for one that
// is not a file). A configuration file that cannot be read is reported and
// replaced by the defaults.
func (s *Server) envFor(path string) *env {
	folder, set := s.settingsFor(path)
	dir := filepath.Dir(path)
	if path == "" {
		dir = folder
	}
	cfg, err := config.Find(dir, s.known)
	if err != nil {
		s.warn(err.Error() + "; using the default configuration")
		cfg = defaultConfig(dir)
	}
	if err := set.apply(cfg, s.known); err != nil {
		s.log.Error("settings were checked but do not apply", zap.Error(err))
	}
	e := &env{cfg: cfg, rules: s.suite.Enabled(cfg, path), settings: set}
	e.excluded = path != "" && discover.Options{Exclude: cfg.Exclude, ExcludeRoot: cfg.Root}.Excluded(path)
	return e
}

// defaultConfig is the configuration used in dir when its file is broken.
func defaultConfig(dir string) *config.Config {
	return &config.Config{Root: dir, Settings: *config.DefaultSettings()}
}

// settingsFor returns the workspace folder that holds path (the first
// folder, or the working directory, for a path in none) and its settings.
func (s *Server) settingsFor(path string) (string, settings) {
	s.mu.Lock()
	defer s.mu.Unlock()
	best := ""
	for _, f := range s.folders {
		if within(path, f) && len(f) > len(best) {
			best = f
		}
	}
	if best != "" {
		if set, ok := s.folderSettings[best]; ok {
			return best, set
		}
		return best, s.globalSettings
	}
	if len(s.folders) > 0 {
		return s.folders[0], s.globalSettings
	}
	wd, _ := os.Getwd()
	return wd, s.globalSettings
}

// within reports whether path is dir or lies below it.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// setFolders records the workspace folders' directories.
func (s *Server) setFolders(folders []protocol.WorkspaceFolder) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.folders = s.folders[:0]
	for _, f := range folders {
		if f.URI.IsFile() {
			s.folders = append(s.folders, f.URI.FsPath())
		}
	}
}

// fetchSettings asks the client for the global settings and those of each
// workspace folder, then re-checks the open documents with them.
func (s *Server) fetchSettings(ctx context.Context) {
	s.forgetWarnings()
	s.mu.Lock()
	folders := slices.Clone(s.folders)
	base := s.initSettings
	s.mu.Unlock()
	name := section
	items := []protocol.ConfigurationItem{{Section: &name}}
	for _, f := range folders {
		scope := uri.File(f)
		items = append(items, protocol.ConfigurationItem{ScopeURI: &scope, Section: &name})
	}
	values, err := s.client.Configuration(ctx, &protocol.ConfigurationParams{Items: items})
	if err != nil || len(values) != len(items) {
		s.log.Warn("workspace/configuration failed; keeping the settings", zap.Error(err), zap.Int("values", len(values)))
		return
	}
	global, problems := parseSettings(base, values[0], s.known)
	perFolder := map[string]settings{}
	for i, f := range folders {
		set, more := parseSettings(global, values[i+1], s.known)
		perFolder[f] = set
		problems = append(problems, more...)
	}
	s.mu.Lock()
	s.globalSettings, s.folderSettings = global, perFolder
	s.mu.Unlock()
	s.warn(problems...)
	s.refresh(ctx)
}

// DidChangeConfiguration re-reads the settings: from the client when it
// answers workspace/configuration, else from the notification.
func (s *Server) DidChangeConfiguration(ctx context.Context, params *protocol.DidChangeConfigurationParams) error {
	if s.caps.configuration {
		s.background("fetch settings", s.fetchSettings)
		return nil
	}
	s.forgetWarnings()
	s.mu.Lock()
	set, problems := parseSettings(s.initSettings, params.Settings, s.known)
	s.globalSettings, s.folderSettings = set, nil
	s.mu.Unlock()
	s.warn(problems...)
	s.background("re-check", s.refresh)
	return nil
}

// DidChangeWorkspaceFolders updates the folders, whose settings may differ,
// and indexes them again.
func (s *Server) DidChangeWorkspaceFolders(ctx context.Context, params *protocol.DidChangeWorkspaceFoldersParams) error {
	s.mu.Lock()
	var folders []protocol.WorkspaceFolder
	for _, f := range s.folders {
		folders = append(folders, protocol.WorkspaceFolder{URI: uri.File(f)})
	}
	s.mu.Unlock()
	for _, r := range params.Event.Removed {
		folders = slices.DeleteFunc(folders, func(f protocol.WorkspaceFolder) bool { return f.URI.FsPath() == r.URI.FsPath() })
	}
	s.setFolders(append(folders, params.Event.Added...))
	if s.caps.configuration {
		s.background("fetch settings", s.fetchSettings)
	} else {
		s.background("re-check", s.refresh)
	}
	s.background("scan workspace", s.scanWorkspace)
	return nil
}

// watchFiles asks the client to report changes to configuration files and
// Python files, which it can only do when it supports registering the
// watcher at run time.
func (s *Server) watchFiles(ctx context.Context) {
	var watchers []protocol.FileSystemWatcher
	for _, name := range append(slices.Clone(configFiles), ".gitignore", "*.py") {
		watchers = append(watchers, protocol.FileSystemWatcher{GlobPattern: protocol.Pattern("**/" + name)})
	}
	// Clients report a directory moved or deleted as such, not file by file.
	watchers = append(watchers, protocol.FileSystemWatcher{GlobPattern: protocol.Pattern("**/*"),
		Kind: protocol.WatchKindCreate | protocol.WatchKindDelete})
	opts, err := protocol.Marshal(&protocol.DidChangeWatchedFilesRegistrationOptions{Watchers: watchers})
	if err == nil {
		err = s.client.RegisterCapability(ctx, &protocol.RegistrationParams{Registrations: []protocol.Registration{{
			ID:              "asynclint-files",
			Method:          protocol.MethodWorkspaceDidChangeWatchedFiles,
			RegisterOptions: opts,
		}}})
	}
	if err != nil {
		s.log.Warn("registering the file watcher", zap.Error(err))
	}
}

// DidChangeWatchedFiles re-checks the open documents, and indexes the
// workspace again, when a configuration file was created, changed or
// deleted, and indexes it again when a .gitignore was; it updates the
// index with the Python files that were, and those of the directories
// created or deleted.
func (s *Server) DidChangeWatchedFiles(ctx context.Context, params *protocol.DidChangeWatchedFilesParams) error {
	var paths []string
	for _, c := range params.Changes {
		if !c.URI.IsFile() {
			continue
		}
		path := c.URI.FsPath()
		if slices.Contains(configFiles, filepath.Base(path)) {
			s.forgetWarnings()
			s.background("re-check", s.refresh)
			s.background("scan workspace", s.scanWorkspace)
			return nil
		}
		if filepath.Base(path) == ".gitignore" { // the project's files may differ
			s.background("scan workspace", s.scanWorkspace)
			return nil
		}
		// A directory created or deleted may be all the client reports of
		// the Python files it holds.
		if discover.IsPython(path) || c.Type != protocol.FileChangeTypeChanged {
			paths = append(paths, path)
		}
	}
	s.filesChanged(paths...)
	return nil
}
