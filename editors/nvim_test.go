package editors

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/asynclint/asynclint/internal/testenv"
)

// nvimResult is what testdata/nvim/attach.lua writes.
type nvimResult struct {
	Error  string `json:"error"`
	Config struct {
		Cmd             []string `json:"cmd"`
		Filetypes       []string `json:"filetypes"`
		RootMarkers     []string `json:"root_markers"`
		SettingsIsTable bool     `json:"settings_is_table"`
	} `json:"config"`
	Filetype    string `json:"filetype"`
	Attached    bool   `json:"attached"`
	ClientName  string `json:"client_name"`
	RootDir     string `json:"root_dir"`
	Diagnostics []struct {
		Lnum    int    `json:"lnum"`
		Message string `json:"message"`
		Source  string `json:"source"`
		Code    any    `json:"code"`
	} `json:"diagnostics"`
}

// TestNeovim starts asyncls in a headless Neovim the ways editors/nvim
// documents, opens a Python file with a finding below a pyproject.toml, and
// checks the client attached with that root and published the finding.
func TestNeovim(t *testing.T) {
	nvim := testenv.Tool(t, "nvim", "apt-get install -y neovim")
	version := nvimVersion(t, nvim)
	bin := buildAsyncls(t)
	root := repoRoot(t)
	readme := luaBlocks(t, filepath.Join(root, "editors", "nvim", "README.md"))

	t.Run("README Lua compiles", func(t *testing.T) {
		// Syntax only: the blocks for newer Neovim cannot run on an older one.
		dir := t.TempDir()
		var checks []string
		for i, block := range readme {
			file := filepath.Join(dir, fmt.Sprintf("block%d.lua", i))
			writeFiles(t, dir, map[string]string{filepath.Base(file): block})
			checks = append(checks, fmt.Sprintf("assert(loadfile(%q))", file))
		}
		script := filepath.Join(dir, "check.lua")
		writeFiles(t, dir, map[string]string{"check.lua": strings.Join(checks, "\n") + "\nvim.cmd('qa!')\n"})
		out, err := exec.Command(nvim, "--headless", "-u", "NONE", "-i", "NONE", "-n", "-c", "luafile "+script).CombinedOutput()
		if err != nil || len(bytes.TrimSpace(out)) > 0 {
			t.Fatalf("a Lua block of editors/nvim/README.md does not compile: %v\n%s", err, out)
		}
	})

	t.Run("lsp/asyncls.lua started the 0.7 way", func(t *testing.T) {
		res := runAttach(t, nvim, bin, "")
		c := res.Config
		if strings.Join(c.Cmd, " ") != "asyncls" || strings.Join(c.Filetypes, " ") != "python" ||
			strings.Join(c.RootMarkers, " ") != "pyproject.toml setup.cfg .git" || !c.SettingsIsTable {
			t.Errorf("lsp/asyncls.lua returned %+v; want cmd {'asyncls'}, filetypes {'python'}, "+
				"root_markers {'pyproject.toml', 'setup.cfg', '.git'} and a settings.asynclint table", c)
		}
	})

	t.Run("README snippet for 0.7", func(t *testing.T) {
		runAttach(t, nvim, bin, snippet(t, readme, "vim.lsp.start_client("))
	})

	t.Run("README snippet for 0.8 to 0.10", func(t *testing.T) {
		if version.less(0, 8) {
			t.Skipf("needs Neovim 0.8 for vim.lsp.start; this is %s", version)
		}
		runAttach(t, nvim, bin, snippet(t, readme, "vim.lsp.start({"))
	})

	t.Run("runtimepath and vim.lsp.enable on 0.11", func(t *testing.T) {
		if version.less(0, 11) {
			t.Skipf("needs Neovim 0.11 for vim.lsp.enable; this is %s", version)
		}
		// The plugin-directory form: lsp/asyncls.lua found on the runtimepath.
		setup := fmt.Sprintf("vim.opt.runtimepath:append(%q)\nvim.lsp.enable('asyncls')\n", filepath.Join(root, "editors", "nvim"))
		runAttach(t, nvim, bin, setup)
	})
}

