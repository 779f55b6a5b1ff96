// Package version tells which release of asynclint is running.
package version

import (
	"runtime/debug"
	"strings"
)

// Version is asynclint's version, without a leading "v": "0.2.0". Release
// builds set it from the git tag with
//
//	-ldflags "-X github.com/asynclint/asynclint/version.Version=0.2.0"
//
// Otherwise it is the main module's version that the go command recorded
// (so that `go install ...@v0.2.0` reports 0.2.0), or "0.0.0-dev".
var Version string

// dev is the version of a build that knows none better.
const dev = "0.0.0-dev"

func init() {
	if Version == "" {
		Version = fromBuildInfo()
	}
}

func fromBuildInfo() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return dev
	}
	return moduleVersion(info.Main.Version)
}

// moduleVersion turns a module version as the go command records it
// ("v0.2.0", or "(devel)" and "" when it knows none) into Version's form.
func moduleVersion(v string) string {
	if v == "" || v == "(devel)" {
		return dev
	}
	return strings.TrimPrefix(v, "v")
}
