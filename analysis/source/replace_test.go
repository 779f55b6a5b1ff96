//go:build unix

package source

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"
)

const (
	before = "import time\n"
	after  = "import asyncio\n"
)

// readFile reads the file at path, which holds before, for Replace.
func readFile(t *testing.T, path string) *File {
	t.Helper()
	f, err := Read(path, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func content(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func stat(t *testing.T, path string) *syscall.Stat_t {
	t.Helper()
	info, err := os.Lstat(path)
	if err != nil {
		t.Fatal(err)
	}
	return info.Sys().(*syscall.Stat_t)
}

// onlyFile checks that dir holds nothing but name: no temporary file left.
func onlyFile(t *testing.T, dir, name string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Name() != name {
		t.Errorf("%s holds %v, want only %s", dir, entries, name)
	}
}

func TestReplace(t *testing.T) {
	dir := t.TempDir()
	path := writeFile(t, filepath.Join(dir, "m.py"), before)
	if err := os.Chmod(path, 0o751); err != nil {
		t.Fatal(err)
	}
	old := stat(t, path)
	if err := readFile(t, path).Replace([]byte(after)); err != nil {
		t.Fatal(err)
	}
	if got := content(t, path); got != after {
		t.Errorf("content %q, want %q", got, after)
	}
	now := stat(t, path)
	if now.Ino == old.Ino {
		t.Error("rewritten in place; want a new file renamed over the old one")
	}
	if now.Mode != old.Mode {
		t.Errorf("mode %o, want %o", now.Mode, old.Mode)
	}
	onlyFile(t, dir, "m.py")
}

func TestReplaceChanged(t *testing.T) {
	tests := map[string]func(path string) error{
		"content": func(path string) error { return os.WriteFile(path, []byte("import trio\n"), 0o644) },
		// Same size and modification time: only the content tells.
		"same size and time": func(path string) error {
			info, err := os.Stat(path)
			if err != nil {
				return err
			}
			if err := os.WriteFile(path, []byte("import tim\n\n"), 0o644); err != nil {
				return err
			}
			return os.Chtimes(path, info.ModTime(), info.ModTime())
		},
		"time": func(path string) error {
			return os.Chtimes(path, time.Now(), time.Now().Add(time.Hour))
		},
		"replaced by an editor": func(path string) error {
			tmp := path + ".swp"
			if err := os.WriteFile(tmp, []byte("import trio\n"), 0o644); err != nil {
				return err
			}
			return os.Rename(tmp, path)
		},
		"removed": os.Remove,
	}
	for name, change := range tests {
		t.Run(name, func(t *testing.T) {
			path := writeFile(t, filepath.Join(t.TempDir(), "m.py"), before)
			f := readFile(t, path)
			if err := change(path); err != nil {
				t.Fatal(err)
			}
			want, _ := os.ReadFile(path)
			if err := f.Replace([]byte(after)); !errors.Is(err, ErrChanged) {
				t.Errorf("Replace = %v, want ErrChanged", err)
			}
			if got, _ := os.ReadFile(path); string(got) != string(want) {
				t.Errorf("content %q, want the change %q kept", got, want)
			}
		})
	}
}

func TestReplaceTwice(t *testing.T) {
	path := writeFile(t, filepath.Join(t.TempDir(), "m.py"), before)
	f := readFile(t, path)
	if err := f.Replace([]byte(after)); err != nil {
		t.Fatal(err)
	}
	if err := f.Replace([]byte("import trio\n")); !errors.Is(err, ErrChanged) {
		t.Errorf("second Replace = %v, want ErrChanged", err)
	}
}

func TestReplaceReadOnly(t *testing.T) {
	path := writeFile(t, filepath.Join(t.TempDir(), "m.py"), before)
	f := readFile(t, path)
	if err := os.Chmod(path, 0o444); err != nil {
		t.Fatal(err)
	}
	err := f.Replace([]byte(after))
	if !errors.Is(err, ErrReadOnly) || err.Error() != "replace "+path+": read-only file" {
		t.Errorf("Replace = %v, want ErrReadOnly", err)
	}
	if got := content(t, path); got != before {
		t.Errorf("content %q, want it left as it was", got)
	}
}

func TestReplaceSymlink(t *testing.T) {
	dir := t.TempDir()
	target := writeFile(t, filepath.Join(dir, "real.py"), before)
	if err := os.Mkdir(filepath.Join(dir, "pkg"), 0o755); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "pkg", "m.py")
	if err := os.Symlink("../real.py", link); err != nil {
		t.Fatal(err)
	}
	if err := readFile(t, link).Replace([]byte(after)); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("%s is no longer a symbolic link", link)
	}
	if got := content(t, target); got != after {
		t.Errorf("target holds %q, want %q", got, after)
	}
	onlyFile(t, filepath.Join(dir, "pkg"), "m.py")
}

func TestReplaceHardLink(t *testing.T) {
	dir := t.TempDir()
	path := writeFile(t, filepath.Join(dir, "m.py"), before)
	other := filepath.Join(dir, "n.py")
	if err := os.Link(path, other); err != nil {
		t.Fatal(err)
	}
	old := stat(t, path)
	if err := readFile(t, path).Replace([]byte(after)); err != nil {
		t.Fatal(err)
	}
	if got := content(t, other); got != after {
		t.Errorf("the other link holds %q, want %q", got, after)
	}
	if now := stat(t, path); now.Ino != old.Ino || now.Nlink != 2 {
		t.Errorf("inode %d with %d links, want %d with 2", now.Ino, now.Nlink, old.Ino)
	}
	// A shorter content is not followed by the end of the longer one.
	if err := readFile(t, path).Replace([]byte("x\n")); err != nil || content(t, other) != "x\n" {
		t.Errorf("Replace with a shorter content: %v, %q", err, content(t, other))
	}
}

func TestReplaceOwner(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("giving a file to another user takes root")
	}
	path := writeFile(t, filepath.Join(t.TempDir(), "m.py"), before)
	if err := os.Chown(path, 1234, 5678); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o640); err != nil {
		t.Fatal(err)
	}
	old := stat(t, path)
	if err := readFile(t, path).Replace([]byte(after)); err != nil {
		t.Fatal(err)
	}
	now := stat(t, path)
	if now.Uid != 1234 || now.Gid != 5678 || now.Mode != old.Mode {
		t.Errorf("owner %d:%d mode %o, want 1234:5678 %o", now.Uid, now.Gid, now.Mode, old.Mode)
	}
	if now.Ino == old.Ino {
		t.Error("rewritten in place; root can give the new file the owner")
	}
}

