//go:build linux

package main

// The robustness probes run the built server over pipes, as an editor
// does, and send it what a broken or hurried client might: malformed
// frames, requests out of order, stale and out-of-range positions, bursts
// of edits, huge documents. Each session is bounded in time and in memory
// (internal/proctest); each exchange waits a bounded time for its answer.

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/asynclint/asynclint/internal/proctest"
)

// LSP's error codes.
const (
	parseError           = -32700
	invalidRequest       = -32600
	methodNotFound       = -32601
	serverNotInitialized = -32002
	requestCancelled     = -32800
)

// A message is any JSON-RPC message, as the probes read it.
type message struct {
	ID     json.RawMessage `json:"id"`
	Method string          `json:"method"`
	Params json.RawMessage `json:"params"`
	Result json.RawMessage `json:"result"`
	Error  *struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// A session is a server started for one probe.
type session struct {
	t        *testing.T
	proc     *proctest.Process
	in       io.WriteCloser
	messages chan message
	stderr   logBuffer
	wait     time.Duration // for each answer
}

// logBuffer holds the server's log, which the test reads as it grows.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func start(t *testing.T, lim proctest.Limits, args ...string) *session {
	t.Helper()
	cmd := proctest.Command(t, asyncls, args...)
	s := &session{t: t, messages: make(chan message, 1<<16), wait: 20 * time.Second}
	var err error
	if s.in, err = cmd.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = &s.stderr
	s.proc = proctest.Start(t, cmd, lim)
	go s.read(out)
	return s
}

// read parses the server's frames into messages until its output ends.
func (s *session) read(out io.Reader) {
	defer close(s.messages)
	r := bufio.NewReader(out)
	for {
		length := -1
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return
			}
			line = strings.TrimRight(line, "\r\n")
			if line == "" {
				break
			}
			if v, ok := strings.CutPrefix(line, "Content-Length: "); ok {
				length, _ = strconv.Atoi(v)
			}
		}
		body := make([]byte, length)
		if _, err := io.ReadFull(r, body); err != nil {
			return
		}
		var m message
		if err := json.Unmarshal(body, &m); err != nil {
			m.Method = "unreadable: " + err.Error()
		}
		s.messages <- m
	}
}

// write sends raw bytes, frames or not.
func (s *session) write(raw string) {
	s.t.Helper()
	if _, err := io.WriteString(s.in, raw); err != nil {
		s.t.Fatalf("writing to the server: %v", err)
	}
}

func (s *session) call(id int, method, params string) {
	s.t.Helper()
	s.write(frame(fmt.Sprintf(`{"jsonrpc":"2.0","id":%d,"method":%q,"params":%s}`, id, method, params)))
}

func (s *session) notify(method, params string) {
	s.t.Helper()
	s.write(frame(fmt.Sprintf(`{"jsonrpc":"2.0","method":%q,"params":%s}`, method, params)))
}

// next returns the next message that satisfies match, failing the test
// when none comes in time.
func (s *session) next(what string, match func(message) bool) message {
	s.t.Helper()
	timeout := time.After(s.wait)
	for {
		select {
		case m, ok := <-s.messages:
			if !ok {
				s.t.Fatalf("the server's output ended, waiting for %s; log:\n%s", what, tail(s.stderr.String()))
			}
			if match(m) {
				return m
			}
		case <-timeout:
			s.t.Fatalf("no %s within %v", what, s.wait)
		}
	}
}

// response returns the response with id, a JSON value ("7", "null").
func (s *session) response(id string) message {
	s.t.Helper()
	return s.next("response "+id, func(m message) bool {
		return m.Method == "" && string(m.ID) == id
	})
}

// errorCode returns the error code of the response with id, 0 for none.
func (s *session) errorCode(id string) int {
	s.t.Helper()
	if m := s.response(id); m.Error != nil {
		return m.Error.Code
	}
	return 0
}

