package lsp

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/rules"
)

// A client drives a Server over an in-process pipe with protocol's own
// client, and records what the server sends it.
type client struct {
	t      testing.TB
	srv    *Server
	server protocol.Server // calls the server
	conn   jsonrpc2.Conn
	exit   chan int // Serve's result
	init   *protocol.InitializeResult
	enc    encoding

	mu            sync.Mutex
	changed       chan struct{} // signalled after each recorded message
	published     map[uri.URI][]*protocol.PublishDiagnosticsParams
	messages      []protocol.ShowMessageParams
	registrations []protocol.Registration
	progress      []string // the kinds and messages of $/progress values
	refreshes     int
	settings      func(item protocol.ConfigurationItem) any // answers workspace/configuration
}

// recorder is the client's side of the connection.
type recorder struct {
	protocol.UnimplementedClient
	c *client
}

func (r recorder) PublishDiagnostics(_ context.Context, p *protocol.PublishDiagnosticsParams) error {
	r.c.record(func(c *client) { c.published[p.URI] = append(c.published[p.URI], p) })
	return nil
}

func (r recorder) ShowMessage(_ context.Context, p *protocol.ShowMessageParams) error {
	r.c.record(func(c *client) { c.messages = append(c.messages, *p) })
	return nil
}

func (r recorder) RegisterCapability(_ context.Context, p *protocol.RegistrationParams) error {
	r.c.record(func(c *client) { c.registrations = append(c.registrations, p.Registrations...) })
	return nil
}

func (r recorder) WorkDoneProgressCreate(context.Context, *protocol.WorkDoneProgressCreateParams) error {
	return nil
}

func (r recorder) Progress(_ context.Context, p *protocol.ProgressParams) error {
	var v struct{ Kind, Title, Message string }
	json.Unmarshal(p.Value, &v)
	r.c.record(func(c *client) { c.progress = append(c.progress, strings.TrimSpace(v.Kind+" "+v.Title+v.Message)) })
	return nil
}

func (r recorder) DiagnosticRefresh(context.Context) error {
	r.c.record(func(c *client) { c.refreshes++ })
	return nil
}

func (r recorder) Configuration(_ context.Context, p *protocol.ConfigurationParams) ([]protocol.LSPAny, error) {
	r.c.mu.Lock()
	answer := r.c.settings
	r.c.mu.Unlock()
	out := make([]protocol.LSPAny, len(p.Items))
	for i, item := range p.Items {
		out[i] = protocol.LSPAny("null")
		if answer != nil {
			b, err := json.Marshal(answer(item))
			if err != nil {
				return nil, err
			}
			out[i] = b
		}
	}
	return out, nil
}

func (c *client) record(f func(*client)) {
	c.mu.Lock()
	f(c)
	c.mu.Unlock()
	select {
	case c.changed <- struct{}{}:
	default:
	}
}

// options are how a test client is set up.
type options struct {
	folders  []string // workspace folders
	utf8     bool     // offers UTF-8 positions
	pull     bool     // pulls diagnostics
	resolve  bool     // resolves code actions' edits lazily
	progress bool     // shows work-done progress
	config   bool     // answers workspace/configuration, with settings
	watch    bool     // registers file watchers dynamically
	initOpts any      // initializationOptions
	settings func(protocol.ConfigurationItem) any
	// summarize stands for rules.Summarizer in the server.
	summarize *analysis.Summarizer
}

// start starts a server and initializes it as a client with opts.
func start(t testing.TB, opts options) *client {
	t.Helper()
	var logs syncBuffer
	log := zap.New(zapcore.NewCore(zapcore.NewConsoleEncoder(zap.NewDevelopmentEncoderConfig()), zapcore.AddSync(&logs), zapcore.DebugLevel))
	a, b := net.Pipe()
	suite := rules.Suite()
	if opts.summarize != nil {
		suite.Summarize = opts.summarize
	}
	c := &client{
		t:         t,
		srv:       New(log, suite),
		exit:      make(chan int, 1),
		changed:   make(chan struct{}, 1),
		published: map[uri.URI][]*protocol.PublishDiagnosticsParams{},
		settings:  opts.settings,
	}
	go func() { c.exit <- c.srv.Serve(context.Background(), a) }()
	// protocol.NewClient's codec lets decoded results share jsonrpc2's
	// read buffer, and its handlers run concurrently, recording messages
	// out of order. Here notifications are recorded in order, and calls
	// answered off the read loop: net.Pipe has no buffer, so a reader
	// blocked writing would stall a server writing to it.
	c.conn = jsonrpc2.NewConn(jsonrpc2.NewStream(b), jsonrpc2.WithCodec(codec{}))
	handle := protocol.ClientHandler(recorder{c: c}, jsonrpc2.MethodNotFoundHandler)
	c.conn.Go(context.Background(), func(ctx context.Context, req *jsonrpc2.Request) (any, error) {
		if req.IsCall() {
			jsonrpc2.Async(ctx)
		}
		return handle(ctx, req)
	})
	c.server = protocol.ServerDispatcher(c.conn)
	t.Cleanup(func() {
		c.conn.Close()
		select {
		case <-c.exit:
		case <-time.After(5 * time.Second):
			t.Error("Serve did not return after the client went")
		}
		if t.Failed() {
			t.Logf("server log:\n%s", logs.String())
		}
	})
	c.init = c.initialize(opts)
	c.enc = encUTF16
	if c.init.Capabilities.PositionEncoding == protocol.PositionEncodingKindUTF8 {
		c.enc = encUTF8
	}
	if err := c.server.Initialized(ctx(t), &protocol.InitializedParams{}); err != nil {
		t.Fatal(err)
	}
	return c
}

