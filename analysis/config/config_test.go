package config

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// known is the rule catalog's codes.
var known = []string{
	"AL101", "AL102", "AL103",
	"AL201", "AL202", "AL203", "AL204", "AL205", "AL206", "AL207", "AL208", "AL209", "AL210",
	"AL301", "AL302", "AL303", "AL304", "AL305", "AL306",
	"AL401", "AL402", "AL403", "AL404",
	"AL501", "AL502", "AL503", "AL504", "AL505", "AL506",
}

// writeFiles creates files (slash-separated names relative to dir) with
// their contents.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// load writes content as the file name in a new directory and loads it.
func load(t *testing.T, name, content string) (*Config, error) {
	t.Helper()
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{name: content})
	c, err := Load(filepath.Join(dir, name), known)
	if err != nil {
		// Report errors relative to dir so that tests can compare them.
		return nil, &relError{strings.TrimPrefix(err.Error(), dir+string(filepath.Separator))}
	}
	return c, nil
}

type relError struct{ msg string }

func (e *relError) Error() string { return e.msg }

func TestFind(t *testing.T) {
	const (
		table   = "[tool.asynclint]\nselect = [\"AL1\"]\n"
		noTable = "[project]\nname = \"x\"\n[tool.ruff]\nline-length = 100\n"
	)
	tests := []struct {
		name  string
		files map[string]string
		start string // directory to search from
		want  string // the file found; "" for defaults
	}{
		{"nothing", map[string]string{"a/b.py": ""}, "a", ""},
		{"asynclint.toml", map[string]string{"asynclint.toml": ""}, ".", "asynclint.toml"},
		{"hidden", map[string]string{".asynclint.toml": ""}, ".", ".asynclint.toml"},
		{"pyproject with table", map[string]string{"pyproject.toml": table}, ".", "pyproject.toml"},
		{"pyproject without table", map[string]string{"pyproject.toml": noTable}, ".", ""},
		{
			"asynclint.toml before hidden and pyproject",
			map[string]string{"asynclint.toml": "", ".asynclint.toml": "", "pyproject.toml": table},
			".", "asynclint.toml",
		},
		{
			"hidden before pyproject",
			map[string]string{".asynclint.toml": "", "pyproject.toml": table},
			".", ".asynclint.toml",
		},
		{
			"upward",
			map[string]string{"pyproject.toml": table, "a/b/c/x.py": ""},
			"a/b/c", "pyproject.toml",
		},
		{
			"pyproject without table skipped",
			map[string]string{"asynclint.toml": "", "sub/pyproject.toml": noTable},
			"sub", "asynclint.toml",
		},
		{
			"nearest wins",
			map[string]string{"asynclint.toml": "", "sub/pyproject.toml": table},
			"sub", "sub/pyproject.toml",
		},
		{
			"nearest asynclint.toml over outer pyproject",
			map[string]string{"pyproject.toml": table, "sub/.asynclint.toml": ""},
			"sub/deeper/..", "sub/.asynclint.toml",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, tt.files)
			start := filepath.Join(dir, tt.start)
			if err := os.MkdirAll(start, 0o755); err != nil {
				t.Fatal(err)
			}
			c, err := Find(start, known)
			if err != nil {
				t.Fatal(err)
			}
			wantPath, wantRoot := "", start
			if tt.want != "" {
				wantPath = filepath.Join(dir, filepath.FromSlash(tt.want))
				wantRoot = filepath.Dir(wantPath)
			}
			if c.Path != wantPath || c.Root != wantRoot {
				t.Errorf("Find(%s) = Path %q, Root %q; want %q, %q", tt.start, c.Path, c.Root, wantPath, wantRoot)
			}
			if c.Path == "" && (c.Select != nil || !reflect.DeepEqual(c.Settings, *DefaultSettings())) {
				t.Errorf("defaults: Select %q, Settings %+v", c.Select, c.Settings)
			}
		})
	}
}

func TestFindError(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"pyproject.toml": "[tool.asynclint]\nselect = \"AL1\"\n"})
	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	_, err := Find(sub, known)
	want := filepath.Join(dir, "pyproject.toml") + ": [tool.asynclint] select: expected a list of strings, got a string"
	if err == nil || err.Error() != want {
		t.Errorf("Find: error %v, want %s", err, want)
	}
}

