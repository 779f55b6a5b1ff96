package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// A server is a language server to measure: how to start it and how to
// set it up as its editor extension would.
type server struct {
	name    string
	command []string
	// settings answers workspace/configuration for a section, and is sent
	// as initializationOptions with section "".
	settings func(section string) any
	// indexes says the server reports the indexing of the workspace with
	// work-done progress, which ends when it is done.
	indexes bool
}

// A publication is one textDocument/publishDiagnostics received.
type publication struct {
	version int // -1 when the server gave none
	count   int
	at      time.Time
}

// A client is an editor connected to one language server process: it keeps
// what the server published, and waits for it.
type client struct {
	*conn
	srv    server
	cmd    *exec.Cmd
	pull   bool
	stderr *tailBuffer
	exited chan struct{}

	mu        sync.Mutex
	event     chan struct{} // closed and replaced on each notification
	published map[string][]publication
	titles    map[string]string // of work-done progress, by token
	indexed   time.Time         // when indexing ended
}

// startClient starts srv in dir, the workspace folder, and initializes it
// as VS Code would, pulling diagnostics or not.
func startClient(srv server, dir string, pull bool, timeout time.Duration) (*client, error) {
	c := &client{
		srv: srv, pull: pull, stderr: &tailBuffer{max: 64 << 10}, exited: make(chan struct{}),
		event: make(chan struct{}), published: map[string][]publication{}, titles: map[string]string{},
	}
	c.cmd = exec.Command(srv.command[0], srv.command[1:]...)
	c.cmd.Dir = dir
	c.cmd.Stderr = c.stderr
	stdin, err := c.cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := c.cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := c.cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting %s: %w", srv.name, err)
	}
	go func() { c.cmd.Wait(); close(c.exited) }()
	c.conn = newConn(stdout, stdin, c.notified, c.requested)
	if _, err := c.call("initialize", c.initializeParams(dir), timeout); err != nil {
		c.kill()
		return nil, fmt.Errorf("initializing %s: %w%s", srv.name, err, c.stderr.suffix())
	}
	if err := c.notifyServer("initialized", struct{}{}); err != nil {
		c.kill()
		return nil, err
	}
	return c, nil
}

// initializeParams are those of VS Code 1.100 with vscode-languageclient 9,
// less the textDocument/diagnostic capability when the client does not
// pull.
func (c *client) initializeParams(dir string) map[string]any {
	folder := fileURI(dir)
	td := map[string]any{
		"synchronization":    map[string]any{"dynamicRegistration": true, "willSave": true, "willSaveWaitUntil": true, "didSave": true},
		"publishDiagnostics": map[string]any{"relatedInformation": true, "versionSupport": false, "tagSupport": map[string]any{"valueSet": []int{1, 2}}, "codeDescriptionSupport": true, "dataSupport": true},
		"codeAction": map[string]any{
			"dynamicRegistration": true, "isPreferredSupport": true, "disabledSupport": true, "dataSupport": true,
			"resolveSupport":           map[string]any{"properties": []string{"edit"}},
			"codeActionLiteralSupport": map[string]any{"codeActionKind": map[string]any{"valueSet": []string{"", "quickfix", "refactor", "refactor.extract", "refactor.inline", "refactor.rewrite", "source", "source.organizeImports"}}},
		},
		"hover": map[string]any{"dynamicRegistration": true, "contentFormat": []string{"markdown", "plaintext"}},
	}
	if c.pull {
		td["diagnostic"] = map[string]any{"dynamicRegistration": true, "relatedDocumentSupport": false}
	}
	return map[string]any{
		"processId":  os.Getpid(),
		"clientInfo": map[string]any{"name": "Visual Studio Code", "version": "1.100.0"},
		"locale":     "en",
		"rootPath":   dir,
		"rootUri":    folder,
		"capabilities": map[string]any{
			"general": map[string]any{"positionEncodings": []string{"utf-16"}},
			"workspace": map[string]any{
				"applyEdit": true, "workspaceEdit": map[string]any{"documentChanges": true},
				"didChangeConfiguration": map[string]any{"dynamicRegistration": true},
				"didChangeWatchedFiles":  map[string]any{"dynamicRegistration": true, "relativePatternSupport": true},
				"configuration":          true, "workspaceFolders": true,
				"diagnostics": map[string]any{"refreshSupport": true},
			},
			"textDocument": td,
			"window":       map[string]any{"workDoneProgress": true, "showDocument": map[string]any{"support": true}},
		},
		"initializationOptions": c.srv.settings(""),
		"workspaceFolders":      []map[string]any{{"uri": folder, "name": filepath.Base(dir)}},
	}
}

