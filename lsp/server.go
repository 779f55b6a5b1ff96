// Package lsp is asynclint's language server. It speaks the Language
// Server Protocol over one connection (standard input and output for
// asyncls): it keeps the documents the editor has open, re-parses each one
// incrementally as it is edited, and answers with asynclint's diagnostics,
// their fixes as code actions, and the rules' documentation on hover. It
// indexes the modules of the workspace folders in the background, as
// asynclint check does, for the findings that cross modules, and updates
// the index as files are saved or change on disk.
//
// The connection's read loop handles notifications one at a time, in
// order, so the edits of a document apply in sequence; requests take a
// snapshot of their document on the read loop and then run concurrently.
// Diagnostics are pushed after a short debounce, or pulled by clients that
// ask to.
package lsp

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
	"go.uber.org/zap"
	"go.uber.org/zap/exp/zapslog"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/lint"
	"github.com/asynclint/asynclint/version"
)

// A Server is a language server for one connection.
type Server struct {
	protocol.UnimplementedServer // method not found for the rest of LSP

	log       *zap.Logger
	known     []string        // every rule code, for checking selectors
	summarize lint.Summarizer // nil: no project index

	// Set before any handler runs that reads them.
	ctx    context.Context // the connection's, for work that outlives a message
	client protocol.Client
	caps   clientCaps

	mu             sync.Mutex
	state          lifecycle
	folders        []string // workspace folders' directories
	initSettings   settings // the defaults with initializationOptions on top
	globalSettings settings
	folderSettings map[string]settings
	docs           map[uri.URI]*document
	recent         []*document        // holding tree-sitter's tree, least recently edited first
	warned         map[string]bool    // messages already shown
	indexes        []*folderIndex     // the project index of each workspace folder
	stopScan       context.CancelFunc // of the scan of the workspace under way

	requests requests
	parsers  parserPool
	exit     chan struct{}
	exitOne  sync.Once
}

// lifecycle is where the server stands between initialize and exit.
type lifecycle int

const (
	starting lifecycle = iota
	running
	shutDown
)

// GCPercent is the garbage collector's setting that suits the server:
// each check of a long module leaves megabytes of garbage while the
// memory in use changes little, and collecting three times less often
// takes a fifth off the latency of an edit in a 20,000-line module.
const GCPercent = 300

// New returns a server that logs to log. summarize computes the summaries
// of the modules that the project index is built from (rules.Summarize);
// without it, each document is checked on its own.
func New(log *zap.Logger, summarize lint.Summarizer) *Server {
	var known []string
	for _, r := range analysis.Rules() {
		known = append(known, r.Code)
	}
	return &Server{
		log:            log,
		known:          known,
		summarize:      summarize,
		initSettings:   defaultSettings(),
		globalSettings: defaultSettings(),
		docs:           map[uri.URI]*document{},
		warned:         map[string]bool{},
		exit:           make(chan struct{}),
	}
}