func TestLoad(t *testing.T) {
	const keys = `
select = ["AL1", "AL20"]
extend-select = ["AL506"]
ignore = ["AL102"]
extend-exclude = ["build/"]
exclude = [".venv", "*.ipynb"]
target-version = "py312"
allow-top-level-await = true

[per-file-ignores]
"tests/**" = ["AL2"]
"__init__.py" = ["ALL"]
"a/*.py" = []

[blocking]
"mylib.fetch" = "use mylib.afetch"
allow = ["os.path", "mylib.cache.get"]
`
	want := &Config{
		Select:       []string{"AL1", "AL20"},
		ExtendSelect: []string{"AL506"},
		Ignore:       []string{"AL102"},
		Exclude:      []string{".venv", "*.ipynb", "build/"},
		PerFileIgnores: []PerFileIgnore{
			{"tests/**", []string{"AL2"}},
			{"__init__.py", []string{"ALL"}},
			{"a/*.py", []string{}},
		},
		Settings: Settings{TargetVersion: Version{Major: 3, Minor: 12}, TopLevelAwait: true,
			Blocking: BlockingSettings{
				Calls: map[string]string{"mylib.fetch": "use mylib.afetch"},
				Allow: []string{"os.path", "mylib.cache.get"},
			}},
	}
	pyproject := "[project]\nrequires-python = \">=3.9\"\n\n[tool.asynclint]\n" +
		strings.NewReplacer("[per-file-ignores]", "[tool.asynclint.per-file-ignores]", "[blocking]", "[tool.asynclint.blocking]").Replace(keys)
	for _, f := range []struct{ name, content string }{
		{"asynclint.toml", keys},
		{".asynclint.toml", keys},
		{"pyproject.toml", pyproject},
	} {
		t.Run(f.name, func(t *testing.T) {
			c, err := load(t, f.name, f.content)
			if err != nil {
				t.Fatal(err)
			}
			if filepath.Base(c.Path) != f.name || c.Root != filepath.Dir(c.Path) || !filepath.IsAbs(c.Path) {
				t.Errorf("Path %q, Root %q", c.Path, c.Root)
			}
			got := *c
			got.Path, got.Root, got.m = "", "", nil
			got.Origins, got.extendExclude = nil, nil
			if !reflect.DeepEqual(&got, want) {
				t.Errorf("Load:\n got %+v\nwant %+v", &got, want)
			}
		})
	}
}

func TestLoadEmpty(t *testing.T) {
	for _, f := range []struct{ name, content string }{
		{"asynclint.toml", ""},
		{"pyproject.toml", "[tool.asynclint]\n"},
		{"pyproject.toml", "[project]\nname = \"x\"\n"},
		{"custom.toml", "# nothing\n"},
	} {
		c, err := load(t, f.name, f.content)
		if err != nil {
			t.Fatalf("%s %q: %v", f.name, f.content, err)
		}
		if c.Select != nil || c.ExtendSelect != nil || c.Ignore != nil || c.Exclude != nil ||
			c.PerFileIgnores != nil || !reflect.DeepEqual(c.Settings, *DefaultSettings()) {
			t.Errorf("%s %q: got %+v, want defaults", f.name, f.content, c)
		}
	}
}

func TestLoadSelectEmpty(t *testing.T) {
	// select = [] selects nothing, unlike an absent select.
	c, err := load(t, "asynclint.toml", "select = []\n")
	if err != nil {
		t.Fatal(err)
	}
	if c.Select == nil || c.Enabled("AL101", true, "a.py") {
		t.Errorf("select = []: Select %#v, AL101 enabled %v", c.Select, c.Enabled("AL101", true, "a.py"))
	}
}

func TestPerFileIgnoresOrder(t *testing.T) {
	for _, content := range []string{
		"[per-file-ignores]\n\"z/*\" = [\"AL1\"]\n\"a/*\" = [\"AL2\"]\n\"m/*\" = [\"AL3\"]\n",
		"per-file-ignores = { \"z/*\" = [\"AL1\"], \"a/*\" = [\"AL2\"], \"m/*\" = [\"AL3\"] }\n",
		"per-file-ignores.\"z/*\" = [\"AL1\"]\nper-file-ignores.\"a/*\" = [\"AL2\"]\nper-file-ignores.\"m/*\" = [\"AL3\"]\n",
	} {
		c, err := load(t, "asynclint.toml", content)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, p := range c.PerFileIgnores {
			got = append(got, p.Pattern)
		}
		if want := []string{"z/*", "a/*", "m/*"}; !reflect.DeepEqual(got, want) {
			t.Errorf("%q: patterns %q, want %q", content, got, want)
		}
	}
}

