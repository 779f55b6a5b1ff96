package config

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// catalog is known with the other tools' codes of two rules.
var catalog = Catalog{Codes: known, SameAs: map[string][]string{
	"AL201": {"ASYNC251"},
	"AL401": {"RUF006", "ASYNC300"},
}}

func TestOtherToolsCodes(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"asynclint.toml": `
ignore = ["ASYNC251"]
extend-select = ["RUF006"]
[per-file-ignores]
"tests/**" = ["ASYNC3"]
`})
	c, err := find(dir, &catalog)
	if err != nil {
		t.Fatal(err)
	}
	if c.Enabled("AL201", true, "a.py") || !c.Enabled("AL202", true, "a.py") {
		t.Error("ignore = [ASYNC251] should turn AL201 off, and only it")
	}
	if !c.Enabled("AL401", false, "a.py") || c.Enabled("AL401", false, filepath.Join(dir, "tests", "a.py")) {
		t.Error("extend-select = [RUF006] and per-file-ignores ASYNC3 should decide AL401")
	}
	// An editor's settings on top keep the other tools' codes.
	if err := c.Override(nil, nil, []string{"AL3"}, "", known); err != nil || c.Enabled("AL201", true, "a.py") {
		t.Errorf("Override forgets ASYNC251: %v", err)
	}
	writeFiles(t, dir, map[string]string{"asynclint.toml": `ignore = ["ASYNC999"]`})
	if _, err := find(dir, &catalog); err == nil || !strings.Contains(err.Error(), `unknown rule selector "ASYNC999"`) {
		t.Errorf("unknown other code: %v", err)
	}
	r, err := NewResolver(catalog, Overrides{Ignore: []string{"ASYNC251"}}, "")
	if err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(dir, "asynclint.toml"))
	if r.For(filepath.Join(dir, "a.py")).Enabled("AL201", true, "a.py") {
		t.Error("--ignore ASYNC251 should turn AL201 off")
	}
}

func TestExtend(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"pyproject.toml": `
[project]
requires-python = ">=3.11"
[tool.asynclint]
ignore = ["AL201"]
extend-select = ["AL506"]
exclude = ["/tests/fixtures/", "build/", "/docs/"]
allow-top-level-await = true
[tool.asynclint.per-file-ignores]
"tests/unit/*.py" = ["AL202"]
[tool.asynclint.blocking]
"mylib.get" = "mylib.aget"
`,
		"tests/pyproject.toml": `
[tool.asynclint]
extend = "../pyproject.toml"
extend-select = ["AL201"]
extend-exclude = ["/generated/"]
target-version = "py39"
`,
		"examples/asynclint.toml": "extend = \"../pyproject.toml\"\nselect = [\"AL3\"]\n",
	})
	r, err := NewResolver(catalog, Overrides{}, "")
	if err != nil {
		t.Fatal(err)
	}
	tests := r.For(filepath.Join(dir, "tests", "unit", "test_a.py"))
	if tests.Path != filepath.Join(dir, "tests", "pyproject.toml") || !reflect.DeepEqual(tests.Extends, []string{filepath.Join(dir, "pyproject.toml")}) {
		t.Fatalf("tests: Path %s, Extends %q", tests.Path, tests.Extends)
	}
	// The child's extend-select comes after the parent's ignore.
	if !tests.Enabled("AL201", true, "x.py") || !tests.Enabled("AL506", false, "x.py") || !tests.Enabled("AL101", true, "x.py") {
		t.Error("tests: rule selection should go on from the parent's")
	}
	if tests.Enabled("AL202", true, filepath.Join(dir, "tests", "unit", "test_a.py")) || !tests.Enabled("AL202", true, filepath.Join(dir, "tests", "test_b.py")) {
		t.Error("tests: the parent's per-file-ignores should apply, relative to the parent")
	}
	if want := []string{"/fixtures/", "build/", "/generated/"}; !reflect.DeepEqual(tests.Exclude, want) {
		t.Errorf("tests: Exclude %q, want %q", tests.Exclude, want)
	}
	s := tests.Settings
	if s.TargetVersion != (Version{3, 9}) || !s.TopLevelAwait || s.Blocking.Calls["mylib.get"] != "mylib.aget" {
		t.Errorf("tests: settings %+v", s)
	}
	if tests.Origins["target-version"] != tests.Path || tests.Origins["blocking"] != filepath.Join(dir, "pyproject.toml") {
		t.Errorf("tests: origins %q", tests.Origins)
	}
	examples := r.For(filepath.Join(dir, "examples", "e.py"))
	if examples.Enabled("AL101", true, "e.py") || !examples.Enabled("AL301", true, "e.py") || examples.Settings.TargetVersion != (Version{3, 11}) {
		t.Error("examples: select should start afresh; the target version comes from the parent's requires-python")
	}
	for _, path := range []string{"tests/unit/test_a.py", "examples/e.py", "src/m.py", "."} {
		if got := r.Root(filepath.Join(dir, path)); got != dir {
			t.Errorf("Root(%s) = %s, want %s", path, got, dir)
		}
	}
}