// Serve serves one client over rwc until it sends exit or the connection
// ends, and returns the exit status LSP prescribes: 0 after a shutdown
// request, 1 otherwise.
func (s *Server) Serve(ctx context.Context, rwc io.ReadWriteCloser) int {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	ctx = protocol.WithLogger(ctx, slog.New(zapslog.NewHandler(s.log.Core())))
	stream := &tolerantStream{frameStream: jsonrpc2.NewStream(rwc).(frameStream), log: s.log}
	conn := jsonrpc2.NewConn(stream, jsonrpc2.WithCodec(codec{}))
	s.ctx, s.client = ctx, protocol.ClientDispatcher(conn)
	conn.Go(ctx, s.handler())
	select {
	case <-s.exit:
	case <-ctx.Done():
	case <-conn.Done():
		if err := conn.Err(); err != nil {
			s.log.Error("connection failed", zap.Error(err))
		}
	}
	cancel()
	for _, d := range s.openDocuments() {
		d.close()
	}
	s.parsers.close()
	// Close waits for the handlers still running; one waiting on the
	// client would wait forever once the client has gone.
	closed := make(chan struct{})
	go func() { conn.Close(); close(closed) }()
	select {
	case <-closed:
	case <-time.After(time.Second):
		rwc.Close()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.state == shutDown {
		return 0
	}
	return 1
}

// handler returns the connection's handler: protocol's dispatch to the
// Server's methods, behind the lifecycle rules, with cancellation, and
// with panics and notification errors turned into log lines (jsonrpc2
// would end the connection on either).
func (s *Server) handler() jsonrpc2.Handler {
	dispatch := protocol.ServerHandler(s, nil)
	return func(ctx context.Context, req *jsonrpc2.Request) (result any, err error) {
		method, call := strings.Clone(req.Method()), req.IsCall()
		defer func() {
			if v := recover(); v != nil {
				s.log.Error("handler panicked", zap.String("method", method), zap.Any("panic", v), zap.ByteString("stack", debug.Stack()))
				result, err = nil, jsonrpc2.Errorf(jsonrpc2.InternalError, "asyncls: internal error in %s: %v", method, v)
			}
			if err != nil && !call {
				s.log.Warn("notification failed", zap.String("method", method), zap.Error(err))
				err = nil
			}
		}()
		if method == protocol.MethodCancelRequest {
			return nil, s.requests.cancel(req.Params())
		}
		if err := s.admit(method); err != nil {
			return nil, err
		}
		if call {
			var done func()
			ctx, done = s.requests.start(s.ctx, ctx, req.ID())
			defer done()
		}
		return dispatch(ctx, req)
	}
}

// admit applies the lifecycle: nothing but initialize (and exit) before
// initialize, and nothing but exit after shutdown.
func (s *Server) admit(method string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case method == protocol.MethodExit:
		return nil
	case s.state == starting && method != protocol.MethodInitialize:
		return jsonrpc2.NewError(jsonrpc2.ServerNotInitialized, "asyncls: initialize first")
	case s.state != starting && method == protocol.MethodInitialize:
		return jsonrpc2.NewError(jsonrpc2.InvalidRequest, "asyncls: already initialized")
	case s.state == shutDown:
		return jsonrpc2.NewError(jsonrpc2.InvalidRequest, "asyncls: shutting down")
	}
	return nil
}

// Initialize negotiates the capabilities and reads the initial settings.
func (s *Server) Initialize(ctx context.Context, params *protocol.InitializeParams) (*protocol.InitializeResult, error) {
	s.caps = negotiate(&params.Capabilities)
	set, problems := parseSettings(defaultSettings(), params.InitializationOptions, s.known)
	folders, _ := params.WorkspaceFolders.Get()
	if len(folders) == 0 && params.RootURI != nil {
		folders = []protocol.WorkspaceFolder{{URI: *params.RootURI}}
	}
	s.setFolders(folders)
	s.mu.Lock()
	s.state, s.initSettings, s.globalSettings = running, set, set
	s.mu.Unlock()
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
	s.mu.Lock()
	s.state = shutDown
	if s.stopScan != nil {
		s.stopScan()
	}
	s.mu.Unlock()
	for _, d := range s.openDocuments() {
		d.close()
	}
	return nil
}

// Exit ends Serve.
func (s *Server) Exit(ctx context.Context) error {
	s.exitOne.Do(func() { close(s.exit) })
	return nil
}

// warn shows each message to the user as a warning, once until the
// configuration changes: they say what was ignored and what is used instead.
func (s *Server) warn(msgs ...string) {
	for _, msg := range msgs {
		s.mu.Lock()
		seen := s.warned[msg]
		s.warned[msg] = true
		s.mu.Unlock()
		if seen {
			continue
		}
		s.log.Warn(msg)
		err := s.client.ShowMessage(s.ctx, &protocol.ShowMessageParams{Type: protocol.MessageTypeWarning, Message: "asynclint: " + msg})
		if err != nil {
			s.log.Warn("showing a message", zap.Error(err))
		}
	}
}

// forgetWarnings lets warn show messages again, after a change of settings
// or of configuration files.
func (s *Server) forgetWarnings() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.warned)
}

// background runs fn on its own goroutine with the connection's context:
// for work that waits on the client, which the read loop must not do.
func (s *Server) background(name string, fn func(context.Context)) {
	go s.safely(name, func() { fn(s.ctx) })
}

// safely runs fn, logging a panic instead of crashing the server.
func (s *Server) safely(name string, fn func()) {
	defer func() {
		if v := recover(); v != nil {
			s.log.Error(fmt.Sprintf("%s panicked", name), zap.Any("panic", v), zap.ByteString("stack", debug.Stack()))
		}
	}()
	fn()
}