// A diagnostic as the probes compare them.
type diagnostic struct {
	Range   json.RawMessage `json:"range"`
	Code    string          `json:"code"`
	Message string          `json:"message"`
}

// diagnostics returns the next diagnostics published for uri at version.
func (s *session) diagnostics(uri string, version int) []diagnostic {
	s.t.Helper()
	var p struct {
		URI         string       `json:"uri"`
		Version     int          `json:"version"`
		Diagnostics []diagnostic `json:"diagnostics"`
	}
	s.next(fmt.Sprintf("diagnostics of %s version %d", uri, version), func(m message) bool {
		if m.Method != "textDocument/publishDiagnostics" {
			return false
		}
		p.Diagnostics = nil
		return json.Unmarshal(m.Params, &p) == nil && p.URI == uri && p.Version == version
	})
	return p.Diagnostics
}

// initialize initializes the server for the workspace folder root ("" for
// none), with diagnostics pushed at once after each edit.
func (s *session) initialize(root string) {
	s.t.Helper()
	rootURI := "null"
	if root != "" {
		rootURI = strconv.Quote(fileURI(root))
	}
	s.call(1, "initialize", `{"processId":null,"rootUri":`+rootURI+`,"capabilities":{},"initializationOptions":{"debounceMs":0}}`)
	if code := s.errorCode("1"); code != 0 {
		s.t.Fatalf("initialize: error %d", code)
	}
	s.notify("initialized", `{}`)
}

func (s *session) open(uri, text string) {
	s.t.Helper()
	data, _ := json.Marshal(text)
	s.notify("textDocument/didOpen", `{"textDocument":{"uri":"`+uri+`","languageId":"python","version":1,"text":`+string(data)+`}}`)
}

// stop ends the session as an editor does, shutdown then exit, and checks
// the exit status.
func (s *session) stop() proctest.Result {
	s.t.Helper()
	s.call(999, "shutdown", `null`)
	if code := s.errorCode("999"); code != 0 {
		s.t.Errorf("shutdown: error %d", code)
	}
	s.notify("exit", `null`)
	s.in.Close()
	res := s.proc.Wait()
	if res.Code != 0 {
		s.t.Errorf("exit status %d (signal %v) after shutdown and exit; log:\n%s", res.Code, res.Signal, tail(s.stderr.String()))
	}
	return res
}

func fileURI(path string) string {
	return (&url.URL{Scheme: "file", Path: path}).String()
}

// tail returns the end of a log, for a failure message.
func tail(log string) string {
	if len(log) > 3000 {
		return "..." + log[len(log)-3000:]
	}
	return log
}

