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
	"go.uber.org/zap"
	"go.uber.org/zap/exp/zapslog"

	"github.com/asynclint/asynclint/analysis"
)

// A Server is a language server for one connection. Its handlers, one
// file per feature, read and change the state kept in its stores (see
// session.go).
type Server struct {
	protocol.UnimplementedServer // method not found for the rest of LSP

	log   *zap.Logger
	suite *analysis.Suite
	known []string // every rule code, for checking selectors

	// Set before any handler runs that reads them.
	ctx    context.Context // the connection's, for work that outlives a message
	client protocol.Client
	caps   clientCaps

	life     lifecycle
	config   configStore
	docs     docStore
	indexes  indexStore
	requests requests
	parsers  parserPool
	exit     chan struct{}
	exitOne  sync.Once

	notebooks notebookStore // the notebooks open, whose Python texts are in docs
}

// New returns a server that checks documents with the rules of suite, in
// the project index its summaries build (without suite.Summarize, each
// document is checked on its own), and logs to log.
func New(log *zap.Logger, suite *analysis.Suite) *Server {
	return &Server{
		log:    log,
		suite:  suite,
		known:  suite.Codes(),
		config: newConfigStore(),
		exit:   make(chan struct{}),
	}
}

// Serve serves one client over rwc until it sends exit or the connection
// ends, and returns the exit status LSP prescribes: 0 after a shutdown
// request, 1 otherwise.
func (s *Server) Serve(ctx context.Context, rwc io.ReadWriteCloser) int {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	ctx = protocol.WithLogger(ctx, slog.New(zapslog.NewHandler(s.log.Core())))
	stream := newTolerantStream(rwc, s.log)
	conn := jsonrpc2.NewConn(stream, jsonrpc2.WithCodec(codec{}))
	s.ctx, s.client = ctx, protocol.ClientDispatcher(conn)
	conn.Go(ctx, s.handler())
	select {
	case <-s.exit:
	case <-ctx.Done():
	case <-stream.ended:
		// The client has gone: what is under way is for nobody.
	case <-conn.Done():
		if err := conn.Err(); err != nil {
			s.log.Error("connection failed", zap.Error(err))
		}
	}
	cancel()
	for _, d := range s.docs.all() {
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
	if s.life.is(shutDown) {
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
		if err := s.life.admit(method); err != nil {
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

// warn shows each message to the user as a warning, once until the
// configuration changes: they say what was ignored and what is used instead.
func (s *Server) warn(msgs ...string) {
	for _, msg := range msgs {
		if !s.config.firstWarning(msg) {
			continue
		}
		s.log.Warn(msg)
		err := s.client.ShowMessage(s.ctx, &protocol.ShowMessageParams{Type: protocol.MessageTypeWarning, Message: "asynclint: " + msg})
		if err != nil {
			s.log.Warn("showing a message", zap.Error(err))
		}
	}
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
