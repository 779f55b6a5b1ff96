package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/asynclint/asynclint/rules"
)

// A rawClient writes frames by hand, for what a well-behaved client never
// sends, and reads the server's messages on its own goroutine.
type rawClient struct {
	t        *testing.T
	srv      *Server
	conn     net.Conn
	messages chan jsonrpc2.Message
	exit     chan int
}

func startRaw(t *testing.T) *rawClient {
	var logs syncBuffer
	log := zap.New(zapcore.NewCore(zapcore.NewConsoleEncoder(zap.NewDevelopmentEncoderConfig()), zapcore.AddSync(&logs), zapcore.DebugLevel))
	a, b := net.Pipe()
	r := &rawClient{t: t, srv: New(log, rules.Suite()), conn: b, messages: make(chan jsonrpc2.Message, 1000), exit: make(chan int, 1)}
	go func() { r.exit <- r.srv.Serve(context.Background(), a) }()
	go func() {
		stream := jsonrpc2.NewStream(b)
		for {
			msg, _, err := stream.Read(context.Background())
			if err != nil {
				close(r.messages)
				return
			}
			r.messages <- msg
		}
	}()
	t.Cleanup(func() {
		b.Close()
		select {
		case <-r.exit:
		case <-time.After(5 * time.Second):
			t.Error("Serve did not return after the client went")
		}
		if t.Failed() {
			t.Logf("server log:\n%s", logs.String())
		}
	})
	return r
}

func (r *rawClient) send(body string) {
	r.t.Helper()
	if _, err := fmt.Fprintf(r.conn, "Content-Length: %d\r\n\r\n%s", len(body), body); err != nil {
		r.t.Fatal(err)
	}
}

func (r *rawClient) call(id int, method, params string) {
	r.send(fmt.Sprintf(`{"jsonrpc":"2.0","id":%d,"method":%q,"params":%s}`, id, method, params))
}

func (r *rawClient) notify(method, params string) {
	r.send(fmt.Sprintf(`{"jsonrpc":"2.0","method":%q,"params":%s}`, method, params))
}

// response waits for the response with id (nil for a null id), skipping
// the server's notifications and requests.
func (r *rawClient) response(id *int) *jsonrpc2.Response {
	r.t.Helper()
	want := jsonrpc2.ID{}
	if id != nil {
		want = jsonrpc2.NewNumberID(int64(*id))
	}
	timeout := time.After(10 * time.Second)
	for {
		select {
		case msg, ok := <-r.messages:
			if !ok {
				r.t.Fatalf("connection closed waiting for the response %v", want)
			}
			if resp, ok := msg.(*jsonrpc2.Response); ok && resp.ID() == want {
				return resp
			}
		case <-timeout:
			r.t.Fatalf("timed out waiting for the response %v", want)
		}
	}
}

// initialize initializes the server with capabilities caps.
func (r *rawClient) initialize(caps string) {
	r.t.Helper()
	r.call(1, "initialize", `{"processId":null,"rootUri":null,"capabilities":`+caps+`,"initializationOptions":{"debounceMs":0}}`)
	if err := r.response(ptr(1)).Err(); err != nil {
		r.t.Fatal(err)
	}
	r.notify("initialized", `{}`)
}

func code(err error) jsonrpc2.Code {
	var e *jsonrpc2.Error
	if errors.As(err, &e) {
		return e.Code
	}
	return 0
}