// TestMalformedInput sends what no client should, before and after
// initialize: each request whose id can be read gets its answer, and the
// session goes on.
func TestMalformedInput(t *testing.T) {
	// 600 MB of garbage take a while to write on a loaded machine.
	s := start(t, proctest.Limits{Time: 30 * time.Second, Memory: proctest.Default.Memory})
	hover := func(id int) string {
		return fmt.Sprintf(`{"jsonrpc":"2.0","id":%d,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///x.py"},"position":{"line":0,"character":0}}}`, id)
	}
	t.Run("request before initialize", func(t *testing.T) {
		s.write(frame(hover(2)))
		if code := s.errorCode("2"); code != serverNotInitialized {
			t.Errorf("error %d, want %d", code, serverNotInitialized)
		}
	})
	t.Run("malformed JSON", func(t *testing.T) {
		s.write(frame(`{"jsonrpc":"2.0","id":3,"method":`))
		if code := s.errorCode("3"); code != parseError {
			t.Errorf("a cut message: error %d, want %d", code, parseError)
		}
		s.write(frame(`{"jsonrpc":"2.0","id":"four","method":"initialize","params":{]}`))
		if code := s.errorCode(`"four"`); code != parseError {
			t.Errorf("a string id: error %d, want %d", code, parseError)
		}
		s.write(frame(`not json at all`))
		if code := s.errorCode("null"); code != parseError {
			t.Errorf("no id: error %d, want %d", code, parseError)
		}
	})
	t.Run("malformed request with an id", func(t *testing.T) {
		s.write(frame(`{"id":5,"method":"initialize","params":{}}`))
		if code := s.errorCode("5"); code != invalidRequest {
			t.Errorf("error %d, want %d", code, invalidRequest)
		}
	})
	t.Run("Content-Length too long", func(t *testing.T) {
		s.write(fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(hover(6))+40, hover(6)) + frame(hover(7)) + strings.Repeat(" ", 40))
		if code := s.errorCode("7"); code != serverNotInitialized {
			t.Errorf("the request after: error %d, want %d", code, serverNotInitialized)
		}
	})
	t.Run("Content-Length too short", func(t *testing.T) {
		s.write(fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(hover(8))-10, hover(8)) + "\r\n" + frame(hover(9)))
		if code := s.errorCode("9"); code != serverNotInitialized {
			t.Errorf("the request after: error %d, want %d", code, serverNotInitialized)
		}
	})
	t.Run("garbage between frames", func(t *testing.T) {
		s.write("garbage\r\nmore garbage\n\x00\xff\r\n" + frame(hover(10)))
		// 600 MB without a line break, then a header: what is no header
		// is read past, not kept.
		chunk := strings.Repeat("x", 1<<20)
		for range 600 {
			s.write(chunk)
		}
		s.write("\r\n" + frame(hover(11)))
		for _, id := range []string{"10", "11"} {
			if code := s.errorCode(id); code != serverNotInitialized {
				t.Errorf("request %s after garbage: error %d, want %d", id, code, serverNotInitialized)
			}
		}
	})
	s.initialize("")
	t.Run("unknown methods", func(t *testing.T) {
		s.call(12, "asynclint/frobnicate", `{}`)
		if code := s.errorCode("12"); code != methodNotFound {
			t.Errorf("error %d, want %d", code, methodNotFound)
		}
		s.notify("$/frobnicate", `{}`)
		s.notify("textDocument/didOpen", `{"textDocument":5}`)
		s.notify("textDocument/didChange", `{"textDocument":{"uri":"file:///never/opened.py","version":2},"contentChanges":[]}`)
		s.call(13, "initialize", `{"capabilities":{}}`)
		if code := s.errorCode("13"); code != invalidRequest {
			t.Errorf("a second initialize: error %d, want %d", code, invalidRequest)
		}
	})
	t.Run("still serving", func(t *testing.T) {
		s.open("file:///tmp/probe.py", sleepySource)
		if got := codes(s.diagnostics("file:///tmp/probe.py", 1)); !reflect.DeepEqual(got, []string{"AL201"}) {
			t.Errorf("diagnostics %v, want AL201", got)
		}
	})
	s.stop()
}

const sleepySource = "import asyncio\nimport time\n\n\nasync def handler():\n    time.sleep(1)\n"

func codes(diags []diagnostic) []string {
	var out []string
	for _, d := range diags {
		out = append(out, d.Code)
	}
	return out
}

// change is one incremental edit.
func change(version, line, char, endLine, endChar int, text string) string {
	data, _ := json.Marshal(text)
	return fmt.Sprintf(`{"textDocument":{"uri":"file:///tmp/edited.py","version":%d},"contentChanges":[{"range":{"start":{"line":%d,"character":%d},"end":{"line":%d,"character":%d}},"text":%s}]}`,
		version, line, char, endLine, endChar, data)
}