// notified records what the server sends unasked.
func (c *client) notified(method string, params json.RawMessage, at time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch method {
	case "textDocument/publishDiagnostics":
		var p struct {
			URI         string            `json:"uri"`
			Version     *int              `json:"version"`
			Diagnostics []json.RawMessage `json:"diagnostics"`
		}
		if json.Unmarshal(params, &p) != nil {
			return
		}
		pub := publication{version: -1, count: len(p.Diagnostics), at: at}
		if p.Version != nil {
			pub.version = *p.Version
		}
		c.published[p.URI] = append(c.published[p.URI], pub)
	case "$/progress":
		var p struct {
			Token json.RawMessage `json:"token"`
			Value struct{ Kind, Title string }
		}
		if json.Unmarshal(params, &p) != nil {
			return
		}
		token := string(p.Token)
		if p.Value.Kind == "begin" {
			c.titles[token] = p.Value.Title
		} else if p.Value.Kind == "end" && strings.Contains(strings.ToLower(c.titles[token]), "index") && c.indexed.IsZero() {
			c.indexed = at
		}
	default:
		return
	}
	close(c.event)
	c.event = make(chan struct{})
}

// requested answers what the server asks: settings, registrations,
// progress tokens and refreshes are accepted as VS Code accepts them.
func (c *client) requested(method string, params json.RawMessage) (any, error) {
	switch method {
	case "workspace/configuration":
		var p struct{ Items []struct{ Section string } }
		json.Unmarshal(params, &p)
		out := make([]any, len(p.Items))
		for i, item := range p.Items {
			out[i] = c.srv.settings(item.Section)
		}
		return out, nil
	case "client/registerCapability", "client/unregisterCapability", "window/workDoneProgress/create",
		"workspace/diagnostic/refresh", "window/showMessageRequest", "workspace/semanticTokens/refresh",
		"workspace/inlayHint/refresh", "workspace/codeLens/refresh":
		return nil, nil
	}
	return nil, fmt.Errorf("unsupported: %s", method)
}

// waitUntil waits until done, called under the lock, holds, or the
// deadline passes; it reports whether done held.
func (c *client) waitUntil(deadline time.Time, done func() bool) bool {
	for {
		c.mu.Lock()
		ok, event := done(), c.event
		c.mu.Unlock()
		if ok {
			return true
		}
		wait := time.Until(deadline)
		if wait <= 0 {
			return false
		}
		timer := time.NewTimer(wait)
		select {
		case <-event:
		case <-c.exited:
			timer.Stop()
			return false
		case <-timer.C:
		}
		timer.Stop()
	}
}

// waitIndexed waits for the end of the indexing of the workspace and
// returns when it ended.
func (c *client) waitIndexed(timeout time.Duration) (time.Time, error) {
	if !c.waitUntil(time.Now().Add(timeout), func() bool { return !c.indexed.IsZero() }) {
		return time.Time{}, fmt.Errorf("%s: indexing did not end within %v%s", c.srv.name, timeout, c.stderr.suffix())
	}
	return c.indexed, nil
}

// open sends didOpen of doc.
func (c *client) open(doc *document) error {
	return c.notifyServer("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": doc.uri, "languageId": "python", "version": doc.version, "text": doc.text,
	}})
}

// change sends didChange of doc, at its current version.
func (c *client) change(doc *document, ch change) error {
	return c.notifyServer("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": doc.uri, "version": doc.version},
		"contentChanges": []change{ch},
	})
}

// diagnosed waits for the diagnostics of version of the document uri to be
// published, and returns when they arrived and how many there were.
func (c *client) diagnosed(uri string, version int, deadline time.Time) (publication, bool) {
	var found publication
	ok := c.waitUntil(deadline, func() bool {
		for _, p := range c.published[uri] {
			if p.version == version {
				found = p
				return true
			}
		}
		return false
	})
	return found, ok
}

// publishedBetween counts the publications for uri of versions in [from, to).
func (c *client) publishedBetween(uri string, from, to int) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, p := range c.published[uri] {
		if p.version >= from && p.version < to {
			n++
		}
	}
	return n
}