func TestExtendErrors(t *testing.T) {
	for _, tt := range []struct {
		files map[string]string
		want  string
	}{
		{map[string]string{"asynclint.toml": `extend = "missing.toml"`}, "asynclint.toml: extend: missing.toml: no such file"},
		{map[string]string{"asynclint.toml": `extend = "b.toml"`, "b.toml": `extend = "asynclint.toml"`}, "extends itself"},
		{map[string]string{"asynclint.toml": `extend = 3`}, "extend: expected the path"},
		{map[string]string{"asynclint.toml": `extend = "b.toml"`, "b.toml": `selct = []`}, "b.toml: selct: unknown key"},
	} {
		dir := t.TempDir()
		writeFiles(t, dir, tt.files)
		if _, err := find(dir, &catalog); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: error %v, want %s", tt.files, err, tt.want)
		}
	}
}

func TestRebase(t *testing.T) {
	tests := []struct {
		pattern, from, to string
		want              string
		ok                bool
	}{
		{"build/", "/p", "/p/tests", "build/", true},
		{"*.pyc", "/p", "/p/tests", "*.pyc", true},
		{"/tests/fixtures/", "/p", "/p/tests", "/fixtures/", true},
		{"tests/fixtures/*.py", "/p", "/p/tests", "/fixtures/*.py", true},
		{"t*/fixtures/", "/p", "/p/tests", "/fixtures/", true},
		{"/docs/", "/p", "/p/tests", "", false},
		{"/tests/", "/p", "/p/tests", "", false},
		{"**/gen/*.py", "/p", "/p/tests", "/**/gen/*.py", true},
		{"!tests/keep.py", "/p", "/p/tests", "!/keep.py", true},
		{"src/gen.py", "/p/sub", "/p", "/sub/src/gen.py", true},
		{"src/gen.py", "/p/a", "/p/b", "", false},
		{"src/gen.py", "/p", "/p", "src/gen.py", true},
	}
	for _, tt := range tests {
		got, ok := rebase(tt.pattern, filepath.FromSlash(tt.from), filepath.FromSlash(tt.to))
		if got != tt.want || ok != tt.ok {
			t.Errorf("rebase(%q, %s, %s) = %q, %v; want %q, %v", tt.pattern, tt.from, tt.to, got, ok, tt.want, tt.ok)
		}
	}
}