// TestEditsOutOfOrderAndOutOfRange sends a version older than the last,
// and positions past the end of the text: each applies in order, clamped
// to the text, and the diagnostics are those of a fresh open of the text.
func TestEditsOutOfOrderAndOutOfRange(t *testing.T) {
	s := start(t, proctest.Default)
	s.initialize("")
	u := "file:///tmp/edited.py"
	s.open(u, "import asyncio\n")
	s.diagnostics(u, 1)
	s.notify("textDocument/didChange", change(5, 0, 500, 1000, 1000, "\nimport time\n"))
	s.notify("textDocument/didChange", change(3, 1000, 0, 1000, 0, "async def f():\n    time.sleep(1)\n"))
	got := s.diagnostics(u, 3)
	s.open("file:///tmp/fresh.py", "import asyncio\nimport time\nasync def f():\n    time.sleep(1)\n")
	if want := s.diagnostics("file:///tmp/fresh.py", 1); !reflect.DeepEqual(got, want) || len(got) != 1 {
		t.Errorf("after the edits: %+v\nfresh open: %+v", got, want)
	}
	for i, params := range []string{
		`{"textDocument":{"uri":"` + u + `"},"position":{"line":100000,"character":100000}}`,
		`{"textDocument":{"uri":"` + u + `"},"position":{"line":3,"character":4294967295}}`,
		`{"textDocument":{"uri":"file:///never/opened.py"},"position":{"line":0,"character":0}}`,
	} {
		s.call(20+i, "textDocument/hover", params)
		if m := s.response(strconv.Itoa(20 + i)); m.Error != nil {
			t.Errorf("hover %s: %+v", params, m.Error)
		}
	}
	s.call(30, "textDocument/codeAction", `{"textDocument":{"uri":"`+u+`"},"range":{"start":{"line":99999,"character":0},"end":{"line":0,"character":0}},"context":{"diagnostics":[]}}`)
	if m := s.response("30"); m.Error != nil {
		t.Errorf("code action over a reversed range past the end: %+v", m.Error)
	}
	s.stop()
}

// TestRapidEdits types a coroutine of a hundred lines, a character at a
// time with the odd typo taken back, 2,000 edits sent without waiting: the
// diagnostics of the last version are those of a fresh open of the final
// text.
func TestRapidEdits(t *testing.T) {
	s := start(t, proctest.Default)
	s.initialize("")
	u := "file:///tmp/edited.py"
	s.open(u, sleepySource)
	var burst strings.Builder
	version, edits := 1, 0
	edit := func(line, char, endChar int, text string) {
		version++
		edits++
		burst.WriteString(frame(`{"jsonrpc":"2.0","method":"textDocument/didChange","params":` + change(version, line, char, line, endChar, text) + `}`))
	}
	line := 6 // the empty line after the source
	for i := 0; edits < 2000; i++ {
		typed := fmt.Sprintf("    time.sleep(%d)", i)
		for j := range len(typed) {
			edit(line, j, j, typed[j:j+1])
			if (i+j)%7 == 0 { // a typo, taken back
				edit(line, j+1, j+1, "x")
				edit(line, j+1, j+2, "")
			}
		}
		edit(line, len(typed), len(typed), "\n")
		line++
	}
	s.write(burst.String())
	got := s.diagnostics(u, version)
	final := sleepySource
	for i := range line - 6 {
		final += fmt.Sprintf("    time.sleep(%d)\n", i)
	}
	s.open("file:///tmp/fresh.py", final)
	want := s.diagnostics("file:///tmp/fresh.py", 1)
	if !reflect.DeepEqual(got, want) || len(got) != line-5 {
		t.Errorf("after %d edits, %d diagnostics; a fresh open of the final text has %d, want %d", edits, len(got), len(want), line-5)
	}
	s.stop()
}

// generated returns a module of about n lines, with a blocking call in
// every fifth coroutine.
func generated(n int) string {
	var b strings.Builder
	b.WriteString("import asyncio\nimport time\n")
	for i := 0; i < n/6; i++ {
		sleep := "await asyncio.sleep(0.1)"
		if i%5 == 0 {
			sleep = "time.sleep(0.1)"
		}
		fmt.Fprintf(&b, "\n\nasync def handler_%d(request):\n    result = await request.fetch()\n    %s\n    return result\n", i, sleep)
	}
	return b.String()
}