func (c *client) initialize(opts options) *protocol.InitializeResult {
	caps := protocol.ClientCapabilities{
		Workspace: &protocol.WorkspaceClientCapabilities{
			Configuration:         ptr(opts.config),
			WorkspaceFolders:      ptr(true),
			DidChangeWatchedFiles: &protocol.DidChangeWatchedFilesClientCapabilities{DynamicRegistration: ptr(opts.watch)},
			Diagnostics:           &protocol.DiagnosticWorkspaceClientCapabilities{RefreshSupport: ptr(true)},
		},
		TextDocument: &protocol.TextDocumentClientCapabilities{
			CodeAction: &protocol.CodeActionClientCapabilities{
				CodeActionLiteralSupport: protocol.ClientCodeActionLiteralOptions{CodeActionKind: protocol.ClientCodeActionKindOptions{
					ValueSet: []protocol.CodeActionKind{protocol.CodeActionKindQuickFix, protocol.CodeActionKindSource},
				}},
			},
			Hover: &protocol.HoverClientCapabilities{ContentFormat: []protocol.MarkupKind{protocol.MarkupKindMarkdown}},
		},
		Window: &protocol.WindowClientCapabilities{WorkDoneProgress: ptr(opts.progress)},
	}
	if opts.utf8 {
		caps.General = &protocol.GeneralClientCapabilities{PositionEncodings: []protocol.PositionEncodingKind{"utf-8", "utf-16"}}
	}
	if opts.pull {
		caps.TextDocument.Diagnostic = &protocol.DiagnosticClientCapabilities{}
	}
	if opts.resolve {
		caps.TextDocument.CodeAction.ResolveSupport = protocol.ClientCodeActionResolveOptions{Properties: []string{"edit"}}
	}
	params := &protocol.InitializeParams{Capabilities: caps}
	var folders []protocol.WorkspaceFolder
	for _, f := range opts.folders {
		folders = append(folders, protocol.WorkspaceFolder{URI: uri.File(f), Name: filepath.Base(f)})
	}
	params.WorkspaceFolders = protocol.NewNullable(folders)
	if opts.initOpts != nil {
		b, err := json.Marshal(opts.initOpts)
		if err != nil {
			c.t.Fatal(err)
		}
		params.InitializationOptions = b
	}
	res, err := c.server.Initialize(ctx(c.t), params)
	if err != nil {
		c.t.Fatalf("initialize: %v", err)
	}
	return res
}