func TestMalformedMessages(t *testing.T) {
	r := startRaw(t)
	// A request whose id can be read is answered with it: its client
	// waits on that id.
	for _, tc := range []struct {
		body string
		id   *int
		want jsonrpc2.Code
	}{
		{`{"jsonrpc":"2.0","id":11,"method":`, ptr(11), jsonrpc2.ParseError},
		{`{"id":12,"method":"initialize","params":{}}`, ptr(12), jsonrpc2.InvalidRequest},
		{`[{"jsonrpc":"2.0","id":1`, ptr(1), jsonrpc2.ParseError},
		{`not json at all`, nil, jsonrpc2.ParseError},
	} {
		r.send(tc.body)
		if got := code(r.response(tc.id).Err()); got != tc.want {
			t.Errorf("%s: error code %d, want %d", tc.body, got, tc.want)
		}
	}
	// A wrong Content-Length, too long or too short, and lines that are no
	// header: the server finds the next header and answers what follows.
	hover := func(id int) string {
		return fmt.Sprintf(`{"jsonrpc":"2.0","id":%d,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///x.py"},"position":{"line":0,"character":0}}}`, id)
	}
	for i, frames := range []string{
		fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(hover(21))+40, hover(21)) + fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(hover(22)), hover(22)) + strings.Repeat(" ", 40),
		fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(hover(23))-10, hover(23)) + fmt.Sprintf("\r\nContent-Length: %d\r\n\r\n%s", len(hover(24)), hover(24)),
		"garbage\r\nmore garbage\r\n" + fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(hover(25)), hover(25)),
	} {
		if _, err := io.WriteString(r.conn, frames); err != nil {
			t.Fatal(err)
		}
		last := []int{22, 24, 25}[i]
		if got := code(r.response(ptr(last)).Err()); got != jsonrpc2.ServerNotInitialized {
			t.Errorf("frames %d: the request after a bad frame: error code %d, want %d", i, got, jsonrpc2.ServerNotInitialized)
		}
	}
	r.call(2, "textDocument/hover", `{"textDocument":{"uri":"file:///x.py"},"position":{"line":0,"character":0}}`)
	if got := code(r.response(ptr(2)).Err()); got != jsonrpc2.ServerNotInitialized {
		t.Errorf("a request before initialize: error code %d, want %d", got, jsonrpc2.ServerNotInitialized)
	}
	r.initialize(`{}`)
	r.call(3, "initialize", `{"capabilities":{}}`)
	if got := code(r.response(ptr(3)).Err()); got != jsonrpc2.InvalidRequest {
		t.Errorf("a second initialize: error code %d, want %d", got, jsonrpc2.InvalidRequest)
	}
	r.call(4, "asynclint/frobnicate", `{}`)
	if got := code(r.response(ptr(4)).Err()); got != jsonrpc2.MethodNotFound {
		t.Errorf("an unknown request: error code %d, want %d", got, jsonrpc2.MethodNotFound)
	}
	// Notifications the server does not know, or cannot decode, are
	// logged and dropped.
	r.notify("$/frobnicate", `{}`)
	r.notify("textDocument/didOpen", `{"textDocument":5}`)
	r.notify("textDocument/didChange", `{"textDocument":{"uri":"file:///never/opened.py","version":2},"contentChanges":[]}`)
	r.notify("$/cancelRequest", `{"id":{"what":"ever"}}`)
	r.call(5, "textDocument/hover", `{"textDocument":{"uri":"file:///x.py"},"position":"here"}`)
	if err := r.response(ptr(5)).Err(); err == nil {
		t.Errorf("a request with bad params succeeded")
	}
	r.call(6, "textDocument/hover", `{"textDocument":{"uri":"file:///x.py"},"position":{"line":0,"character":0}}`)
	if err := r.response(ptr(6)).Err(); err != nil {
		t.Errorf("the server is not answering after bad messages: %v", err)
	}
}

func TestInvalidUTF8Document(t *testing.T) {
	r := startRaw(t)
	r.initialize(`{}`)
	// Raw bytes that are not UTF-8 and a lone surrogate: JSON-RPC carries
	// text, so the decoder turns both into U+FFFD.
	text := "import time\n\nasync def f():\n    s = '\xff\xfe \\ud83d'; time.sleep(1)\n"
	r.notify("textDocument/didOpen", `{"textDocument":{"uri":"file:///tmp/bad.py","languageId":"python","version":1,"text":"`+strings.ReplaceAll(text, "\n", `\n`)+`"}}`)
	for msg := range r.messages {
		n, ok := msg.(*jsonrpc2.Notification)
		if !ok || n.Method() != protocol.MethodTextDocumentPublishDiagnostics {
			continue
		}
		var p protocol.PublishDiagnosticsParams
		if err := protocol.Unmarshal(n.Params(), &p); err != nil {
			t.Fatal(err)
		}
		if len(p.Diagnostics) != 1 || p.Diagnostics[0].Range.Start != (protocol.Position{Line: 3, Character: 16}) {
			t.Errorf("diagnostics %+v, want AL201 after the replaced characters", p.Diagnostics)
		}
		break
	}
	if src := r.srv.snapshot("file:///tmp/bad.py").tree.Src; !utf8.Valid(src) {
		t.Errorf("text %q", src)
	}
}