// A pull is a textDocument/diagnostic request under way.
type pull struct {
	id int
	ch <-chan response
}

// startPull asks for the diagnostics of the document uri, after previous.
func (c *client) startPull(uri, previous string) (pull, error) {
	params := map[string]any{"textDocument": map[string]any{"uri": uri}}
	if previous != "" {
		params["previousResultId"] = previous
	}
	id, ch, err := c.start("textDocument/diagnostic", params)
	return pull{id, ch}, err
}

// cancel cancels a pull, as VS Code does when the document changes again.
func (c *client) cancel(p pull) error {
	return c.notifyServer("$/cancelRequest", map[string]any{"id": p.id})
}

// pulled waits for the answer to p and returns when it came, the result id
// and the number of diagnostics (-1 when unchanged).
func (c *client) pulled(p pull, deadline time.Time) (at time.Time, resultID string, count int, err error) {
	timer := time.NewTimer(time.Until(deadline))
	defer timer.Stop()
	select {
	case res := <-p.ch:
		if res.err != nil {
			return time.Time{}, "", 0, res.err
		}
		var report struct {
			Kind     string            `json:"kind"`
			ResultID string            `json:"resultId"`
			Items    []json.RawMessage `json:"items"`
		}
		if err := json.Unmarshal(res.result, &report); err != nil {
			return time.Time{}, "", 0, fmt.Errorf("diagnostic report: %w", err)
		}
		if report.Kind == "unchanged" {
			return res.at, report.ResultID, -1, nil
		}
		return res.at, report.ResultID, len(report.Items), nil
	case <-timer.C:
		return time.Time{}, "", 0, fmt.Errorf("no diagnostic report within the timeout")
	}
}

// memory returns the server's resident memory and its peak, in MB, from
// /proc.
func (c *client) memory() (rss, hwm float64, err error) {
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", c.cmd.Process.Pid))
	if err != nil {
		return 0, 0, err
	}
	for _, line := range strings.Split(string(status), "\n") {
		key, value, _ := strings.Cut(line, ":")
		kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(value), " kB"), 64)
		switch key {
		case "VmRSS":
			rss = kb / 1024
		case "VmHWM":
			hwm = kb / 1024
		}
	}
	return rss, hwm, nil
}

// cpuTime returns the CPU time the server has used, from /proc, to the
// clock tick (USER_HZ, 100 a second on Linux).
func (c *client) cpuTime() (time.Duration, error) {
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", c.cmd.Process.Pid))
	if err != nil {
		return 0, err
	}
	// The fields after the command name, in parentheses: state is the
	// third field of the line, utime the 14th and stime the 15th.
	fields := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+1:]))
	if len(fields) < 13 {
		return 0, fmt.Errorf("/proc/%d/stat: too few fields", c.cmd.Process.Pid)
	}
	user, err1 := strconv.ParseInt(fields[11], 10, 64)
	system, err2 := strconv.ParseInt(fields[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, fmt.Errorf("/proc/%d/stat: bad utime or stime", c.cmd.Process.Pid)
	}
	return time.Duration(user+system) * 10 * time.Millisecond, nil
}

// close shuts the server down as an editor does, and kills it if it does
// not exit in time.
func (c *client) close(timeout time.Duration) {
	if _, err := c.call("shutdown", nil, timeout); err == nil {
		c.notifyServer("exit", nil)
	}
	select {
	case <-c.exited:
	case <-time.After(timeout):
		c.kill()
	}
}

func (c *client) kill() {
	c.cmd.Process.Kill()
	<-c.exited
}

// fileURI returns the file URI of an absolute path.
func fileURI(path string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
}

// A tailBuffer keeps the last max bytes written to it: a server's log, to
// show when it fails.
type tailBuffer struct {
	mu  sync.Mutex
	max int
	buf bytes.Buffer
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf.Write(p)
	if over := t.buf.Len() - t.max; over > 0 {
		t.buf.Next(over)
	}
	return len(p), nil
}

// suffix returns the end of the log, to append to an error.
func (t *tailBuffer) suffix() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	lines := strings.Split(strings.TrimSpace(t.buf.String()), "\n")
	if len(lines) == 1 && lines[0] == "" {
		return ""
	}
	return "; the server's log ends:\n  " + strings.Join(lines[max(len(lines)-10, 0):], "\n  ")
}