func ctx(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// waitFor waits until cond, called with c.mu held, holds.
func (c *client) waitFor(what string, cond func() bool) {
	c.t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		c.mu.Lock()
		ok := cond()
		c.mu.Unlock()
		if ok {
			return
		}
		select {
		case <-c.changed:
		case <-deadline:
			c.t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// diagnostics waits for the diagnostics of version of a document.
func (c *client) diagnostics(u uri.URI, version int32) []protocol.Diagnostic {
	c.t.Helper()
	var found *protocol.PublishDiagnosticsParams
	c.waitFor(fmt.Sprintf("diagnostics of %s version %d", u, version), func() bool {
		for _, p := range c.published[u] {
			if v, ok := p.Version.Get(); ok && v == version {
				found = p
				return true
			}
		}
		return false
	})
	return found.Diagnostics
}

// versions returns the versions published for a document so far.
func (c *client) versions(u uri.URI) []int32 {
	c.mu.Lock()
	defer c.mu.Unlock()
	var vs []int32
	for _, p := range c.published[u] {
		v, _ := p.Version.Get()
		vs = append(vs, v)
	}
	return vs
}

// open opens a document with text.
func (c *client) open(u uri.URI, text string) {
	c.t.Helper()
	err := c.server.DidOpen(ctx(c.t), &protocol.DidOpenTextDocumentParams{TextDocument: protocol.TextDocumentItem{
		URI: u, LanguageID: protocol.LanguageKindPython, Version: 1, Text: text,
	}})
	if err != nil {
		c.t.Fatal(err)
	}
}

// watched tells the server of changes its file watcher saw.
func (c *client) watched(changes ...protocol.FileEvent) {
	c.t.Helper()
	if err := c.server.DidChangeWatchedFiles(ctx(c.t), &protocol.DidChangeWatchedFilesParams{Changes: changes}); err != nil {
		c.t.Fatal(err)
	}
}

// edit replaces the range of a document with text.
func (c *client) edit(u uri.URI, version int32, rng protocol.Range, text string) {
	c.t.Helper()
	err := c.server.DidChange(ctx(c.t), &protocol.DidChangeTextDocumentParams{
		TextDocument:   protocol.VersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: u}, Version: version},
		ContentChanges: []protocol.TextDocumentContentChangeEvent{&protocol.TextDocumentContentChangePartial{Range: rng, Text: text}},
	})
	if err != nil {
		c.t.Fatal(err)
	}
}

// codes returns the codes of diagnostics, "" for one without a code.
func codes(diags []protocol.Diagnostic) []string {
	var out []string
	for _, d := range diags {
		code, _ := d.Code.(protocol.String)
		out = append(out, string(code))
	}
	return out
}

// rangeOf returns the range of the first occurrence of sub in text, in the
// client's encoding, computed independently of the server's mapper.
func (c *client) rangeOf(text, sub string) protocol.Range {
	c.t.Helper()
	i := strings.Index(text, sub)
	if i < 0 {
		c.t.Fatalf("%q not in the text", sub)
	}
	return protocol.Range{Start: c.pos(text, i), End: c.pos(text, i+len(sub))}
}

// pos returns the position of byte offset off of text.
func (c *client) pos(text string, off int) protocol.Position {
	before := text[:off]
	line := strings.Count(before, "\n")
	col := before[strings.LastIndexByte(before, '\n')+1:]
	if c.enc == encUTF8 {
		return protocol.Position{Line: uint32(line), Character: uint32(len(col))}
	}
	return protocol.Position{Line: uint32(line), Character: uint32(len(utf16.Encode([]rune(col))))}
}

// offset returns the byte offset of p in text ("\n" line endings).
func (c *client) offset(text string, p protocol.Position) int {
	off := 0
	for range p.Line {
		off += strings.IndexByte(text[off:], '\n') + 1
	}
	if c.enc == encUTF8 {
		return off + int(p.Character)
	}
	for units := 0; units < int(p.Character); {
		r, size := utf8.DecodeRuneInString(text[off:])
		units += len(utf16.Encode([]rune{r}))
		off += size
	}
	return off
}

// apply applies a workspace edit's edits of document u to text.
func (c *client) apply(text string, u uri.URI, edit *protocol.WorkspaceEdit) string {
	c.t.Helper()
	if edit == nil {
		c.t.Fatal("no edit")
	}
	var edits []protocol.TextEdit
	edits = append(edits, edit.Changes[u]...)
	for _, dc := range edit.DocumentChanges {
		if tde, ok := dc.(*protocol.TextDocumentEdit); ok && tde.TextDocument.URI == u {
			for _, e := range tde.Edits {
				edits = append(edits, *e.(*protocol.TextEdit))
			}
		}
	}
	// Apply from the last so that the offsets of the others stay valid;
	// insertions at one place keep their order.
	type span struct {
		start, end int
		text       string
	}
	spans := make([]span, len(edits))
	for i, e := range edits {
		spans[i] = span{c.offset(text, e.Range.Start), c.offset(text, e.Range.End), e.NewText}
	}
	sort.SliceStable(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
	for i := len(spans) - 1; i >= 0; i-- {
		text = text[:spans[i].start] + spans[i].text + text[spans[i].end:]
	}
	return text
}

// writeFiles writes files under dir, creating directories.
func writeFiles(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// syncBuffer is a bytes.Buffer safe for concurrent use, for the log.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// latest waits until the latest diagnostics published for u satisfy ok,
// and returns them.
func (c *client) latest(u uri.URI, what string, ok func([]protocol.Diagnostic) bool) []protocol.Diagnostic {
	c.t.Helper()
	var diags []protocol.Diagnostic
	c.waitFor(what, func() bool {
		ps := c.published[u]
		if len(ps) == 0 {
			return false
		}
		diags = ps[len(ps)-1].Diagnostics
		return ok(diags)
	})
	return diags
}

// shown waits for a message shown to the user that contains all of subs.
func (c *client) shown(subs ...string) protocol.ShowMessageParams {
	c.t.Helper()
	var found protocol.ShowMessageParams
	c.waitFor(fmt.Sprintf("a message with %q", subs), func() bool {
	next:
		for _, m := range c.messages {
			for _, s := range subs {
				if !strings.Contains(m.Message, s) {
					continue next
				}
			}
			found = m
			return true
		}
		return false
	})
	return found
}
