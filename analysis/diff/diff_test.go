package diff

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/asynclint/asynclint/internal/testenv"
)

func TestUnified(t *testing.T) {
	a := "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\n"
	b := "a\nB\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\n"
	want := `--- x
+++ y
@@ -1,5 +1,5 @@
 a
-b
+B
 c
 d
 e
@@ -9,3 +9,4 @@
 i
 j
 k
+l
`
	if got := Unified("x", "y", []byte(a), []byte(b)); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if got := Unified("x", "y", []byte(a), []byte(a)); got != "" {
		t.Errorf("equal inputs gave %q", got)
	}
}

// TestPatchApplies checks the diffs against patch(1), when it is installed.
func TestPatchApplies(t *testing.T) {
	testenv.Tool(t, "patch", "apt-get install patch")
	cases := [][2]string{
		{"", "x\n"},
		{"x\n", ""},
		{"a\nb", "a\nc"},
		{"1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", "0\n1\n2\n3\n5\n6\n7\n8\n9\n10\n11\n"},
		{strings.Repeat("same\n", 20) + "old\n", "new\n" + strings.Repeat("same\n", 20)},
	}
	for _, c := range cases {
		dir := t.TempDir()
		file := filepath.Join(dir, "f.py")
		os.WriteFile(file, []byte(c[0]), 0o644)
		d := Unified("f.py", "f.py", []byte(c[0]), []byte(c[1]))
		cmd := exec.Command("patch", "-s", "-p0", "f.py")
		cmd.Dir = dir
		cmd.Stdin = strings.NewReader(d)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("patch failed on %q -> %q: %v\n%s\n%s", c[0], c[1], err, out, d)
		}
		if got, _ := os.ReadFile(file); string(got) != c[1] {
			t.Errorf("patched %q, want %q\n%s", got, c[1], d)
		}
	}
}

func TestKept(t *testing.T) {
	x := []string{"a\n", "b\n", "c\n", "d\n"}
	y := []string{"a\n", "new\n", "c\n", "d\n", "e\n"}
	got := Kept(x, y)
	want := []int{0, -1, 2, 3}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("Kept = %v, want %v", got, want)
		}
	}
	if got := Kept(nil, y); len(got) != 0 {
		t.Errorf("Kept(nil) = %v", got)
	}
}
