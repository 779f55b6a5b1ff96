// Package proctest builds the programs under test and runs them as
// subprocesses with a bound on their time and on their memory, so that a
// hang or a runaway allocation fails the test instead of stalling or
// swapping the machine that runs it. Each run logs what it took: the
// test's name, the time, the peak resident memory.
package proctest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
)

var (
	dirOnce sync.Once
	dir     string // where the programs are built
	dirErr  error
)

// buildDir returns the directory the programs are built in, readable by
// every user, so that a test may run them as another.
func buildDir() (string, error) {
	dirOnce.Do(func() {
		if dir, dirErr = os.MkdirTemp("", "proctest"); dirErr == nil {
			dirErr = os.Chmod(dir, 0o755)
		}
	})
	return dir, dirErr
}

// Build builds the main package pkg (a directory, or an import path) into
// the program name, and returns its path.
func Build(pkg, name string) (string, error) {
	dir, err := buildDir()
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, name)
	if out, err := exec.Command("go", "build", "-o", path, pkg).CombinedOutput(); err != nil {
		return "", fmt.Errorf("building %s: %v\n%s", name, err, out)
	}
	return path, nil
}

// Main runs the tests, then removes the programs built. Call it from
// TestMain.
func Main(m *testing.M) {
	code := m.Run()
	if dir != "" {
		os.RemoveAll(dir)
	}
	os.Exit(code)
}
