package editors

import (
	"context"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/asynclint/asynclint/internal/testenv"
)

// TestPreCommit runs the hooks of .pre-commit-hooks.yaml through
// `pre-commit try-repo`, which installs them the way users get them:
// language golang runs `go install ./...` in a clone of the hook repository.
func TestPreCommit(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: pre-commit builds the whole module once per run")
	}
	preCommit := testenv.Tool(t, "pre-commit", "apt-get install -y pre-commit")
	git := testenv.Tool(t, "git", "apt-get install -y git")
	hookRepo := snapshotRepo(t, git, repoRoot(t))

	// The module cache this test already uses: without it, pre-commit's
	// GOPATH in its environment directory would download every module again.
	modCache, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil {
		t.Fatalf("go env GOMODCACHE: %v", err)
	}
	env := map[string]string{"GOMODCACHE": strings.TrimSpace(string(modCache))}

	// What pre-commit will run first. A tree that does not build is another
	// package's work in progress, not a broken hook definition: skip.
	build := exec.Command("go", "build", "-o", os.DevNull, "./...")
	build.Dir = hookRepo
	build.Env = withEnv(env)
	if out, err := build.CombinedOutput(); err != nil {
		t.Skipf("the module does not build, so pre-commit's `go install ./...` cannot either:\n%s", firstLines(out, 10))
	}
	checkHooks(t, preCommit, git, hookRepo, "asynclint-source", "asynclint-fix-source", env)
}

// TestPreCommitWheel runs the hooks of the hook repository that
// scripts/pre-commit-repo.sh writes (language python), with pip installing
// asynclint from $ASYNCLINT_WHEELS, a directory holding a wheel for this
// machine as scripts/release.sh writes to dist/, and no package index. Go
// is left off PATH: the hooks must not need it.
func TestPreCommitWheel(t *testing.T) {
	wheels := os.Getenv("ASYNCLINT_WHEELS")
	if wheels == "" {
		t.Skip("set ASYNCLINT_WHEELS to a directory with asynclint's wheel for this machine (scripts/release.sh writes dist/)")
	}
	preCommit := testenv.Tool(t, "pre-commit", "apt-get install -y pre-commit")
	git := testenv.Tool(t, "git", "apt-get install -y git")
	wheels, err := filepath.Abs(wheels)
	if err != nil {
		t.Fatal(err)
	}
	matches, _ := filepath.Glob(filepath.Join(wheels, "asynclint-*-py3-none-*.whl"))
	if len(matches) == 0 {
		t.Fatalf("no asynclint-*.whl in %s", wheels)
	}
	// asynclint-0.1.0-py3-none-....whl: the version the hook repository pins.
	version := strings.Split(filepath.Base(matches[0]), "-")[1]

	hookRepo := filepath.Join(t.TempDir(), "hook-repo")
	script := exec.Command(filepath.Join(repoRoot(t), "scripts", "pre-commit-repo.sh"), version, hookRepo)
	if out, err := script.CombinedOutput(); err != nil {
		t.Fatalf("scripts/pre-commit-repo.sh: %v\n%s", err, out)
	}
	commitAll(t, git, hookRepo)

	env := map[string]string{
		"PIP_FIND_LINKS": wheels,
		"PIP_NO_INDEX":   "1",
		"PATH":           pathWithout("go"),
	}
	checkHooks(t, preCommit, git, hookRepo, "asynclint", "asynclint-fix", env)
}

