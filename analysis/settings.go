package analysis

import (
	"fmt"
	"strconv"
	"strings"
)

// Version is a Python minor version, such as {3, 11}.
type Version struct {
	Major, Minor int
}

// DefaultTargetVersion is the oldest Python release still supported upstream.
var DefaultTargetVersion = Version{3, 10}

// ParseVersion reads "py311", "3.11" or "311".
func ParseVersion(s string) (Version, error) {
	t := strings.TrimPrefix(strings.ToLower(strings.TrimSpace(s)), "py")
	var major, minor string
	if i := strings.IndexByte(t, '.'); i >= 0 {
		major, minor = t[:i], t[i+1:]
	} else if len(t) >= 2 {
		major, minor = t[:1], t[1:]
	}
	ma, err1 := strconv.Atoi(major)
	mi, err2 := strconv.Atoi(minor)
	if err1 != nil || err2 != nil || ma != 3 || mi < 0 || mi > 99 {
		return Version{}, fmt.Errorf("invalid Python version %q (use the form py311)", s)
	}
	return Version{ma, mi}, nil
}

func (v Version) String() string { return fmt.Sprintf("py%d%d", v.Major, v.Minor) }

// AtLeast reports whether v is major.minor or later.
func (v Version) AtLeast(major, minor int) bool {
	return v.Major > major || v.Major == major && v.Minor >= minor
}

// Settings are the configuration values rules read.
type Settings struct {
	// TargetVersion is the oldest Python the code must run on.
	TargetVersion Version
	// TopLevelAwait allows await, async for and async with at module level,
	// as in notebooks and the asyncio REPL.
	TopLevelAwait bool
	// Blocking extends and trims the catalog of blocking calls.
	Blocking BlockingSettings
}

// BlockingSettings are the [tool.asynclint.blocking] settings.
type BlockingSettings struct {
	// Calls maps qualified names the project knows to block to the
	// replacement to suggest ("mylib.fetch_sync" = "use mylib.fetch").
	Calls map[string]string
	// Allow lists qualified names, or modules, whose calls are never
	// reported as blocking: "os.path.exists", "mylib.cache".
	Allow []string
}

// Allowed reports whether calls of the qualified name are allowed: it or
// one of its enclosing modules is in Allow.
func (b *BlockingSettings) Allowed(name string) bool {
	for _, a := range b.Allow {
		if name == a || strings.HasPrefix(name, a+".") {
			return true
		}
	}
	return false
}

// DefaultSettings returns the settings used when nothing is configured.
func DefaultSettings() *Settings {
	return &Settings{TargetVersion: DefaultTargetVersion}
}
