package lsp

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/asynclint/asynclint/rules"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

func TestParseSettings(t *testing.T) {
	known := rules.Suite().Codes()
	for _, tc := range []struct {
		json     string
		check    func(settings) bool
		problems []string // substrings of the problems, in order
	}{
		{`null`, func(s settings) bool { return s.FixAll && s.Debounce == defaultDebounce }, nil},
		{`{"select": ["AL2"], "ignore": ["AL201"], "extendSelect": ["AL1"]}`, func(s settings) bool {
			return slices.Equal(s.Select, []string{"AL2"}) && slices.Equal(s.Ignore, []string{"AL201"}) && slices.Equal(s.ExtendSelect, []string{"AL1"})
		}, nil},
		{`{"asynclint": {"targetVersion": "py311", "allowTopLevelAwait": true, "fixAll": false, "debounceMs": 0}}`, func(s settings) bool {
			return s.TargetVersion == "py311" && *s.AllowTopLevelAwait && !s.FixAll && s.Debounce == 0
		}, nil},
		{`{"select": [], "ruleDocsURL": "https://docs.example.org/r"}`, func(s settings) bool {
			return s.Select == nil && s.ruleURL("AL201") == "https://docs.example.org/r/AL201"
		}, nil},
		{`{"select": "AL2", "ignore": ["XY9"], "targetVersion": "py27", "debounceMs": -1, "fixAll": "yes", "ruleDocsURL": "docs", "colour": 1}`,
			func(s settings) bool {
				return s.Select == nil && s.Ignore == nil && s.TargetVersion == "" && s.FixAll && s.Debounce == defaultDebounce
			},
			[]string{"colour: unknown setting", "debounceMs", "fixAll: expected true or false", `ignore: unknown rule selector "XY9"`, "ruleDocsURL", "select: expected a list", `targetVersion: unsupported target version "py27"`}},
		{`[1, 2]`, func(s settings) bool { return s.FixAll }, []string{"expected an object"}},
	} {
		s, problems := parseSettings(defaultSettings(), []byte(tc.json), known)
		if !tc.check(s) {
			t.Errorf("%s: settings %+v", tc.json, s)
		}
		if len(problems) != len(tc.problems) {
			t.Errorf("%s: problems %q, want %d", tc.json, problems, len(tc.problems))
			continue
		}
		for i, p := range problems {
			if !strings.Contains(p, tc.problems[i]) {
				t.Errorf("%s: problem %q, want it to say %q", tc.json, p, tc.problems[i])
			}
		}
	}
}

func TestBadSettingsAreShownAndIgnored(t *testing.T) {
	c := start(t, options{initOpts: map[string]any{"asynclint": map[string]any{
		"select": 5, "debounceMs": "soon", "ignore": []string{"AL202"},
	}}})
	if got := c.shown("asynclint.select", "expected a list").Type; got != protocol.MessageTypeWarning {
		t.Errorf("message type %v, want a warning", got)
	}
	c.shown("asynclint.debounceMs")
	u := uri.File(filepath.Join(t.TempDir(), "sample.py"))
	c.open(u, sample)
	// The good setting applies; the bad ones keep their defaults.
	if got := codes(c.diagnostics(u, 1)); !slices.Equal(got, []string{"AL201", "AL101"}) {
		t.Errorf("codes = %v, want AL202 ignored", got)
	}
}

func TestConfigFiles(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"asynclint.toml": "select = [\n"})
	c := start(t, options{folders: []string{dir}, watch: true})
	c.waitFor("the watcher's registration", func() bool {
		return len(c.registrations) == 1 && c.registrations[0].Method == protocol.MethodWorkspaceDidChangeWatchedFiles
	})
	u := uri.File(filepath.Join(dir, "pkg", "sample.py"))
	c.open(u, sample)
	c.shown(filepath.Join(dir, "asynclint.toml"), "line", "using the default configuration")
	if got := codes(c.diagnostics(u, 1)); !slices.Equal(got, []string{"AL201", "AL202", "AL101"}) {
		t.Errorf("with a broken configuration: codes = %v, want the defaults'", got)
	}

	// ASYNC251 is flake8-async's code for AL201.
	writeFiles(t, dir, map[string]string{"asynclint.toml": "ignore = [\"ASYNC251\"]\n"})
	changed := func(name string) {
		c.watched(protocol.FileEvent{URI: uri.File(filepath.Join(dir, name)), Type: protocol.FileChangeTypeChanged})
	}
	changed("asynclint.toml")
	c.latest(u, "AL201 ignored", func(d []protocol.Diagnostic) bool { return slices.Equal(codes(d), []string{"AL202", "AL101"}) })

	// A nearer configuration file applies to the files below it.
	writeFiles(t, dir, map[string]string{"pkg/pyproject.toml": "[tool.asynclint]\nignore = [\"AL1\"]\n"})
	changed("pkg/pyproject.toml")
	c.latest(u, "AL101 ignored", func(d []protocol.Diagnostic) bool { return slices.Equal(codes(d), []string{"AL201", "AL202"}) })

	// Other files do not matter. (The checks that the new configuration
	// started, the index being built again, end first.)
	n := len(c.versions(u))
	for quiet := 0; quiet < 3; {
		time.Sleep(300 * time.Millisecond)
		if m := len(c.versions(u)); m == n {
			quiet++
		} else {
			n, quiet = m, 0
		}
	}
	changed("pkg/notes.txt")
	time.Sleep(100 * time.Millisecond)
	if len(c.versions(u)) != n {
		t.Errorf("re-checked after a change to another file")
	}
}