func TestHasFileIgnores(t *testing.T) {
	c, err := load(t, "asynclint.toml", "[per-file-ignores]\n\"tests/*\" = [\"AL2\"]\n")
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]bool{
		filepath.Join(c.Root, "tests", "a.py"): true,
		filepath.Join(c.Root, "src", "a.py"):   false,
	} {
		if got := c.HasFileIgnores(path); got != want {
			t.Errorf("HasFileIgnores(%s) = %v, want %v", path, got, want)
		}
	}
	if !(&Config{}).HasFileIgnores("a.py") {
		t.Error("a Config not made by the package: HasFileIgnores is false, want true")
	}
}

func TestTargetVersion(t *testing.T) {
	def := DefaultTargetVersion
	tests := []struct {
		requires string // requires-python; "-" for none
		target   string // target-version; "" for none
		want     Version
	}{
		{"-", "", def},
		{">=3.9", "", Version{Major: 3, Minor: 9}},
		{">=3.10,<4", "", Version{Major: 3, Minor: 10}},
		{"~=3.11", "", Version{Major: 3, Minor: 11}},
		{"~=3.11.2", "", Version{Major: 3, Minor: 11}},
		{">3.8", "", Version{Major: 3, Minor: 9}},
		{">3.8.1", "", Version{Major: 3, Minor: 8}},
		{"==3.12.*", "", Version{Major: 3, Minor: 12}},
		{" >= 3.11 , != 3.11.1 ", "", Version{Major: 3, Minor: 11}},
		{">=3.9, >=3.11", "", Version{Major: 3, Minor: 11}},
		{">=3.6", "", Version{Major: 3, Minor: 8}},   // below py38
		{">=3.99", "", Version{Major: 3, Minor: 14}}, // beyond py314
		{"<4", "", def},
		{"!=3.9", "", def},
		{"", "", def},
		{"3.9", "", def},
		{">=three", "", def},
		{">=3.9,", "", def},
		{">=3.9", "py313", Version{Major: 3, Minor: 13}},
		{"-", "py38", Version{Major: 3, Minor: 8}},
		{"-", "py314", Version{Major: 3, Minor: 14}},
	}
	for _, tt := range tests {
		content := "[tool.asynclint]\n"
		if tt.target != "" {
			content += "target-version = \"" + tt.target + "\"\n"
		}
		if tt.requires != "-" {
			content += "[project]\nrequires-python = \"" + tt.requires + "\"\n"
		}
		c, err := load(t, "pyproject.toml", content)
		if err != nil {
			t.Fatal(err)
		}
		if c.Settings.TargetVersion != tt.want {
			t.Errorf("requires-python %q, target-version %q: got %v, want %v", tt.requires, tt.target, c.Settings.TargetVersion, tt.want)
		}
	}

	// Only a pyproject.toml's own [project] table counts.
	c, err := load(t, "asynclint.toml", "[project]\nrequires-python = \">=3.12\"\n")
	if err == nil || c != nil {
		t.Errorf("asynclint.toml with [project]: got %+v, want an unknown key error", c)
	}
}

