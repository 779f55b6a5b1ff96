//go:build unix

package source

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func writeFile(t *testing.T, path, content string) string {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestRead(t *testing.T) {
	path := writeFile(t, filepath.Join(t.TempDir(), "m.py"), "\xef\xbb\xbfx = 1\r\n")
	f, err := Read(path, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	if f.Path != path || string(f.Text) != "x = 1\r\n" {
		t.Errorf("Read = %q, %q", f.Path, f.Text)
	}
}

// readError runs Read, failing the test if it does not return soon, as a
// read that waits for a FIFO's writer would not.
func readError(t *testing.T, path string, limit int64) error {
	t.Helper()
	done := make(chan error, 1)
	go func() {
		f, err := Read(path, limit)
		if f != nil {
			err = errors.New("read")
		}
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil {
			t.Fatalf("Read(%s) succeeded", path)
		}
		return err
	case <-time.After(10 * time.Second):
		t.Fatalf("Read(%s) hangs", path)
		return nil
	}
}

func TestReadRefuses(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.py")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "dir.py"), 0o755); err != nil {
		t.Fatal(err)
	}
	for link, target := range map[string]string{
		"zero.py":  "/dev/zero",
		"null.py":  "/dev/null",
		"fifo2.py": fifo,
		"loop1.py": "loop2.py",
		"loop2.py": "loop1.py",
	} {
		if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
			t.Fatal(err)
		}
	}
	writeFile(t, filepath.Join(dir, "big.py"), strings.Repeat("x", 101))
	tests := []struct {
		name, message string
		is            error
	}{
		{"fifo.py", "not a regular file", ErrNotRegular},
		{"fifo2.py", "not a regular file", ErrNotRegular},
		{"dir.py", "not a regular file", ErrNotRegular},
		{"zero.py", "not a regular file", ErrNotRegular},
		{"null.py", "not a regular file", ErrNotRegular},
		{"missing.py", "no such file or directory", fs.ErrNotExist},
		{"loop1.py", "too many levels of symbolic links", syscall.ELOOP},
		{"big.py", "larger than the 100-byte limit", nil},
	}
	for _, tt := range tests {
		path := filepath.Join(dir, tt.name)
		err := readError(t, path, 100)
		var pathErr *fs.PathError
		if !errors.As(err, &pathErr) || pathErr.Path != path || !strings.Contains(pathErr.Err.Error(), tt.message) {
			t.Errorf("Read(%s) = %v, want a *fs.PathError saying %q", tt.name, err, tt.message)
		}
		if tt.is != nil && !errors.Is(err, tt.is) {
			t.Errorf("Read(%s) = %v, want %v", tt.name, err, tt.is)
		}
	}
}

func TestReadLimit(t *testing.T) {
	dir := t.TempDir()
	at := writeFile(t, filepath.Join(dir, "at.py"), strings.Repeat("x", 2<<20))
	over := writeFile(t, filepath.Join(dir, "over.py"), strings.Repeat("x", 2<<20+1))
	if f, err := Read(at, 2<<20); err != nil || len(f.Text) != 2<<20 {
		t.Errorf("Read at the limit: %v", err)
	}
	var limitErr *LimitError
	_, err := Read(over, 2<<20)
	if !errors.As(err, &limitErr) || err.Error() != "read "+over+": file is 2.0 MB, larger than the 2 MB limit" {
		t.Errorf("Read over the limit: %v", err)
	}
}

// endless is a stream without end, as /dev/zero is.
type endless struct{}

func (endless) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

func TestReadFrom(t *testing.T) {
	f, err := ReadFrom(strings.NewReader("# coding: latin-1\ns = '\xe9'\n"), 100)
	if err != nil || string(f.Text) != "# coding: latin-1\ns = 'é'\n" {
		t.Fatalf("ReadFrom = %v, %v", f, err)
	}
	if err := f.Replace([]byte("x")); err == nil || !strings.Contains(err.Error(), "not read from a file") {
		t.Errorf("Replace of a stream: %v", err)
	}
	for _, r := range []io.Reader{strings.NewReader(strings.Repeat("x", 101)), endless{}} {
		f, err := ReadFrom(r, 100)
		var limitErr *LimitError
		if f != nil || !errors.As(err, &limitErr) || err.Error() != "larger than the 100-byte limit" {
			t.Errorf("ReadFrom over the limit = %v, %v", f, err)
		}
	}
	if _, err := ReadFrom(strings.NewReader(strings.Repeat("x", 100)), 100); err != nil {
		t.Errorf("ReadFrom at the limit: %v", err)
	}
}