func TestMultiRootSettings(t *testing.T) {
	root := t.TempDir()
	a, b := filepath.Join(root, "a"), filepath.Join(root, "b")
	writeFiles(t, root, map[string]string{
		"a/pyproject.toml": "[tool.asynclint]\nignore = [\"AL201\"]\n",
		"b/.keep":          "",
	})
	settings := map[string]any{} // by scope; "" for the global settings
	c := start(t, options{folders: []string{a, b}, config: true, settings: func(item protocol.ConfigurationItem) any {
		if item.ScopeURI == nil {
			return settings[""]
		}
		return settings[item.ScopeURI.FsPath()]
	}})
	ua, ub := uri.File(filepath.Join(a, "m.py")), uri.File(filepath.Join(b, "m.py"))
	c.open(ua, sample)
	c.open(ub, sample)
	if got := codes(c.diagnostics(ua, 1)); !slices.Equal(got, []string{"AL202", "AL101"}) {
		t.Errorf("folder a: codes = %v, want its pyproject.toml's", got)
	}
	if got := codes(c.diagnostics(ub, 1)); !slices.Equal(got, []string{"AL201", "AL202", "AL101"}) {
		t.Errorf("folder b: codes = %v, want the defaults", got)
	}

	settings[b] = map[string]any{"ignore": []string{"AL101"}, "targetVersion": "py2"}
	settings[""] = map[string]any{"extendSelect": []string{"AL2"}}
	if err := c.server.DidChangeConfiguration(ctx(t), &protocol.DidChangeConfigurationParams{Settings: []byte("null")}); err != nil {
		t.Fatal(err)
	}
	c.shown("asynclint.targetVersion", "py2")
	c.latest(ub, "folder b's settings", func(d []protocol.Diagnostic) bool { return slices.Equal(codes(d), []string{"AL201", "AL202"}) })
	if got := codes(c.latest(ua, "folder a's diagnostics", func([]protocol.Diagnostic) bool { return true })); !slices.Equal(got, []string{"AL202", "AL101"}) {
		t.Errorf("folder a: codes = %v, unchanged by folder b's settings", got)
	}
}

func TestRuleDocsURL(t *testing.T) {
	c := start(t, options{initOpts: map[string]any{"ruleDocsURL": "https://docs.example.org/asynclint/rules/"}})
	u := uri.File(filepath.Join(t.TempDir(), "sample.py"))
	c.open(u, sample)
	if href := c.diagnostics(u, 1)[0].CodeDescription.Href; href != "https://docs.example.org/asynclint/rules/AL201" {
		t.Errorf("codeDescription = %q", href)
	}
}

func TestWorkspaceScanProgress(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"app/main.py":             "",
		"app/util.py":             "",
		"tests/test_main.py":      "",
		"README.md":               "",
		".venv/pyvenv.cfg":        "",
		".venv/lib/site.py":       "",
		"build/generated.py":      "",
		"asynclint.toml":          "exclude = [\"tests/\"]\n",
		"notes/.gitignore":        "*.py\n",
		"notes/scratch.py":        "",
		"notes/keep/nothing.toml": "",
	})
	os.Mkdir(filepath.Join(dir, ".git"), 0o755)
	c := start(t, options{folders: []string{dir}, progress: true})
	var got []string
	c.waitFor("the end of the scan", func() bool {
		got = slices.Clone(c.progress)
		return len(got) > 0 && strings.HasPrefix(got[len(got)-1], "end")
	})
	folder := filepath.Base(dir)
	want := []string{"begin asynclint: indexing the workspace", "report reading 1/2 files in " + folder, "report reading 2/2 files in " + folder, "end 2 Python files"}
	if !slices.Equal(got, want) {
		t.Errorf("progress %q, want %q", got, want)
	}
}