func TestLoadErrors(t *testing.T) {
	const valid = "allow-top-level-await, blocking, exclude, extend, extend-exclude, extend-include, extend-select, ignore, include, per-file-ignores, select, target-version"
	tests := []struct {
		name, content, want string
	}{
		{"pyproject.toml", "[tool.asynclint]\nselct = [\"AL1\"]\n",
			"pyproject.toml: [tool.asynclint] selct: unknown key (valid keys: " + valid + ")"},
		{"asynclint.toml", "select = [\"AL1\"]\nextend_select = [\"AL2\"]\n",
			"asynclint.toml: extend_select: unknown key (valid keys: " + valid + ")"},
		{"asynclint.toml", "[tool.asynclint]\nselect = [\"AL1\"]\n",
			"asynclint.toml: tool: unknown key (valid keys: " + valid + ")"},
		{"pyproject.toml", "[tool.asynclint]\n\"bad key\" = 1\n",
			"pyproject.toml: [tool.asynclint] \"bad key\": unknown key"},
		{"pyproject.toml", "[tool.asynclint]\nselect = \"AL1\"\n",
			"pyproject.toml: [tool.asynclint] select: expected a list of strings, got a string"},
		{"pyproject.toml", "[tool.asynclint]\nignore = [\"AL1\", 2]\n",
			"pyproject.toml: [tool.asynclint] ignore: expected a list of strings, but item 2 is an integer"},
		{"asynclint.toml", "exclude = { a = 1 }\n",
			"asynclint.toml: exclude: expected a list of strings, got a table"},
		{"asynclint.toml", "extend-exclude = [[\"a\"]]\n",
			"asynclint.toml: extend-exclude: expected a list of strings, but item 1 is a list"},
		{"asynclint.toml", "[[select]]\n",
			"asynclint.toml: select: expected a list of strings, got an array of tables"},
		{"pyproject.toml", "[tool.asynclint]\nselect = [\"AL9\"]\n",
			"pyproject.toml: [tool.asynclint] select: unknown rule selector \"AL9\" (no rule code starts with it)"},
		{"asynclint.toml", "extend-select = [\"al1\"]\n",
			"asynclint.toml: extend-select: unknown rule selector \"al1\""},
		{"asynclint.toml", "ignore = [\"\"]\n", "asynclint.toml: ignore: unknown rule selector \"\""},
		{"asynclint.toml", "ignore = [\"A\"]\n", "asynclint.toml: ignore: unknown rule selector \"A\""},
		{"asynclint.toml", "select = [\"AL1011\"]\n", "asynclint.toml: select: unknown rule selector \"AL1011\""},
		{"pyproject.toml", "[tool.asynclint]\ntarget-version = \"py27\"\n",
			"pyproject.toml: [tool.asynclint] target-version: unsupported target version \"py27\" (expected one of py38, py39, py310, py311, py312, py313, py314)"},
		{"asynclint.toml", "target-version = \"3.11\"\n", "asynclint.toml: target-version: unsupported target version \"3.11\""},
		{"asynclint.toml", "target-version = \"py315\"\n", "asynclint.toml: target-version: unsupported target version \"py315\""},
		{"asynclint.toml", "target-version = 311\n",
			"asynclint.toml: target-version: expected a string such as \"py311\", got an integer"},
		{"asynclint.toml", "allow-top-level-await = \"yes\"\n",
			"asynclint.toml: allow-top-level-await: expected true or false, got a string"},
		{"asynclint.toml", "blocking = [\"x\"]\n", "asynclint.toml: blocking: expected a table, got a list"},
		{"asynclint.toml", "[blocking]\n\"a.b\" = 1\n", "asynclint.toml: [blocking] \"a.b\": expected the replacement to suggest, as a string, got an integer"},
		{"asynclint.toml", "[blocking]\nallow = \"os\"\n", "asynclint.toml: [blocking] allow: expected a list of strings, got a string"},
		{"asynclint.toml", "[blocking]\n\"not a name\" = \"x\"\n", "asynclint.toml: [blocking] \"not a name\": expected a qualified name"},
		{"asynclint.toml", "per-file-ignores = [\"x\"]\n",
			"asynclint.toml: per-file-ignores: expected a table of glob pattern = list of rule selectors, got a list"},
		{"pyproject.toml", "[tool.asynclint.per-file-ignores]\n\"tests/*\" = \"AL2\"\n",
			"pyproject.toml: [tool.asynclint.per-file-ignores] \"tests/*\": expected a list of strings, got a string"},
		{"asynclint.toml", "[per-file-ignores]\nsetup_py = [\"AL7\"]\n",
			"asynclint.toml: [per-file-ignores] setup_py: unknown rule selector \"AL7\""},
		{"pyproject.toml", "[tool]\nasynclint = 1.5\n", "pyproject.toml: tool.asynclint: expected a table, got a float"},
		{"asynclint.toml", "select = [\"AL1\"]\n\nselect = [\"AL2\"]\n", "asynclint.toml: line 3: "},
		{"asynclint.toml", "select = [\"AL1\"]\nignore = \n", "asynclint.toml: line 2: "},
		{"pyproject.toml", "[project]\nname = \"x\"\n\n[tool.asynclint\n", "pyproject.toml: line 4: "},
	}
	for _, tt := range tests {
		_, err := load(t, tt.name, tt.content)
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%s %q:\n got error %v\nwant %s", tt.name, tt.content, err, tt.want)
		}
	}
}

