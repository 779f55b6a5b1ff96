package discover

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestIncludeAndNested(t *testing.T) {
	dir := t.TempDir()
	build(t, dir, touch("a.py", "nb.ipynb", "notes.txt", "gen/g.py", "sub/b.py", "sub/gen/g.py", "sub/only.ipynb", "sub/deeper/c.py"))
	notebooks := func(path string) bool { return IsPython(path) || strings.HasSuffix(path, ".ipynb") }
	opts := Options{
		Exclude:     []string{"gen/"},
		ExcludeRoot: dir,
		Include:     notebooks,
		Nested: func(d string) (Options, bool) {
			if filepath.Base(d) != "sub" {
				return Options{}, false
			}
			// Below sub: notebooks only, nothing excluded.
			return Options{Include: func(p string) bool { return strings.HasSuffix(p, ".ipynb") }}, true
		},
	}
	files, errs := Walk([]string{dir}, opts)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var got []string
	for _, f := range files {
		rel, _ := filepath.Rel(dir, f)
		got = append(got, filepath.ToSlash(rel))
	}
	want := []string{"a.py", "nb.ipynb", "sub/only.ipynb"}
	if !slices.Equal(got, want) {
		t.Errorf("Walk = %q, want %q", got, want)
	}
	// A file named explicitly is checked whatever Include says.
	if files, _ := Walk([]string{filepath.Join(dir, "notes.txt")}, opts); len(files) != 1 {
		t.Errorf("named file: %q", files)
	}
}
