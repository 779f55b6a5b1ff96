// Package editors holds the editor and CI integrations (editors/vscode,
// editors/nvim, editors/github with action.yml at the root, editors/pre-commit
// and .pre-commit-hooks.yaml at the root). This test-only package checks them
// end to end with the real binaries: Neovim attaching asyncls to a Python
// buffer, pre-commit running the hooks, and the GitHub Action's steps. A
// missing tool skips its test and says how to install it; the tests of the
// released wheel run when $ASYNCLINT_WHEELS names a directory holding it.
package editors

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// repoRoot is the module root: tests run in editors/.
func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// binDir holds the binaries built once for all tests of the package.
var binDir string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "asynclint-editors-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	binDir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

type build struct {
	once sync.Once
	bin  string
	out  []byte
	err  error
}

var builds sync.Map // package path -> *build

// goBuild builds a command of this module once, into a directory of its
// own (so that directory can go first on PATH). err is set, with the
// compiler's output in out, when it does not build.
func goBuild(pkg string) (bin string, out []byte, err error) {
	v, _ := builds.LoadOrStore(pkg, &build{})
	b := v.(*build)
	b.once.Do(func() {
		dir := filepath.Join(binDir, filepath.Base(pkg))
		if b.err = os.MkdirAll(dir, 0o755); b.err != nil {
			return
		}
		b.bin = filepath.Join(dir, filepath.Base(pkg))
		cmd := exec.Command("go", "build", "-o", b.bin, pkg)
		cmd.Dir = ".."
		b.out, b.err = cmd.CombinedOutput()
	})
	return b.bin, b.out, b.err
}

// buildAsynclint builds the CLI; it is part of the tree these tests check,
// so a build failure fails the test.
func buildAsynclint(t *testing.T) string {
	t.Helper()
	bin, out, err := goBuild("./cmd/asynclint")
	if err != nil {
		t.Fatalf("go build ./cmd/asynclint: %v\n%s", err, out)
	}
	return bin
}

// buildAsyncls builds the language server, or skips while it is not ready:
// it must build and answer initialize. $ASYNCLS names a binary to use
// instead, to try the tests on another build.
func buildAsyncls(t *testing.T) string {
	t.Helper()
	var bin string
	if override := os.Getenv("ASYNCLS"); override != "" {
		// Linked as "asyncls" in a directory of its own: the README snippets
		// run `asyncls` from PATH.
		bin = filepath.Join(binDir, "override", "asyncls")
		if _, err := os.Lstat(bin); err != nil {
			abs, err := filepath.Abs(override)
			if err == nil {
				err = os.MkdirAll(filepath.Dir(bin), 0o755)
			}
			if err == nil {
				err = os.Symlink(abs, bin)
			}
			if err != nil {
				t.Fatalf("$ASYNCLS: %v", err)
			}
		}
	} else {
		var out []byte
		var err error
		if bin, out, err = goBuild("./cmd/asyncls"); err != nil {
			t.Skipf("asyncls does not build yet, so the editor tests cannot run: %v\n%s", err, firstLines(out, 10))
		}
	}
	if _, err := initialize(bin, map[string]any{}, nil, 15*time.Second); err != nil {
		t.Skipf("asyncls does not answer initialize yet, so the editor tests cannot run: %v", err)
	}
	return bin
}

func firstLines(b []byte, n int) string {
	lines := strings.SplitAfter(strings.TrimSpace(string(b)), "\n")
	if len(lines) > n {
		lines = append(lines[:n], "...")
	}
	return strings.Join(lines, "")
}