func TestLoadMissing(t *testing.T) {
	if _, err := Load(filepath.Join(t.TempDir(), "asynclint.toml"), known); !os.IsNotExist(err) {
		t.Errorf("Load of a missing file: error %v, want not-exist", err)
	}
}

func TestEnabled(t *testing.T) {
	type check struct {
		code      string
		defaultOn bool
		want      bool
	}
	tests := []struct {
		config string
		checks []check
	}{
		{"", []check{{"AL101", true, true}, {"AL506", false, false}}},
		{`ignore = ["AL2"]`, []check{{"AL201", true, false}, {"AL101", true, true}, {"AL101", false, false}}},
		{`extend-select = ["AL506"]`, []check{{"AL506", false, true}, {"AL101", true, true}, {"AL102", false, false}}},
		{
			"extend-select = [\"AL201\"]\nignore = [\"AL2\"]",
			[]check{{"AL201", false, true}, {"AL202", true, false}, {"AL101", true, true}},
		},
		{
			"select = [\"AL2\"]\nignore = [\"AL20\"]",
			[]check{{"AL201", true, false}, {"AL210", false, true}, {"AL101", true, false}},
		},
		{
			"select = [\"AL201\"]\nignore = [\"AL2\"]",
			[]check{{"AL201", true, true}, {"AL202", true, false}},
		},
		{"select = [\"AL2\"]\nignore = [\"AL2\"]", []check{{"AL201", true, false}}},
		{"select = [\"AL201\"]\nignore = [\"AL201\"]", []check{{"AL201", true, false}}},
		{`select = ["ALL"]`, []check{{"AL101", false, true}, {"AL506", false, true}, {"AL999", false, true}}},
		{"select = [\"ALL\"]\nignore = [\"AL1\"]", []check{{"AL101", true, false}, {"AL201", false, true}}},
		{"select = [\"AL\"]\nignore = [\"ALL\"]", []check{{"AL101", true, true}}},
		{"select = [\"AL201\"]\nignore = [\"ALL\"]", []check{{"AL201", true, true}, {"AL202", true, false}}},
		{"select = [\"ALL\"]\nignore = [\"ALL\"]", []check{{"AL201", true, false}}},
		{"select = []\nextend-select = [\"AL3\"]", []check{{"AL301", false, true}, {"AL101", true, false}}},
		{`select = ["AL5"]`, []check{{"AL501", false, true}, {"AL101", true, false}, {"AL599", true, true}}},
	}
	for _, tt := range tests {
		c, err := load(t, "asynclint.toml", tt.config)
		if err != nil {
			t.Fatal(err)
		}
		for _, ch := range tt.checks {
			if got := c.Enabled(ch.code, ch.defaultOn, "a.py"); got != ch.want {
				t.Errorf("%q: Enabled(%s, defaultOn=%v) = %v, want %v", tt.config, ch.code, ch.defaultOn, got, ch.want)
			}
		}
	}
}

func TestPerFileIgnores(t *testing.T) {
	tests := []struct {
		pattern string
		path    string // slash-separated, relative to Root
		want    bool   // whether the pattern applies
	}{
		{"a.py", "a.py", true},
		{"a.py", "pkg/sub/a.py", true},
		{"a.py", "ba.py", false},
		{"__init__.py", "pkg/__init__.py", true},
		{"*.py", "x.py", true},
		{"*.py", "pkg/x.py", true},
		{"*.py", "x.pyi", false},
		{"test_?.py", "tests/test_a.py", true},
		{"test_?.py", "tests/test_ab.py", false},
		{"tests/*.py", "tests/test_a.py", true},
		{"tests/*.py", "tests/unit/test_a.py", false},
		{"tests/*.py", "src/tests/test_a.py", false},
		{"tests/**", "tests/unit/deep/test_a.py", true},
		{"tests/**", "tests", false},
		{"tests/**/*.py", "tests/test_a.py", true},
		{"tests/**/*.py", "tests/a/b/test_a.py", true},
		{"**/tests/*.py", "tests/a.py", true},
		{"**/tests/*.py", "src/pkg/tests/a.py", true},
		{"**/tests/*.py", "src/pkg/tests/x/a.py", false},
		{"**", "any/thing.py", true},
		{"./scripts/*.py", "scripts/run.py", true},
		{"/scripts/*.py", "scripts/run.py", true},
		{"src/**test*.py", "src/mytest_a.py", true},
		{"src/**test*.py", "src/x/mytest_a.py", false},
		{"a?b.py", "a/b.py", false},
		{"[ab].py", "[ab].py", true},
		{"[ab].py", "a.py", false},
		{"a+b(1).py", "a+b(1).py", true},
		{"../outside.py", "../outside.py", true},
		{"*.py", "../outside.py", true},
	}
	root := t.TempDir()
	t.Chdir(root)
	for _, tt := range tests {
		c := &Config{Root: root, PerFileIgnores: []PerFileIgnore{{tt.pattern, []string{"AL2"}}}}
		if err := c.Override(nil, nil, nil, "", known); err != nil {
			t.Fatal(err)
		}
		rel := filepath.FromSlash(tt.path)
		for _, p := range []string{rel, filepath.Join(root, rel)} {
			if got := !c.Enabled("AL201", true, p); got != tt.want {
				t.Errorf("pattern %q, path %q: ignored %v, want %v", tt.pattern, p, got, tt.want)
			}
		}
		if !c.Enabled("AL101", true, rel) {
			t.Errorf("pattern %q, path %q: AL101 ignored, want only AL2", tt.pattern, rel)
		}
	}
}