func TestResolver(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		".git/HEAD":             "",
		"asynclint.toml":        "ignore = [\"AL1\"]\n",
		"sub/asynclint.toml":    "select = [\"AL2\"]\n",
		"bad/pyproject.toml":    "[tool.asynclint]\nselect = 1\n",
		"plain/pyproject.toml":  "[project]\nname = \"p\"\n",
		"other/setup.cfg":       "",
		"other/mod/m.py":        "",
		"nb/asynclint.toml":     "",
		"fixed/asynclint.toml":  "select = [\"AL5\"]\n",
		"sub/deeper/pkg/x.py":   "",
		"plain/src/pkg/mod.py":  "",
		"bad/inner/mod.py":      "",
		"nb/analysis.ipynb":     "{}",
		"sub/deeper/pkg/y.py":   "",
		"fixed/unused.py":       "",
		"plain/src/pkg/more.py": "",
	})
	r, err := NewResolver(catalog, Overrides{ExtendSelect: []string{"AL506"}}, "")
	if err != nil {
		t.Fatal(err)
	}
	at := func(p string) string { return filepath.Join(dir, filepath.FromSlash(p)) }
	if c := r.For(at("sub/deeper/pkg/x.py")); c.Path != at("sub/asynclint.toml") || c.Enabled("AL101", true, "x.py") || !c.Enabled("AL506", false, "x.py") {
		t.Errorf("sub: %s", c.Path)
	}
	if c := r.For(at("sub/deeper/pkg/y.py")); c != r.For(at("sub/deeper/pkg/x.py")) {
		t.Error("files of one directory should share their configuration")
	}
	if c := r.For(at("plain/src/pkg/mod.py")); c.Path != at("asynclint.toml") || c.Enabled("AL101", true, "m.py") {
		t.Errorf("plain: %s", c.Path)
	}
	if c := r.For(at("nb/analysis.ipynb")); !c.Settings.TopLevelAwait || r.For(at("nb/x.py")).Settings.TopLevelAwait {
		t.Error("notebooks, and only they, should allow top-level await")
	}
	if r.Err() != nil {
		t.Fatalf("Err before the broken file: %v", r.Err())
	}
	if c := r.For(at("bad/inner/mod.py")); c.Path != at("asynclint.toml") {
		t.Errorf("bad: %s", c.Path)
	}
	if err := r.Err(); err == nil || !strings.Contains(err.Error(), "select: expected a list of strings") {
		t.Errorf("Err: %v", err)
	}
	if c, ok := r.Owns(at("sub")); !ok || c.Path != at("sub/asynclint.toml") {
		t.Error("Owns(sub)")
	}
	if _, ok := r.Owns(at("sub/deeper")); ok {
		t.Error("Owns(sub/deeper)")
	}
	for p, want := range map[string]string{"sub/deeper/pkg/x.py": "sub", "plain/src/pkg": "", "other/mod/m.py": ""} {
		if got := r.Root(at(p)); got != at(want) {
			t.Errorf("Root(%s) = %s, want %s", p, got, at(want))
		}
	}

	fixed, err := NewResolver(catalog, Overrides{}, at("fixed/asynclint.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if c := fixed.For(at("sub/deeper/pkg/x.py")); c.Path != at("fixed/asynclint.toml") || c.Enabled("AL201", true, "x.py") {
		t.Errorf("--config: %s", c.Path)
	}
	if got := fixed.Root(at("other/mod/m.py")); got != at("other") {
		t.Errorf("--config: Root(other/mod/m.py) = %s, want the directory of setup.cfg", got)
	}
	if _, err := NewResolver(catalog, Overrides{Select: []string{"AL9"}}, ""); err == nil || !strings.HasPrefix(err.Error(), "--select:") {
		t.Errorf("bad override: %v", err)
	}
}

func TestInclude(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"asynclint.toml":      "extend-include = [\"*.pyw\", \"scripts/*\"]\n",
		"only/asynclint.toml": "include = [\"*.py\"]\n",
	})
	r, _ := NewResolver(catalog, Overrides{}, "")
	at := func(p string) string { return filepath.Join(dir, filepath.FromSlash(p)) }
	for p, want := range map[string]bool{
		"a.py": true, "n.ipynb": true, "w.pyw": true, "scripts/run": true, "sub/scripts/run": false, "a.txt": false,
		"only/a.py": true, "only/n.ipynb": false,
	} {
		if got := r.For(at(p)).Includes(at(p)); got != want {
			t.Errorf("Includes(%s) = %v, want %v", p, got, want)
		}
	}
}