// checkHooks runs a hook repository's check and fix hooks on a sample
// project with `pre-commit try-repo`, in env.
func checkHooks(t *testing.T, preCommit, git, hookRepo, checkID, fixID string, env map[string]string) {
	t.Helper()
	sample := t.TempDir()
	writeFiles(t, sample, map[string]string{
		"pyproject.toml":        "[tool.asynclint]\nexclude = [\"generated/\"]\n",
		"app/clean.py":          cleanPy,
		"app/blocking.py":       blockingPy,
		"app/fixable.py":        "import asyncio\n\n\nasync def handler():\n    return asyncio.get_event_loop()\n",
		"generated/blocking.py": blockingPy,
		"notes.txt":             "time.sleep(1)\n",
		// A coroutine of a base class in another module, tested without
		// await in stream.py (AL303): only the project tells.
		"svc/__init__.py":   "",
		"svc/background.py": "class BackgroundUpdates:\n    async def have_finished(self):\n        return True\n",
		"svc/stream.py":     "from .background import BackgroundUpdates\n\n\nclass Stream(BackgroundUpdates):\n    pass\n",
	})
	gitRun(t, git, sample, "init", "-q")
	gitRun(t, git, sample, "add", ".")
	env["PRE_COMMIT_HOME"] = filepath.Join(t.TempDir(), "pre-commit")
	env["NO_COLOR"] = "1"

	tryRepo := func(t *testing.T, hook string, files ...string) (string, int) {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		args := append([]string{"try-repo", hookRepo, hook, "--color", "never", "--files"}, files...)
		cmd := exec.CommandContext(ctx, preCommit, args...)
		cmd.Dir = sample
		cmd.Env = withEnv(env)
		out, err := cmd.CombinedOutput()
		code := cmd.ProcessState.ExitCode()
		if err != nil && code < 0 {
			t.Fatalf("pre-commit try-repo: %v\n%s", err, out)
		}
		return string(out), code
	}

	t.Run("clean and excluded files pass", func(t *testing.T) {
		// generated/ has a finding but pyproject.toml excludes it: a hook
		// that names files explicitly must still honour exclude.
		out, code := tryRepo(t, checkID, "app/clean.py", "generated/blocking.py", "notes.txt")
		if code != 0 || !strings.Contains(out, "Passed") {
			t.Errorf("exit %d, want 0 and Passed:\n%s", code, out)
		}
	})

	t.Run("a finding fails the hook", func(t *testing.T) {
		out, code := tryRepo(t, checkID, "app/clean.py", "app/blocking.py")
		if code != 1 || !strings.Contains(out, "Failed") || !strings.Contains(out, "app/blocking.py:5:5: AL201") {
			t.Errorf("exit %d, want 1, Failed and app/blocking.py:5:5: AL201:\n%s", code, out)
		}
		if strings.Contains(out, "clean.py:") {
			t.Errorf("the clean file was reported:\n%s", out)
		}
	})

	t.Run("a staged file is checked with its project", func(t *testing.T) {
		gitRun(t, git, sample, "-c", "user.name=asynclint test", "-c", "user.email=test@asynclint.invalid",
			"commit", "-q", "--no-gpg-sign", "-m", "sample")
		writeFiles(t, sample, map[string]string{
			"svc/stream.py": "from .background import BackgroundUpdates\n\n\nclass Stream(BackgroundUpdates):\n" +
				"    async def next(self):\n        if self.have_finished():\n            return None\n",
			"svc/analysis.ipynb": notebookPy,
		})
		gitRun(t, git, sample, "add", "svc/stream.py", "svc/analysis.ipynb")
		// No --files: pre-commit passes the staged files, as on a commit.
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, preCommit, "try-repo", hookRepo, checkID, "--color", "never")
		cmd.Dir = sample
		cmd.Env = withEnv(env)
		out, _ := cmd.CombinedOutput()
		code := cmd.ProcessState.ExitCode()
		for _, want := range []string{"svc/stream.py:6:12: AL303", "svc/analysis.ipynb:cell 1:3:5: AL201"} {
			if code != 1 || !strings.Contains(string(out), want) {
				t.Errorf("exit %d, want 1 and %s:\n%s", code, want, out)
			}
		}
		if strings.Contains(string(out), "app/blocking.py") {
			t.Errorf("a file not staged was reported:\n%s", out)
		}
	})

	t.Run(fixID+" rewrites the file", func(t *testing.T) {
		out, code := tryRepo(t, fixID, "app/fixable.py")
		if code != 1 || !strings.Contains(out, "files were modified by this hook") {
			t.Errorf("exit %d, want 1 and files were modified:\n%s", code, out)
		}
		fixed, err := os.ReadFile(filepath.Join(sample, "app", "fixable.py"))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(fixed), "asyncio.get_running_loop()") || strings.Contains(string(fixed), "get_event_loop") {
			t.Errorf("app/fixable.py after the hook:\n%s", fixed)
		}
	})
}

// notebookPy is a notebook whose only code cell blocks in a coroutine.
const notebookPy = `{
 "cells": [
  {
   "cell_type": "code",
   "execution_count": null,
   "metadata": {},
   "outputs": [],
   "source": ["import time\n", "async def handler():\n", "    time.sleep(1)"]
  }
 ],
 "metadata": {},
 "nbformat": 4,
 "nbformat_minor": 5
}
`

// pathWithout returns $PATH without the directories that hold an
// executable named name.
func pathWithout(name string) string {
	var dirs []string
	for _, dir := range filepath.SplitList(os.Getenv("PATH")) {
		if _, err := exec.LookPath(filepath.Join(dir, name)); err != nil {
			dirs = append(dirs, dir)
		}
	}
	return strings.Join(dirs, string(os.PathListSeparator))
}

// snapshotRepo commits the working tree as it is now (tracked files with
// their uncommitted changes, and new files git does not ignore) to a fresh
// repository. try-repo needs a commit to check out, and its own handling of
// a dirty repository leaves untracked files out, .pre-commit-hooks.yaml
// itself included until it is committed.
func snapshotRepo(t *testing.T, git, root string) string {
	t.Helper()
	out, err := exec.Command(git, "-C", root, "ls-files", "-z", "--cached", "--others", "--exclude-standard").Output()
	if err != nil {
		t.Skipf("%s is not a git checkout, cannot snapshot it: %v", root, err)
	}
	dst := filepath.Join(t.TempDir(), "hook-repo")
	for _, name := range strings.Split(strings.TrimRight(string(out), "\x00"), "\x00") {
		if name == "" {
			continue
		}
		if err := copyFile(filepath.Join(root, name), filepath.Join(dst, name)); err != nil {
			t.Fatal(err)
		}
	}
	commitAll(t, git, dst)
	return dst
}

// commitAll makes dir a git repository with one commit of all its files.
func commitAll(t *testing.T, git, dir string) {
	t.Helper()
	gitRun(t, git, dir, "init", "-q")
	gitRun(t, git, dir, "add", "-A")
	gitRun(t, git, dir, "-c", "user.name=asynclint test", "-c", "user.email=test@asynclint.invalid",
		"commit", "-q", "--no-gpg-sign", "-m", "snapshot")
}

// copyFile copies a regular file or symlink; a file deleted in the working
// tree but still in the index is skipped.
func copyFile(src, dst string) error {
	info, err := os.Lstat(src)
	if os.IsNotExist(err) {
		return nil
	} else if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	switch {
	case info.Mode()&fs.ModeSymlink != 0:
		target, err := os.Readlink(src)
		if err != nil {
			return err
		}
		return os.Symlink(target, dst)
	case info.Mode().IsRegular():
		data, err := os.ReadFile(src)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, data, info.Mode().Perm())
	}
	return nil // submodules and the like: nothing the hooks need
}

func gitRun(t *testing.T, git, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command(git, args...)
	cmd.Dir = dir
	// The user's git configuration (hooks, signing, templates) must not leak in.
	cmd.Env = withEnv(map[string]string{"GIT_CONFIG_GLOBAL": os.DevNull, "GIT_CONFIG_NOSYSTEM": "1"})
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}
