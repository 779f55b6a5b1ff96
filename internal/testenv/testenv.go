// Package testenv lets tests that drive other programs (Neovim,
// pre-commit, node, CPython) skip where those are not installed, and fail
// instead where ASYNCLINT_REQUIRE_TOOLS is set, as continuous integration
// sets it: an end-to-end test must not pass there by not running.
package testenv

import (
	"os"
	"os/exec"
	"testing"
)

// RequireTools is the environment variable that turns a missing tool into
// a failure.
const RequireTools = "ASYNCLINT_REQUIRE_TOOLS"

// Tool returns the path of the executable name, or skips the test (fails
// it under RequireTools) saying how to install it.
func Tool(t testing.TB, name, install string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		Missing(t, "%s is not installed (%s)", name, install)
	}
	return path
}

// Missing skips the test for a reason outside the project, such as a tool
// that is not installed, or fails it under RequireTools.
func Missing(t testing.TB, format string, args ...any) {
	t.Helper()
	if os.Getenv(RequireTools) != "" {
		t.Fatalf(format+" (required: %s is set)", append(args, RequireTools)...)
	}
	t.Skipf(format, args...)
}