// runAttach runs testdata/nvim/attach.lua on a fresh project and checks the
// outcome common to every way of starting the client. setup, when not
// empty, is Lua that starts the client instead of attach.lua; it finds
// asyncls on PATH.
func runAttach(t *testing.T, nvim, bin, setup string) nvimResult {
	t.Helper()
	root := repoRoot(t)
	tmp := t.TempDir()
	project := filepath.Join(tmp, "project")
	writeFiles(t, project, map[string]string{
		"pyproject.toml": "[project]\nname = \"sample\"\nrequires-python = \">=3.11\"\n",
		"pkg/app.py":     blockingPy,
	})
	result := filepath.Join(tmp, "result.json")
	env := map[string]string{
		"ASYNCLS_CONFIG": filepath.Join(root, "editors", "nvim", "lsp", "asyncls.lua"),
		"ASYNCLS_BIN":    bin,
		"ASYNCLS_FILE":   filepath.Join(project, "pkg", "app.py"),
		"ASYNCLS_RESULT": result,
		"PATH":           filepath.Dir(bin) + string(os.PathListSeparator) + os.Getenv("PATH"),
		// Keep Neovim's log and state out of the user's home.
		"XDG_CONFIG_HOME": filepath.Join(tmp, "config"),
		"XDG_DATA_HOME":   filepath.Join(tmp, "data"),
		"XDG_STATE_HOME":  filepath.Join(tmp, "state"),
		"XDG_CACHE_HOME":  filepath.Join(tmp, "cache"),
	}
	if setup != "" {
		env["ASYNCLS_SETUP"] = filepath.Join(tmp, "setup.lua")
		writeFiles(t, tmp, map[string]string{"setup.lua": setup})
	}

	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, nvim, "--headless", "-u", "NONE", "-i", "NONE", "-n",
		"-c", "luafile "+filepath.Join(root, "testdata", "nvim", "attach.lua"))
	cmd.Env = withEnv(env)
	cmd.Dir = tmp
	out, err := cmd.CombinedOutput()
	data, readErr := os.ReadFile(result)
	if readErr != nil {
		t.Fatalf("nvim wrote no result (%v): %v\n%s%s", readErr, err, out, lspLog(tmp))
	}
	var res nvimResult
	if err := json.Unmarshal(data, &res); err != nil {
		t.Fatalf("bad result %s: %v", data, err)
	}
	if res.Error != "" {
		t.Fatalf("attach.lua failed: %s\n%s%s", res.Error, out, lspLog(tmp))
	}
	if res.Filetype != "python" {
		t.Errorf("filetype = %q, want python", res.Filetype)
	}
	if !res.Attached || res.ClientName != "asyncls" {
		t.Fatalf("asyncls did not attach to the buffer (attached=%v, client=%q)\n%s", res.Attached, res.ClientName, lspLog(tmp))
	}
	if !sameDir(res.RootDir, project) {
		t.Errorf("root_dir = %q, want the directory with pyproject.toml, %q", res.RootDir, project)
	}
	found := false
	for _, d := range res.Diagnostics {
		found = found || (fmt.Sprint(d.Code) == "AL201" && d.Lnum == 4)
	}
	if !found {
		t.Errorf("diagnostics = %+v, want AL201 on line 5 (lnum 4)\n%s", res.Diagnostics, lspLog(tmp))
	}
	return res
}

func sameDir(a, b string) bool {
	ea, err1 := filepath.EvalSymlinks(a)
	eb, err2 := filepath.EvalSymlinks(b)
	return err1 == nil && err2 == nil && ea == eb
}

// lspLog returns Neovim's LSP log for a failure message: the server's stderr
// and start-up errors end up there.
func lspLog(tmp string) string {
	for _, dir := range []string{"cache", "state"} {
		matches, _ := filepath.Glob(filepath.Join(tmp, dir, "nvim", "lsp.log"))
		for _, m := range matches {
			if b, err := os.ReadFile(m); err == nil && len(b) > 0 {
				return "\nlsp.log:\n" + firstLines(b, 40)
			}
		}
	}
	return ""
}

// luaBlocks returns the ```lua fenced blocks of a Markdown file.
func luaBlocks(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var blocks []string
	for _, m := range regexp.MustCompile("(?ms)^```lua\n(.*?)^```").FindAllStringSubmatch(string(data), -1) {
		blocks = append(blocks, m[1])
	}
	if len(blocks) == 0 {
		t.Fatalf("%s has no ```lua blocks", path)
	}
	return blocks
}

// snippet returns the one README block that contains marker.
func snippet(t *testing.T, blocks []string, marker string) string {
	t.Helper()
	var found []string
	for _, b := range blocks {
		if strings.Contains(b, marker) {
			found = append(found, b)
		}
	}
	if len(found) != 1 {
		t.Fatalf("want one README Lua block containing %q, found %d", marker, len(found))
	}
	return found[0]
}

type nvimVer struct{ major, minor, patch int }

func (v nvimVer) less(major, minor int) bool {
	return v.major < major || (v.major == major && v.minor < minor)
}

func (v nvimVer) String() string { return fmt.Sprintf("%d.%d.%d", v.major, v.minor, v.patch) }

func nvimVersion(t *testing.T, nvim string) nvimVer {
	t.Helper()
	out, err := exec.Command(nvim, "--version").Output()
	if err != nil {
		t.Fatalf("nvim --version: %v", err)
	}
	m := regexp.MustCompile(`NVIM v(\d+)\.(\d+)\.(\d+)`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("cannot read the version in %q", firstLines(out, 1))
	}
	var v nvimVer
	v.major, _ = strconv.Atoi(string(m[1]))
	v.minor, _ = strconv.Atoi(string(m[2]))
	v.patch, _ = strconv.Atoi(string(m[3]))
	if v.less(0, 7) {
		t.Skipf("Neovim %s is older than 0.7, the oldest the docs cover", v)
	}
	return v
}
