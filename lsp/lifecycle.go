package lsp

import (
	"context"

	"github.com/asynclint/asynclint/version"
	"go.lsp.dev/protocol"
	"go.uber.org/zap"
)

// Initialize negotiates the capabilities and reads the initial settings.
func (s *Server) Initialize(ctx context.Context, params *protocol.InitializeParams) (*protocol.InitializeResult, error) {
	s.caps = negotiate(&params.Capabilities)
	set, problems := parseSettings(defaultSettings(), params.InitializationOptions, s.known)
	folders, _ := params.WorkspaceFolders.Get()
	//lint:ignore SA1019 clients older than workspace folders (Neovim before 0.8) send only a root
	root := params.RootURI
	if len(folders) == 0 && root != nil {
		folders = []protocol.WorkspaceFolder{{URI: *root}}
	}
	s.config.setFolders(folders)
	s.config.setInitial(set)
	s.life.set(running)
	s.warn(problems...)
	s.log.Info("initialized",
		zap.String("client", params.ClientInfo.Name),
		zap.String("encoding", string(s.caps.encoding.kind())),
		zap.Bool("pull", s.caps.pull),
		zap.Int("folders", len(folders)))
	return &protocol.InitializeResult{
		Capabilities: s.capabilities(),
		ServerInfo:   protocol.ServerInfo{Name: "asyncls", Version: protocol.NewOptional(version.Version)},
	}, nil
}

// Initialized starts what needs the client's answers: its settings, the
// watcher of configuration and Python files, and the scan of the workspace.
func (s *Server) Initialized(ctx context.Context, params *protocol.InitializedParams) error {
	if s.caps.configuration {
		s.background("fetch settings", s.fetchSettings)
	}
	if s.caps.watchFiles {
		s.background("watch files", s.watchFiles)
	}
	s.background("scan workspace", s.scanWorkspace)
	return nil
}

// Shutdown stops the server's work; exit follows.
func (s *Server) Shutdown(ctx context.Context) error {
	s.life.set(shutDown)
	s.indexes.stop()
	for _, d := range s.docs.all() {
		d.close()
	}
	return nil
}

// Exit ends Serve.
func (s *Server) Exit(ctx context.Context) error {
	s.exitOne.Do(func() { close(s.exit) })
	return nil
}
