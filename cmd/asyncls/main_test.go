package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/asynclint/asynclint/internal/proctest"
	"github.com/asynclint/asynclint/internal/testenv"
)

// asyncls is the binary the end-to-end tests run, built by TestMain.
var asyncls string

func TestMain(m *testing.M) {
	var err error
	if asyncls, err = proctest.Build(".", "asyncls"); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	proctest.Main(m)
}

// testdata is the repository's testdata/lsp directory.
func testdata(parts ...string) string {
	return filepath.Join(append([]string{"..", "..", "testdata", "lsp"}, parts...)...)
}

func frame(body string) string {
	return fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body), body)
}

// TestExitStatus runs the binary over real pipes: exit after shutdown is
// status 0, exit without it status 1, as LSP prescribes.
func TestExitStatus(t *testing.T) {
	initialize := frame(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":null,"capabilities":{}}}`) +
		frame(`{"jsonrpc":"2.0","method":"initialized","params":{}}`)
	for _, tc := range []struct {
		name, input string
		want        int
	}{
		{"shutdown then exit", initialize + frame(`{"jsonrpc":"2.0","id":2,"method":"shutdown"}`) + frame(`{"jsonrpc":"2.0","method":"exit"}`), 0},
		{"exit alone", initialize + frame(`{"jsonrpc":"2.0","method":"exit"}`), 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			cmd := exec.CommandContext(ctx, asyncls)
			cmd.Stdin = strings.NewReader(tc.input)
			var stderr strings.Builder
			cmd.Stdout, cmd.Stderr = io.Discard, &stderr
			err := cmd.Run()
			got := 0
			if ee, ok := err.(*exec.ExitError); ok {
				got = ee.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("exit status %d, want %d; log:\n%s", got, tc.want, stderr.String())
			}
		})
	}
}

// TestLogFile checks that the log goes to --log-file and that standard
// output carries nothing but the protocol.
func TestLogFile(t *testing.T) {
	log := filepath.Join(t.TempDir(), "asyncls.log")
	cmd := exec.Command(asyncls, "--log-file", log, "--log-level", "debug")
	cmd.Stdin = strings.NewReader(frame(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}`) + frame(`{"jsonrpc":"2.0","method":"exit"}`))
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.Run()
	r := bufio.NewReader(strings.NewReader(stdout.String()))
	if line, _ := r.ReadString('\n'); !strings.HasPrefix(line, "Content-Length:") {
		t.Errorf("standard output starts with %q", line)
	}
	data, err := os.ReadFile(log)
	if err != nil || !strings.Contains(string(data), "initialized") {
		t.Errorf("log file: %v %q", err, data)
	}
	if stderr.Len() > 0 {
		t.Errorf("standard error: %q", stderr.String())
	}
}

// TestNeovim opens a file in headless Neovim with its built-in LSP client,
// waits for asyncls's diagnostics and applies a quick fix.
func TestNeovim(t *testing.T) {
	nvim := testenv.Tool(t, "nvim", "apt-get install neovim")
	dir := t.TempDir()
	file, result := filepath.Join(dir, "app.py"), filepath.Join(dir, "result.txt")
	src := "import asyncio\nimport time\n\n\nasync def main():\n    s = \"é🎉\"; time.sleep(1)\n"
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	script, err := filepath.Abs(testdata("nvim", "e2e.lua"))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, nvim, "--headless", "-u", "NONE", "-c", "luafile "+script)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "ASYNCLS="+asyncls, "PYFILE="+file, "RESULT="+result)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("nvim: %v\n%s", err, out)
	}
	got, err := os.ReadFile(result)
	if err != nil {
		t.Fatal(err)
	}
	want := "import asyncio\nimport time\n\n\nasync def main():\n    s = \"é🎉\"; await asyncio.sleep(1)\n"
	if string(got) != want {
		t.Errorf("buffer after the quick fix:\n%s\nwant:\n%s", got, want)
	}
}

// TestVSCodeLanguageClient runs testdata/lsp/node/client.js, which drives
// asyncls with vscode-jsonrpc and vscode-languageserver-protocol, the
// libraries of VS Code's language client.
func TestVSCodeLanguageClient(t *testing.T) {
	node := testenv.Tool(t, "node", "https://nodejs.org")
	dir := testdata("node")
	if _, err := os.Stat(filepath.Join(dir, "node_modules")); err != nil {
		npm := testenv.Tool(t, "npm", "https://nodejs.org")
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		install := exec.CommandContext(ctx, npm, "ci", "--no-audit", "--no-fund")
		install.Dir = dir
		if out, err := install.CombinedOutput(); err != nil {
			testenv.Missing(t, "npm ci failed: %v\n%s", err, out)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, "client.js", asyncls)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil || strings.TrimSpace(string(out)) != "ok" {
		t.Errorf("node client.js: %v\n%s", err, out)
	}
}
