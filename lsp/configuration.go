package lsp

import (
	"context"
	"path/filepath"
	"slices"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
	"go.uber.org/zap"

	"github.com/asynclint/asynclint/analysis/discover"
)

// fetchSettings asks the client for the global settings and those of each
// workspace folder, then re-checks the open documents with them.
func (s *Server) fetchSettings(ctx context.Context) {
	s.config.forgetWarnings()
	folders, base := s.config.folderList(), s.config.base()
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
	s.config.setSettings(global, perFolder)
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
	s.config.forgetWarnings()
	set, problems := parseSettings(s.config.base(), params.Settings, s.known)
	s.config.setSettings(set, nil)
	s.warn(problems...)
	s.background("re-check", s.refresh)
	return nil
}

// DidChangeWorkspaceFolders updates the folders, whose settings may differ,
// and indexes them again.
func (s *Server) DidChangeWorkspaceFolders(ctx context.Context, params *protocol.DidChangeWorkspaceFoldersParams) error {
	var folders []protocol.WorkspaceFolder
	for _, f := range s.config.folderList() {
		folders = append(folders, protocol.WorkspaceFolder{URI: uri.File(f)})
	}
	for _, r := range params.Event.Removed {
		folders = slices.DeleteFunc(folders, func(f protocol.WorkspaceFolder) bool { return f.URI.FsPath() == r.URI.FsPath() })
	}
	s.config.setFolders(append(folders, params.Event.Added...))
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
			s.config.forgetWarnings()
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