// initialize starts the server, sends initialize over stdio and returns
// the result; log messages and other notifications the server sends first
// are skipped.
func initialize(bin string, capabilities, initOptions any, timeout time.Duration) (json.RawMessage, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	defer func() {
		cancel()
		cmd.Wait()
	}()

	root, _ := filepath.Abs("..")
	if err := writeMessage(stdin, map[string]any{
		"jsonrpc": "2.0", "id": 1, "method": "initialize",
		"params": map[string]any{
			"processId":             os.Getpid(),
			"rootUri":               "file://" + filepath.ToSlash(root),
			"capabilities":          capabilities,
			"initializationOptions": initOptions,
		},
	}); err != nil {
		return nil, err
	}
	type answer struct {
		result json.RawMessage
		err    error
	}
	done := make(chan answer, 1)
	go func() {
		r := bufio.NewReader(stdout)
		for {
			body, err := readMessage(r)
			if err != nil {
				done <- answer{err: fmt.Errorf("reading its answer: %v (stderr: %s)", err, firstLines(stderr.Bytes(), 5))}
				return
			}
			var msg struct {
				ID     json.RawMessage `json:"id"`
				Result json.RawMessage `json:"result"`
				Error  json.RawMessage `json:"error"`
			}
			if json.Unmarshal(body, &msg) != nil || string(msg.ID) != "1" {
				continue
			}
			if len(msg.Error) > 0 && string(msg.Error) != "null" {
				done <- answer{err: fmt.Errorf("initialize failed: %s", msg.Error)}
			} else {
				done <- answer{result: msg.Result}
			}
			return
		}
	}()
	select {
	case a := <-done:
		return a.result, a.err
	case <-ctx.Done():
		return nil, fmt.Errorf("no answer within %v", timeout)
	}
}

func writeMessage(w io.Writer, v any) error {
	body, err := json.Marshal(v)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "Content-Length: %d\r\n\r\n%s", len(body), body)
	return err
}

func readMessage(r *bufio.Reader) ([]byte, error) {
	length := -1
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return nil, err
		}
		line = strings.TrimRight(line, "\r\n")
		if line == "" {
			break
		}
		if name, value, ok := strings.Cut(line, ":"); ok && strings.EqualFold(name, "Content-Length") {
			if length, err = strconv.Atoi(strings.TrimSpace(value)); err != nil {
				return nil, fmt.Errorf("bad header %q", line)
			}
		}
	}
	if length < 0 {
		return nil, fmt.Errorf("message without Content-Length")
	}
	body := make([]byte, length)
	_, err := io.ReadFull(r, body)
	return body, err
}

// writeFiles creates files (path relative to dir -> content).
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// A Python file with one AL201 finding on line 5, and a clean one.
const (
	blockingPy = "import time\n\n\nasync def handler():\n    time.sleep(1)\n"
	cleanPy    = "import asyncio\n\n\nasync def handler():\n    await asyncio.sleep(1)\n"
)

// withEnv returns the current environment with some variables replaced.
func withEnv(set map[string]string) []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if _, ok := set[name]; !ok {
			env = append(env, kv)
		}
	}
	for k, v := range set {
		env = append(env, k+"="+v)
	}
	return env
}

// TestServerContract checks what the editor integrations assume of
// asyncls: it takes the settings in initializationOptions the way the VS
// Code extension and the Neovim snippets send them, and offers the fix-all
// code action kind that "asynclint: Fix All" and codeActionsOnSave ask for.
func TestServerContract(t *testing.T) {
	bin := buildAsyncls(t)
	opts := map[string]any{"asynclint": map[string]any{"select": []string{"AL2"}, "fixAll": true}}
	// Code action kinds are only announced to clients that take code action
	// literals, as VS Code and Neovim do.
	caps := map[string]any{"textDocument": map[string]any{"codeAction": map[string]any{
		"codeActionLiteralSupport": map[string]any{"codeActionKind": map[string]any{
			"valueSet": []string{"quickfix", "source", "source.fixAll"},
		}},
	}}}
	raw, err := initialize(bin, caps, opts, 15*time.Second)
	if err != nil {
		t.Fatalf("initialize with initializationOptions %v: %v", opts, err)
	}
	var result struct {
		Capabilities struct {
			CodeActionProvider json.RawMessage `json:"codeActionProvider"`
		} `json:"capabilities"`
	}
	if err := json.Unmarshal(raw, &result); err != nil {
		t.Fatalf("initialize result %s: %v", raw, err)
	}
	var provider struct {
		CodeActionKinds []string `json:"codeActionKinds"`
	}
	json.Unmarshal(result.Capabilities.CodeActionProvider, &provider)
	for _, kind := range provider.CodeActionKinds {
		if kind == "source.fixAll.asynclint" {
			return
		}
	}
	t.Errorf("codeActionProvider = %s, want codeActionKinds with source.fixAll.asynclint", result.Capabilities.CodeActionProvider)
}