func TestPerFileIgnoresSelectors(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"asynclint.toml": `
select = ["ALL"]
[per-file-ignores]
"tests/**" = ["AL2", "AL301"]
"__init__.py" = ["ALL"]
`})
	c, err := Find(filepath.Join(dir), known)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		code, path string
		want       bool
	}{
		{"AL201", "tests/a.py", false},
		{"AL301", "tests/a.py", false},
		{"AL302", "tests/a.py", true},
		{"AL201", "src/a.py", true},
		{"AL101", "src/__init__.py", false},
		{"AL101", "tests/__init__.py", false},
		{"AL101", "src/main.py", true},
	}
	for _, tt := range tests {
		// Twice: the second answer comes from the cache.
		for range 2 {
			if got := c.Enabled(tt.code, false, filepath.Join(dir, filepath.FromSlash(tt.path))); got != tt.want {
				t.Errorf("Enabled(%s, %s) = %v, want %v", tt.code, tt.path, got, tt.want)
			}
		}
	}
}

func TestOverride(t *testing.T) {
	const base = "select = [\"AL1\"]\nextend-select = [\"AL201\"]\nignore = [\"AL102\"]\ntarget-version = \"py311\"\n"
	tests := []struct {
		name                string
		sel, extend, ignore []string
		target              string
		wantSel, wantExtend []string
		wantIgnore          []string
		wantTarget          Version
		enabled, notEnabled []string
	}{
		{
			name:       "nothing",
			wantSel:    []string{"AL1"},
			wantExtend: []string{"AL201"},
			wantIgnore: []string{"AL102"},
			wantTarget: Version{Major: 3, Minor: 11},
			enabled:    []string{"AL101", "AL201"},
			notEnabled: []string{"AL102", "AL301"},
		},
		{
			name:       "select replaces",
			sel:        []string{"AL3"},
			wantSel:    []string{"AL3"},
			wantExtend: []string{"AL201"},
			wantIgnore: []string{"AL102"},
			wantTarget: Version{Major: 3, Minor: 11},
			enabled:    []string{"AL301", "AL201"},
			notEnabled: []string{"AL101"},
		},
		{
			name:       "empty select selects nothing",
			sel:        []string{},
			wantSel:    []string{},
			wantExtend: []string{"AL201"},
			wantIgnore: []string{"AL102"},
			wantTarget: Version{Major: 3, Minor: 11},
			enabled:    []string{"AL201"},
			notEnabled: []string{"AL101"},
		},
		{
			name:       "appended",
			extend:     []string{"AL5"},
			ignore:     []string{"AL201", "AL103"},
			target:     "py39",
			wantSel:    []string{"AL1"},
			wantExtend: []string{"AL201", "AL5"},
			wantIgnore: []string{"AL102", "AL201", "AL103"},
			wantTarget: Version{Major: 3, Minor: 9},
			enabled:    []string{"AL101", "AL501"},
			notEnabled: []string{"AL102", "AL103", "AL201"},
		},
	}
	for _, tt := range tests {
		c, err := load(t, "asynclint.toml", base)
		if err != nil {
			t.Fatal(err)
		}
		if err := c.Override(tt.sel, tt.extend, tt.ignore, tt.target, known); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if !reflect.DeepEqual(c.Select, tt.wantSel) || !reflect.DeepEqual(c.ExtendSelect, tt.wantExtend) ||
			!reflect.DeepEqual(c.Ignore, tt.wantIgnore) || c.Settings.TargetVersion != tt.wantTarget {
			t.Errorf("%s: got select %q, extend-select %q, ignore %q, target %v", tt.name, c.Select, c.ExtendSelect, c.Ignore, c.Settings.TargetVersion)
		}
		for _, code := range tt.enabled {
			if !c.Enabled(code, false, "a.py") {
				t.Errorf("%s: %s not enabled", tt.name, code)
			}
		}
		for _, code := range tt.notEnabled {
			if c.Enabled(code, true, "a.py") {
				t.Errorf("%s: %s enabled", tt.name, code)
			}
		}
	}
}

