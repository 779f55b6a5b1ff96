package discover

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

// build creates tree under dir. A key ending in "/" is an empty directory;
// any other key is a file holding its value.
func build(t testing.TB, dir string, tree map[string]string) {
	t.Helper()
	for name, data := range tree {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if strings.HasSuffix(name, "/") {
			if err := os.MkdirAll(path, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// touch makes a tree of empty files.
func touch(names ...string) map[string]string {
	tree := make(map[string]string)
	for _, name := range names {
		tree[name] = ""
	}
	return tree
}

// with returns tree plus the given entries.
func with(tree map[string]string, kv ...string) map[string]string {
	for i := 0; i < len(kv); i += 2 {
		tree[kv[i]] = kv[i+1]
	}
	return tree
}

func TestWalk(t *testing.T) {
	var skipped []string
	for name := range skipDirs {
		skipped = append(skipped, name+"/a.py")
	}
	tests := []struct {
		name  string
		tree  map[string]string
		paths []string
		opts  Options // run from the root of tree
		want  []string
	}{{
		name: "skip directories",
		tree: touch(append(skipped,
			"top.py", "pkg/mod.py", "pkg/sub/deep.py", "pkg/__pycache__/mod.py",
			"pkg/nested/node_modules/x.py", "foo.egg-info/a.py",
			"stub.pyi", "mod.pyc", "README.md", "pkg/noext")...),
		paths: []string{"."},
		want:  []string{"pkg/mod.py", "pkg/sub/deep.py", "top.py"},
	}, {
		name: "virtualenv of any name",
		tree: touch("myenv/pyvenv.cfg", "myenv/lib/python3.12/x.py",
			"app/main.py", "app/env/pyvenv.cfg", "app/env/bin/activate.py"),
		paths: []string{"."},
		want:  []string{"app/main.py"},
	}, {
		name:  "spelling follows the path given",
		tree:  touch("src/pkg/mod.py"),
		paths: []string{"src/", "./src", "src//pkg/../pkg"},
		want:  []string{"src/pkg/mod.py"},
	}, {
		name:  "sorted and de-duplicated",
		tree:  touch("b.py", "a.py", "pkg/c.py"),
		paths: []string{"pkg/c.py", "b.py", ".", "b.py", "./pkg"},
		want:  []string{"a.py", "b.py", "pkg/c.py"},
	}, {
		name: "explicit files are always returned",
		tree: with(touch("scripts/tool", "gen.py", "stub.pyi", "build/x.py", ".git/"),
			".gitignore", "gen.py\n"),
		paths: []string{"scripts/tool", "gen.py", "./stub.pyi", "build/x.py"},
		opts:  Options{RespectGitignore: true},
		want:  []string{"build/x.py", "gen.py", "scripts/tool", "stub.pyi"},
	}, {
		name:  "explicit directory with a skipped name",
		tree:  touch("build/a.py", "build/dist/b.py", "build/pkg/c.py", ".venv/pyvenv.cfg", ".venv/lib/d.py"),
		paths: []string{"build/", ".venv"},
		want:  []string{".venv/lib/d.py", "build/a.py", "build/pkg/c.py"},
	}, {
		name: "nested gitignore",
		tree: with(touch(".git/", "main.py", "a.gen.py", "only_top.py", "sub/only_top.py",
			"logs/x.py", "sub/logs/y.py",
			"sub/keep.gen.py", "sub/drop.gen.py", "sub/local.py", "sub/deeper/local.py",
			"tests/fixtures/data.py", "tests/fixtures/a/b/data.py", "tests/fixtures/other.py"),
			".gitignore", "# generated\n*.gen.py\n/only_top.py\nlogs/\n**/fixtures/**/data.py\n",
			"sub/.gitignore", "!keep.gen.py\n/local.py\n"),
		paths: []string{"."},
		opts:  Options{RespectGitignore: true},
		want: []string{"main.py", "sub/deeper/local.py", "sub/keep.gen.py", "sub/only_top.py",
			"tests/fixtures/other.py"},
	}, {
		name: "ignored directory is not entered",
		tree: with(touch("out/keep.py", "out/x.py", "gen/keep.py", "gen/x.py", "gen/sub/y.py",
			"cache/keep.py", "cache/x.py", "cache/sub/keep.py"),
			".gitignore", "out/\n!out/keep.py\ngen/*\n!gen/keep.py\ncache/**\n!cache/keep.py\n"),
		paths: []string{"."},
		opts:  Options{RespectGitignore: true},
		want:  []string{"cache/keep.py", "gen/keep.py"},
	}, {
		name: "git info exclude",
		tree: with(touch("secret.py", "local_a.py", "local_ok.py", "main.py"),
			".git/info/exclude", "secret.py\nlocal_*.py\n",
			".gitignore", "!local_ok.py\n"),
		paths: []string{"."},
		opts:  Options{RespectGitignore: true},
		want:  []string{"local_ok.py", "main.py"},
	}, {
		name: "parent gitignore up to the repository root",
		tree: with(touch("outer/repo/.git/", "outer/repo/src/pkg/a.py",
			"outer/repo/src/pkg/gen/b.py", "outer/repo/src/pkg/c.tmp.py"),
			"outer/.gitignore", "*.py\n", // above the repository: not consulted
			"outer/repo/.gitignore", "gen/\n",
			"outer/repo/src/.gitignore", "*.tmp.py\n"),
		paths: []string{"outer/repo/src/pkg"},
		opts:  Options{RespectGitignore: true},
		want:  []string{"outer/repo/src/pkg/a.py"},
	}, {
		name:  "repository in a worktree",
		tree:  with(touch("sub/x.py", "sub/y.py"), ".git", "gitdir: /nowhere\n", ".gitignore", "x.py\n"),
		paths: []string{"sub"},
		opts:  Options{RespectGitignore: true},
		want:  []string{"sub/y.py"},
	}, {
		name:  "gitignore outside a repository",
		tree:  with(touch("outer/inner/a.py", "outer/b.py"), "outer/.gitignore", "*.py\n"),
		paths: []string{"outer/inner", "outer"},
		opts:  Options{RespectGitignore: true},
		want:  []string{"outer/inner/a.py"},
	}, {
		name:  "explicit directory is walked although gitignored",
		tree:  with(touch(".git/", "gen/a.py"), ".gitignore", "gen/\n"),
		paths: []string{"gen"},
		opts:  Options{RespectGitignore: true},
		want:  []string{"gen/a.py"},
	}, {
		name:  "gitignore off",
		tree:  with(touch("a.py"), ".gitignore", "*.py\n"),
		paths: []string{"."},
		want:  []string{"a.py"},
	}, {
		name: "exclude",
		tree: touch("top.py", "app/top.py", "app/migrations/0001.py", "app/api_pb2.py", "app/views.py",
			"gen/out.py", "gen/a/b/out.py", "app/gen/x/out.py"),
		paths: []string{"."},
		opts:  Options{Exclude: []string{"migrations/", "*_pb2.py", "/top.py", "gen/**/out.py"}},
		want:  []string{"app/gen/x/out.py", "app/top.py", "app/views.py"},
	}, {
		name:  "exclude relative to its root",
		tree:  touch("top.py", "app/top.py"),
		paths: []string{"."},
		opts:  Options{Exclude: []string{"/top.py"}, ExcludeRoot: "app"},
		want:  []string{"top.py"},
	}, {
		name:  "exclude with negation",
		tree:  touch("a.py", "keep.py", "pkg/keep.py"),
		paths: []string{"."},
		opts:  Options{Exclude: []string{"*.py", "!keep.py"}},
		want:  []string{"keep.py", "pkg/keep.py"},
	}, {
		name:  "exclude applies to explicit paths",
		tree:  touch("app/migrations/0001.py", "app/api_pb2.py", "app/views.py"),
		paths: []string{"app/migrations/0001.py", "app/api_pb2.py", "app/migrations", "app/views.py"},
		opts:  Options{Exclude: []string{"migrations/", "*_pb2.py"}},
		want:  []string{"app/views.py"},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			build(t, dir, tt.tree)
			t.Chdir(dir)
			got, errs := Walk(tt.paths, tt.opts)
			for _, err := range errs {
				t.Error(err)
			}
			want := make([]string, len(tt.want))
			for i, name := range tt.want {
				want[i] = filepath.FromSlash(name)
			}
			if !slices.Equal(got, want) {
				t.Errorf("Walk(%q) =\n\t%q\nwant\n\t%q", tt.paths, got, want)
			}
		})
	}
}

func TestWalkAbsolute(t *testing.T) {
	dir := t.TempDir()
	build(t, dir, touch("pkg/mod.py"))
	got, errs := Walk([]string{dir + string(filepath.Separator)}, Options{})
	want := []string{filepath.Join(dir, "pkg", "mod.py")}
	if len(errs) > 0 || !slices.Equal(got, want) {
		t.Errorf("Walk = %q, %v; want %q", got, errs, want)
	}
}

func TestWalkMissing(t *testing.T) {
	t.Chdir(t.TempDir())
	build(t, ".", touch("a.py"))
	got, errs := Walk([]string{"nope.py", "a.py", "gone/"}, Options{})
	if !slices.Equal(got, []string{"a.py"}) {
		t.Errorf("files = %q, want [a.py]", got)
	}
	want := []string{"nope.py: no such file or directory", "gone/: no such file or directory"}
	if len(errs) != len(want) {
		t.Fatalf("errs = %v, want %q", errs, want)
	}
	for i, err := range errs {
		if runtime.GOOS != "windows" && err.Error() != want[i] {
			t.Errorf("err = %q, want %q", err, want[i])
		}
		if !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("err = %v, want one that is fs.ErrNotExist", err)
		}
	}
}

func TestWalkSymlinks(t *testing.T) {
	dir := t.TempDir()
	build(t, dir, touch("a/x.py", "real/mod.py"))
	links := map[string]string{
		"a/loop":    "..",
		"a/self":    ".",
		"link.py":   filepath.Join("real", "mod.py"),
		"linkdir":   "real",
		"broken.py": "nowhere.py",
		"dir.py":    "real",
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(name))); err != nil {
			t.Skip("cannot make symbolic links:", err)
		}
	}
	t.Chdir(dir)
	tests := []struct {
		paths []string
		want  []string
	}{
		{[]string{"."}, []string{"a/x.py", "link.py", "real/mod.py"}},
		{[]string{"linkdir"}, []string{"linkdir/mod.py"}}, // named explicitly: followed
		{[]string{"a/loop"}, []string{"a/loop/a/x.py", "a/loop/link.py", "a/loop/real/mod.py"}},
	}
	for _, tt := range tests {
		done := make(chan []string)
		go func() {
			got, _ := Walk(tt.paths, Options{})
			done <- got
		}()
		select {
		case got := <-done:
			want := make([]string, len(tt.want))
			for i, name := range tt.want {
				want[i] = filepath.FromSlash(name)
			}
			if !slices.Equal(got, want) {
				t.Errorf("Walk(%q) = %q, want %q", tt.paths, got, want)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("Walk(%q) did not finish", tt.paths)
		}
	}
}

func TestWalkUnreadable(t *testing.T) {
	if runtime.GOOS == "windows" || os.Geteuid() == 0 {
		t.Skip("permissions do not stop this user reading a directory")
	}
	t.Chdir(t.TempDir())
	build(t, ".", touch("a.py", "locked/b.py", "z/c.py"))
	if err := os.Chmod("locked", 0); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod("locked", 0o755)

	got, errs := Walk([]string{"."}, Options{})
	if want := []string{"a.py", filepath.Join("z", "c.py")}; !slices.Equal(got, want) {
		t.Errorf("files = %q, want %q", got, want)
	}
	if len(errs) != 1 || errs[0].Error() != "locked: permission denied" || !errors.Is(errs[0], fs.ErrPermission) {
		t.Errorf("errs = %v, want [locked: permission denied]", errs)
	}
}

func TestExcluded(t *testing.T) {
	tests := []struct {
		exclude []string
		root    string
		path    string
		want    bool
	}{
		{nil, "", "a.py", false},
		{[]string{"migrations/"}, "", "app/migrations/0001.py", true},
		{[]string{"migrations/"}, "", "app/migrations.py", false},
		{[]string{"*_pb2.py"}, "", "x/y_pb2.py", true},
		{[]string{"/setup.py"}, "", "setup.py", true},
		{[]string{"/setup.py"}, "", "./setup.py", true},
		{[]string{"/setup.py"}, "", "pkg/setup.py", false},
		{[]string{"/setup.py"}, "proj", "proj/setup.py", true},
		{[]string{"/setup.py"}, "proj", "setup.py", false}, // outside the root
		{[]string{"*_pb2.py"}, "", "../elsewhere/x_pb2.py", false},
		{[]string{"build/**/gen.py"}, "", "build/a/b/gen.py", true},
		{[]string{"vendor/", "!vendor/keep.py"}, "", "vendor/keep.py", true},
		{[]string{"vendor/*", "!vendor/keep.py"}, "", "vendor/keep.py", false},
		{[]string{"tests"}, "", "tests/test_a.py", true}, // a parent directory matches
	}
	for _, tt := range tests {
		opts := Options{Exclude: tt.exclude, ExcludeRoot: tt.root}
		if got := opts.Excluded(tt.path); got != tt.want {
			t.Errorf("Options{Exclude: %q, ExcludeRoot: %q}.Excluded(%q) = %v, want %v",
				tt.exclude, tt.root, tt.path, got, tt.want)
		}
	}
}

func TestIsPython(t *testing.T) {
	for name, want := range map[string]bool{
		"mod.py": true, "pkg/mod.py": true, "mod.pyi": false, "mod.pyc": false,
		"mod.py.bak": false, "script": false, "mod.PY": false,
	} {
		if got := IsPython(name); got != want {
			t.Errorf("IsPython(%q) = %v, want %v", name, got, want)
		}
	}
}

// BenchmarkWalk walks 50,000 files under a .gitignore of typical size.
func BenchmarkWalk(b *testing.B) {
	dir := b.TempDir()
	tree := map[string]string{
		".git/": "",
		".gitignore": "*.gen.py\n/dist/\nlogs/\n*.log\n**/fixtures/**/data.py\n!keep.gen.py\n" +
			"*.egg\n.env\n*.so\ncoverage/\nhtmlcov/\n.coverage\n*.orig\n/local_*.py\n",
	}
	for d := range 1000 {
		for f := range 50 {
			tree[fmt.Sprintf("pkg%d/sub%d/mod%d.py", d/10, d%10, f)] = ""
		}
	}
	build(b, dir, tree)
	opts := Options{RespectGitignore: true, Exclude: []string{"migrations/", "*_pb2.py"}, ExcludeRoot: dir}
	for b.Loop() {
		if files, _ := Walk([]string{dir}, opts); len(files) != 50000 {
			b.Fatalf("got %d files", len(files))
		}
	}
}

// TestFinds checks Finds against Walk: a file is found alone exactly when
// a walk of the root finds it.
func TestFinds(t *testing.T) {
	repo := t.TempDir()
	build(t, repo, with(touch(
		".git/info/exclude", "outside.py",
		"proj/app/main.py", "proj/app/migrations/0001.py", "proj/app/gen_pb2.py",
		"proj/app/__pycache__/main.py", "proj/app/env/pyvenv.cfg", "proj/app/env/lib/site.py",
		"proj/build/lib/app.py", "proj/notes/scratch.py", "proj/notes/keep.py",
		"proj/secret/key.py", "proj/data/readme.txt", "proj/real/mod.py"),
		".gitignore", "secret/\n",
		"proj/notes/.gitignore", "*.py\n!keep.py\n"))
	links := map[string]string{"proj/linked": "real", "proj/link.py": filepath.Join("real", "mod.py")}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(repo, filepath.FromSlash(name))); err != nil {
			t.Skip("cannot make symbolic links:", err)
		}
	}
	root := filepath.Join(repo, "proj")
	opts := Options{Exclude: []string{"migrations/", "*_pb2.py"}, ExcludeRoot: root, RespectGitignore: true}
	walked, errs := Walk([]string{root}, opts)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	candidates := []string{
		filepath.Join(repo, "outside.py"),
		filepath.Join(root, "linked", "mod.py"),
		filepath.Join(root, "app", "gone.py"),
		filepath.Join(root, "data", "readme.txt"),
	}
	filepath.WalkDir(repo, func(path string, d fs.DirEntry, err error) error {
		if err == nil && IsPython(path) {
			candidates = append(candidates, path)
		}
		return err
	})
	for _, path := range candidates {
		if got, want := opts.Finds(root, path), slices.Contains(walked, path); got != want {
			t.Errorf("Finds(%q) = %v, want %v", path, got, want)
		}
	}
	var found []string
	for _, path := range walked {
		rel, _ := filepath.Rel(root, path)
		found = append(found, filepath.ToSlash(rel))
	}
	if want := []string{"app/main.py", "link.py", "notes/keep.py", "real/mod.py"}; !slices.Equal(found, want) {
		t.Errorf("the walk found %q, want %q", found, want)
	}
}