// TestCancelledCodeAction cancels a code action on a large document that
// waits for the analysis a pull of diagnostics started: it is answered as
// cancelled before the analysis ends, and the pull gets its diagnostics.
func TestCancelledCodeAction(t *testing.T) {
	s := start(t, proctest.Limits{Time: 30 * time.Second, Memory: 600 << 20})
	s.call(1, "initialize", `{"processId":null,"rootUri":null,"capabilities":{"textDocument":{"diagnostic":{}}}}`)
	s.response("1")
	s.notify("initialized", `{}`)
	u := "file:///tmp/large.py"
	s.open(u, generated(100_000))
	s.call(2, "textDocument/diagnostic", `{"textDocument":{"uri":"`+u+`"}}`)
	s.call(3, "textDocument/codeAction", `{"textDocument":{"uri":"`+u+`"},"range":{"start":{"line":0,"character":0},"end":{"line":99999,"character":0}},"context":{"diagnostics":[]}}`)
	// Answered once the code action has its snapshot.
	s.call(4, "textDocument/hover", `{"textDocument":{"uri":"file:///tmp/other.py"},"position":{"line":0,"character":0}}`)
	s.response("4")
	s.notify("$/cancelRequest", `{"id":3}`)
	// The pull is answered once the analysis ends: the code action, which
	// waited for it, must be answered first.
	first := s.next("response 2 or 3", func(m message) bool {
		return m.Method == "" && (string(m.ID) == "2" || string(m.ID) == "3")
	})
	if string(first.ID) != "3" {
		t.Fatal("the pull was answered first: the cancelled request waited for the analysis")
	}
	if first.Error == nil || first.Error.Code != requestCancelled {
		t.Errorf("error %+v, want code %d (cancelled)", first.Error, requestCancelled)
	}
	if m := s.response("2"); m.Error != nil || !strings.Contains(string(m.Result), "AL201") {
		t.Errorf("the pull: %v %.200s", m.Error, m.Result)
	}
	s.call(5, "textDocument/codeAction", `{"textDocument":{"uri":"`+u+`"},"range":{"start":{"line":6,"character":0},"end":{"line":7,"character":0}},"context":{"diagnostics":[]}}`)
	if m := s.response("5"); m.Error != nil || !strings.Contains(string(m.Result), "asyncio.sleep") {
		t.Errorf("the code action after: %v %.200s", m.Error, m.Result)
	}
	s.stop()
}

// TestHugeDocuments opens documents no one types: each is answered with
// diagnostics in bounded time and memory, and the session goes on. The
// limits are three to five times what a session takes on an idle machine.
func TestHugeDocuments(t *testing.T) {
	for _, tc := range []struct {
		name, text, want string
		lim              proctest.Limits
	}{
		{"50 MB", generated(3_000_000)[:50<<20], "tokens", proctest.Limits{Time: 30 * time.Second, Memory: 1536 << 20}},
		{"deep nesting", "import asyncio\nx = " + strings.Repeat("(", 100_000) + strings.Repeat(")", 100_000) + "\n", "",
			proctest.Limits{Time: 15 * time.Second, Memory: 400 << 20}},
		{"unclosed brackets", "import asyncio\n" + strings.Repeat("f(x, [1, {2: (", 15_000) + "\n", "cannot parse",
			proctest.Limits{Time: 15 * time.Second, Memory: 256 << 20}},
		{"deep indentation", "import asyncio\n" + deepIndentation(2000), "", proctest.Limits{Time: 15 * time.Second, Memory: 300 << 20}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := start(t, tc.lim)
			s.initialize("")
			u := "file:///tmp/huge.py"
			s.open(u, tc.text)
			diags := s.diagnostics(u, 1)
			if tc.want != "" && (len(diags) == 0 || !strings.Contains(diags[0].Message, tc.want)) {
				t.Errorf("diagnostics %.500v, want a note with %q", diags, tc.want)
			}
			s.call(2, "textDocument/codeAction", `{"textDocument":{"uri":"`+u+`"},"range":{"start":{"line":0,"character":0},"end":{"line":3,"character":0}},"context":{"diagnostics":[]}}`)
			if m := s.response("2"); m.Error != nil {
				t.Errorf("code action: %+v", m.Error)
			}
			s.stop()
		})
	}
}