// Of two fixers that read a file and replace it at the same time, one
// wins and the other is told, whatever the interleaving.
func TestReplaceConcurrent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.py")
	for round := range 100 {
		writeFile(t, path, before)
		datas := []string{"import asyncio\n", "import trio\n"}
		files := []*File{readFile(t, path), readFile(t, path)}
		errs := make([]error, 2)
		var start, done sync.WaitGroup
		start.Add(1)
		for i := range files {
			done.Go(func() {
				start.Wait()
				errs[i] = files[i].Replace([]byte(datas[i]))
			})
		}
		start.Done()
		done.Wait()
		winner := -1
		for i, err := range errs {
			switch {
			case err == nil && winner < 0:
				winner = i
			case err == nil:
				t.Fatalf("round %d: both replaced the file", round)
			case !errors.Is(err, ErrChanged):
				t.Fatalf("round %d: %v", round, err)
			}
		}
		if winner < 0 {
			t.Fatalf("round %d: neither replaced the file", round)
		}
		if got := content(t, path); got != datas[winner] {
			t.Fatalf("round %d: content %q, want the winner's %q", round, got, datas[winner])
		}
	}
}

// Replace locks the file it opened: if the path names another file by the
// time the lock is taken, even one with the same content and time, the
// file replaced is not the one compared.
func TestUnchangedChecksTheLockedFile(t *testing.T) {
	dir := t.TempDir()
	path := writeFile(t, filepath.Join(dir, "m.py"), before)
	f := readFile(t, path)
	locked, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer locked.Close()
	info, err := locked.Stat()
	if err != nil {
		t.Fatal(err)
	}
	copied := writeFile(t, filepath.Join(dir, "copy.py"), before)
	if err := os.Chtimes(copied, info.ModTime(), info.ModTime()); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(copied, path); err != nil {
		t.Fatal(err)
	}
	if _, err := f.unchanged(locked, path); err != ErrChanged {
		t.Errorf("unchanged = %v, want ErrChanged", err)
	}
}