func TestCancelRequest(t *testing.T) {
	r := startRaw(t)
	r.initialize(`{"textDocument":{"diagnostic":{}}}`)
	text, _ := json.Marshal(generate(20000))
	r.notify("textDocument/didOpen", `{"textDocument":{"uri":"file:///tmp/long.py","languageId":"python","version":1,"text":`+string(text)+`}}`)
	// The analysis of 20,000 lines takes far longer than the cancellation
	// takes to arrive.
	r.call(7, "textDocument/diagnostic", `{"textDocument":{"uri":"file:///tmp/long.py"}}`)
	r.notify("$/cancelRequest", `{"id":7}`)
	if got := code(r.response(ptr(7)).Err()); got != protocol.CodeRequestCancelled {
		t.Errorf("cancelled request: error code %d, want %d", got, protocol.CodeRequestCancelled)
	}
	r.notify("$/cancelRequest", `{"id":7}`) // no longer in progress
	r.call(8, "textDocument/diagnostic", `{"textDocument":{"uri":"file:///tmp/long.py"}}`)
	resp := r.response(ptr(8))
	if resp.Err() != nil || !strings.Contains(string(resp.Result()), "AL201") {
		t.Errorf("the request after: %v %.80s", resp.Err(), resp.Result())
	}
}

func TestShutdownAndExit(t *testing.T) {
	t.Run("after shutdown", func(t *testing.T) {
		r := startRaw(t)
		r.initialize(`{}`)
		r.call(2, "shutdown", `null`)
		if err := r.response(ptr(2)).Err(); err != nil {
			t.Fatal(err)
		}
		r.call(3, "textDocument/hover", `{"textDocument":{"uri":"file:///x.py"},"position":{"line":0,"character":0}}`)
		if got := code(r.response(ptr(3)).Err()); got != jsonrpc2.InvalidRequest {
			t.Errorf("a request after shutdown: error code %d, want %d", got, jsonrpc2.InvalidRequest)
		}
		r.notify("exit", `null`)
		if got := <-r.exit; got != 0 {
			t.Errorf("exit status %d, want 0", got)
		}
		r.exit <- 0 // for the cleanup
	})
	t.Run("without shutdown", func(t *testing.T) {
		r := startRaw(t)
		r.initialize(`{}`)
		r.notify("exit", `null`)
		if got := <-r.exit; got != 1 {
			t.Errorf("exit status %d, want 1", got)
		}
		r.exit <- 1
	})
}

// TestPositionsPastTheEnd sends an edit and requests past the end of
// the document: they are clamped to it.
func TestPositionsPastTheEnd(t *testing.T) {
	c := start(t, options{initOpts: map[string]any{"debounceMs": 0}})
	u := uri.File(filepath.Join(t.TempDir(), "short.py"))
	c.open(u, "import asyncio\n")
	c.diagnostics(u, 1)
	far := protocol.Position{Line: 1000, Character: 1000}
	c.edit(u, 2, protocol.Range{Start: protocol.Position{Line: 0, Character: 500}, End: far}, "\nasync def f():\n    asyncio.get_event_loop()\n")
	if got := codes(c.diagnostics(u, 2)); len(got) != 1 || got[0] != "AL502" {
		t.Errorf("codes = %v", got)
	}
	if got, want := string(c.srv.snapshot(u).tree.Src), "import asyncio\nasync def f():\n    asyncio.get_event_loop()\n"; got != want {
		t.Errorf("text = %q, want %q", got, want)
	}
	h, err := c.server.Hover(ctx(t), &protocol.HoverParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: u}, Position: far,
	}})
	if err != nil || h != nil {
		t.Errorf("hover past the end: %v, %v", h, err)
	}
	actions := c.actions(u, protocol.Range{Start: far, End: far})
	if len(actions) != 1 {
		t.Errorf("actions past the end: %q, want only fix-all", titles(actions))
	}
}