func TestOverrideErrors(t *testing.T) {
	tests := []struct {
		sel, extend, ignore []string
		target              string
		want                string
	}{
		{[]string{"AL9"}, nil, nil, "", `--select: unknown rule selector "AL9"`},
		{nil, []string{"X"}, nil, "", `--extend-select: unknown rule selector "X"`},
		{nil, nil, []string{"AL1", "AL7"}, "", `--ignore: unknown rule selector "AL7"`},
		{[]string{"AL1"}, nil, nil, "py2", `--target-version: unsupported target version "py2"`},
	}
	for _, tt := range tests {
		c, err := load(t, "asynclint.toml", "select = [\"AL2\"]\n")
		if err != nil {
			t.Fatal(err)
		}
		err = c.Override(tt.sel, tt.extend, tt.ignore, tt.target, known)
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("Override(%q, %q, %q, %q): error %v, want %s", tt.sel, tt.extend, tt.ignore, tt.target, err, tt.want)
		}
		if !reflect.DeepEqual(c.Select, []string{"AL2"}) || c.ExtendSelect != nil || c.Ignore != nil ||
			c.Settings.TargetVersion != DefaultTargetVersion {
			t.Errorf("failed Override changed the config: %+v", c)
		}
	}
}

func TestEnabledUnprepared(t *testing.T) {
	// A Config built by hand, not by Find or Load, still answers.
	c := &Config{Select: []string{"AL2"}, PerFileIgnores: []PerFileIgnore{{"tests/*", []string{"AL201"}}}}
	if !c.Enabled("AL202", false, "tests/a.py") || c.Enabled("AL201", true, "tests/a.py") || c.Enabled("AL101", true, "a.py") {
		t.Error("Enabled on a Config built by hand")
	}
}

func FuzzLoad(f *testing.F) {
	f.Add([]byte("[tool.asynclint]\nselect = [\"AL1\"]\n[tool.asynclint.per-file-ignores]\n\"t/**\" = [\"ALL\"]\n"))
	f.Add([]byte("[project]\nrequires-python = \">3.8, <4\"\n[tool.asynclint]\ntarget-version = \"py311\"\n"))
	f.Add([]byte("[tool.asynclint]\nblocking = { calls = [1, 2] }\nallow-top-level-await = true\nexclude = [\"a\"]\n"))
	f.Add([]byte("[tool]\nasynclint = [1]\n"))
	f.Add([]byte("[tool.asynclint\n"))
	f.Add([]byte("[tool.asynclint]\nper-file-ignores = { \"**/a?b/**\" = [\"AL2\"], \"*.py\" = [\"AL101\"] }\nignore = [\"ALL\"]\n"))
	f.Add([]byte("[project]\nrequires-python = \"~=3.99999999999999999999\"\n"))
	dir := f.TempDir()
	path := filepath.Join(dir, "pyproject.toml")
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		c, err := Load(path, known)
		if err != nil {
			return
		}
		for _, code := range known {
			c.Enabled(code, true, filepath.Join(dir, "tests", "a.py"))
		}
	})
}

func TestHugeConfigurationIsRefused(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "asynclint.toml")
	if err := os.WriteFile(path, []byte("# x\n"+strings.Repeat("#", maxFileSize)), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Find(dir, nil)
	if err == nil || !strings.Contains(err.Error(), "larger than the 1 MB") {
		t.Errorf("Find: err = %v, want the size refused", err)
	}
}
