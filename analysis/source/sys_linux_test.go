package source

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// Files in /proc are regular files of size 0 that stat alone cannot tell
// from an empty one: the limit applies while reading.
func TestReadSizeZero(t *testing.T) {
	path := filepath.Join(t.TempDir(), "status.py")
	if err := os.Symlink("/proc/self/status", path); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Stat(path); err != nil || !info.Mode().IsRegular() || info.Size() != 0 {
		t.Skipf("/proc/self/status is not a regular file of size 0: %v", err)
	}
	var limitErr *LimitError
	if _, err := Read(path, 100); !errors.As(err, &limitErr) || !strings.HasSuffix(err.Error(), ": larger than the 100-byte limit") {
		t.Errorf("Read = %v, want it larger than the limit", err)
	}
	if f, err := Read(path, 1<<20); err != nil || !strings.Contains(string(f.Text), "Pid:") {
		t.Errorf("Read with room = %v", err)
	}
}

// limitFileSize makes writes that would take a file past size bytes fail,
// as on a full disk, until the test ends.
func limitFileSize(t *testing.T, size uint64) {
	var old syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_FSIZE, &old); err != nil {
		t.Fatal(err)
	}
	limit := old
	limit.Cur = size
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &limit); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { syscall.Setrlimit(syscall.RLIMIT_FSIZE, &old) })
}

// A write that fails leaves the file as it was, with nothing beside it.
func TestReplaceWriteFails(t *testing.T) {
	for _, hardLink := range []bool{false, true} {
		dir := t.TempDir()
		path := writeFile(t, filepath.Join(dir, "m.py"), before)
		if hardLink {
			if err := os.Link(path, filepath.Join(dir, "n.py")); err != nil {
				t.Fatal(err)
			}
		}
		f := readFile(t, path)
		t.Run(map[bool]string{false: "new file", true: "in place"}[hardLink], func(t *testing.T) {
			// Far above what the test framework's own log needs.
			limitFileSize(t, 1<<20)
			if err := f.Replace(make([]byte, 2<<20)); !errors.Is(err, syscall.EFBIG) {
				t.Errorf("Replace = %v, want the write's error", err)
			}
		})
		if got := content(t, path); got != before {
			t.Errorf("content %q, want it left as it was", got)
		}
		if !hardLink {
			onlyFile(t, dir, "m.py")
		}
	}
}

const nobody = 65534

// sharedDir returns a new directory with mode perm that user nobody can
// reach.
func sharedDir(t *testing.T, perm fs.FileMode) string {
	dir := t.TempDir()
	for _, d := range []string{filepath.Dir(dir), dir} {
		if err := os.Chmod(d, perm); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// asNobody runs the rest of the test, the whole process, as user and group
// nobody: permissions do not stop root. The files it needs are made first,
// as root.
func asNobody(t *testing.T) {
	groups, err := syscall.Getgroups()
	if err != nil {
		t.Fatal(err)
	}
	if err := syscall.Setgroups(nil); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Setresgid(nobody, nobody, 0); err != nil {
		t.Fatal(err)
	}
	// The saved IDs stay root's, to come back with.
	if err := syscall.Setresuid(nobody, nobody, 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if syscall.Setresuid(0, 0, 0) != nil || syscall.Setresgid(0, 0, 0) != nil || syscall.Setgroups(groups) != nil {
			panic("cannot become root again")
		}
	})
}

func needRoot(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("making files of another user takes root")
	}
}

// ownedFile writes a file with before, owned by uid and gid with mode perm.
func ownedFile(t *testing.T, path string, uid, gid int, perm fs.FileMode) string {
	writeFile(t, path, before)
	if err := os.Chown(path, uid, gid); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, perm); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestReadUnreadable(t *testing.T) {
	needRoot(t)
	path := ownedFile(t, filepath.Join(sharedDir(t, 0o777), "m.py"), 0, 0, 0o600)
	asNobody(t)
	err := readError(t, path, 100)
	if !errors.Is(err, fs.ErrPermission) || !strings.HasSuffix(err.Error(), ": permission denied") {
		t.Errorf("Read = %v, want permission denied", err)
	}
}

// A file we may not write is left alone, though the directory would let a
// new file take its place.
func TestReplaceNotWritable(t *testing.T) {
	needRoot(t)
	path := ownedFile(t, filepath.Join(sharedDir(t, 0o777), "m.py"), 0, 0, 0o644)
	asNobody(t)
	if err := readFile(t, path).Replace([]byte(after)); !errors.Is(err, ErrReadOnly) {
		t.Errorf("Replace = %v, want ErrReadOnly", err)
	}
	if got := content(t, path); got != before {
		t.Errorf("content %q, want it left as it was", got)
	}
}

// A file of another user that we may write keeps its owner: a new file
// would be ours.
func TestReplaceOtherOwner(t *testing.T) {
	needRoot(t)
	dir := sharedDir(t, 0o777)
	path := ownedFile(t, filepath.Join(dir, "m.py"), 0, nobody, 0o664)
	old := stat(t, path)
	asNobody(t)
	if err := readFile(t, path).Replace([]byte(after)); err != nil {
		t.Fatal(err)
	}
	if now := stat(t, path); now.Uid != 0 || now.Gid != nobody || now.Ino != old.Ino {
		t.Errorf("owner %d:%d, inode %d; want 0:%d, inode %d", now.Uid, now.Gid, now.Ino, nobody, old.Ino)
	}
	if got := content(t, path); got != after {
		t.Errorf("content %q, want %q", got, after)
	}
	onlyFile(t, dir, "m.py")
}

// A writable file in a directory we may not write is rewritten in place.
func TestReplaceUnwritableDir(t *testing.T) {
	needRoot(t)
	path := ownedFile(t, filepath.Join(sharedDir(t, 0o755), "m.py"), nobody, nobody, 0o644)
	asNobody(t)
	if err := readFile(t, path).Replace([]byte(after)); err != nil {
		t.Fatal(err)
	}
	if got := content(t, path); got != after {
		t.Errorf("content %q, want %q", got, after)
	}
}