// deepIndentation returns n nested ifs, with a blocking call at the bottom
// of a coroutine.
func deepIndentation(n int) string {
	var b strings.Builder
	b.WriteString("import time\nasync def f():\n")
	for i := range n {
		fmt.Fprintf(&b, "%sif x:\n", strings.Repeat(" ", 4*(i+1)))
	}
	fmt.Fprintf(&b, "%stime.sleep(1)\n", strings.Repeat(" ", 4*(n+1)))
	return b.String()
}

// TestStdinClosedDuringAnalysis closes the server's input while it
// analyses a large document for a code action: it exits promptly, without
// shutdown (status 1).
func TestStdinClosedDuringAnalysis(t *testing.T) {
	s := start(t, proctest.Limits{Time: 15 * time.Second, Memory: 600 << 20})
	s.initialize("")
	u := "file:///tmp/large.py"
	s.open(u, generated(100_000))
	// Answered once the document is open: its analysis has begun.
	s.call(2, "textDocument/hover", `{"textDocument":{"uri":"file:///tmp/other.py"},"position":{"line":0,"character":0}}`)
	s.response("2")
	s.call(3, "textDocument/codeAction", `{"textDocument":{"uri":"`+u+`"},"range":{"start":{"line":0,"character":0},"end":{"line":99999,"character":0}},"context":{"diagnostics":[]}}`)
	closed := time.Now()
	s.in.Close()
	res := s.proc.Wait()
	exited := time.Since(closed)
	t.Logf("exited %v after its input closed", exited.Round(time.Millisecond))
	if res.Code != 1 {
		t.Errorf("exit status %d (signal %v), want 1", res.Code, res.Signal)
	}
	if exited > 5*time.Second {
		t.Errorf("exited %v after its input closed", exited)
	}
}

// TestWorkspaceWithGeneratedModule indexes a workspace holding a module
// of 9.5 MB, generated and never opened: a small document is checked
// meanwhile, the index is built in bounded time and memory, and the
// document is checked again in it.
func TestWorkspaceWithGeneratedModule(t *testing.T) {
	dir := t.TempDir()
	// Separator comments make it large without more tokens than asynclint
	// parses (syntax.MaxTokens): it is indexed.
	var big strings.Builder
	big.WriteString("import asyncio\nimport time\n")
	for i := 0; big.Len() < 19<<19; i++ {
		fmt.Fprintf(&big, "\n\n%s\nasync def handler_%d(request):\n    result = await request.fetch()\n    await asyncio.sleep(0.1)\n    return result\n", strings.Repeat("#", 76), i)
	}
	if err := os.WriteFile(filepath.Join(dir, "generated.py"), []byte(big.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	app := filepath.Join(dir, "app.py")
	if err := os.WriteFile(app, []byte(sleepySource), 0o644); err != nil {
		t.Fatal(err)
	}
	s := start(t, proctest.Limits{Time: 40 * time.Second, Memory: 1536 << 20})
	s.initialize(dir)
	s.open(fileURI(app), sleepySource)
	if got := codes(s.diagnostics(fileURI(app), 1)); !reflect.DeepEqual(got, []string{"AL201"}) {
		t.Errorf("diagnostics %v, want AL201", got)
	}
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(s.stderr.String(), "workspace indexed") {
		if time.Now().After(deadline) {
			t.Fatalf("the workspace is not indexed after 20 s; log:\n%s", tail(s.stderr.String()))
		}
		time.Sleep(10 * time.Millisecond)
	}
	s.stop()
}
