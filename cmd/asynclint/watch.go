package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/asynclint/asynclint/analysis/engine"
)

// pollInterval is how often --watch looks for changes.
var pollInterval = 300 * time.Millisecond

// configNames are the files whose change changes the settings.
var configNames = []string{"pyproject.toml", "asynclint.toml", ".asynclint.toml", ".gitignore"}

// watch checks, then checks again each time a file to check or a
// configuration file changes, until ctx ends. Each run after the first
// reads what did not change from the cache.
func (c *checker) watch(ctx context.Context) int {
	c.note("Watching for changes (interrupt to stop)...")
	for {
		// Taken before the check: a change during it starts another.
		before := c.snapshot()
		c.clear()
		c.note("[%s] Checking...", time.Now().Format("15:04:05"))
		c.check()
		for {
			select {
			case <-ctx.Done():
				return exitClean
			case <-time.After(pollInterval):
			}
			if after := c.snapshot(); after != before {
				break
			}
		}
	}
}

// clear clears the terminal between runs, as ruff does.
func (c *checker) clear() {
	if isTerminal(c.out) && !c.f.quiet && !c.f.silent {
		fmt.Fprint(c.out, "\x1b[2J\x1b[H")
	}
}

// snapshot returns what tells that a run's files changed: the size and
// time of each file checked and of the configuration files beside them
// and above.
func (c *checker) snapshot() string {
	var b []byte
	dirs := map[string]bool{}
	stat := func(path string) {
		if info, err := os.Stat(path); err == nil {
			b = fmt.Appendf(b, "%s %d %d\n", path, info.Size(), info.ModTime().UnixNano())
		}
	}
	for _, p := range c.projects() {
		list, err := engine.Files(c.options(p))
		if err != nil {
			return err.Error() // a broken configuration: the next change is its fix
		}
		for _, f := range list.Files {
			stat(f)
			abs, err := filepath.Abs(f)
			if err != nil {
				continue
			}
			for d := filepath.Dir(abs); !dirs[d]; d = filepath.Dir(d) {
				dirs[d] = true
				for _, name := range configNames {
					stat(filepath.Join(d, name))
				}
				if filepath.Dir(d) == d {
					break
				}
			}
		}
	}
	return string(b)
}
