package lint

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
)

// unchanged reports whether the cached run saw exactly these files, none
// changed since, with the same settings and rules: then its findings
// stand, and no summary, index or tree is needed.
func (r *run) unchanged() bool {
	if r.cache == nil || r.cache.Len() == 0 {
		return false
	}
	seen := 0
	for _, f := range r.files {
		if f.skip {
			continue
		}
		if f.entry == nil {
			return false
		}
		seen++
	}
	return seen == r.cache.Len() && r.cache.Run() == r.runKey(func(f *file) bool { return f.entry.Wanted })
}

// reuse takes the findings of every wanted file from the cache.
func (r *run) reuse() {
	for _, f := range r.files {
		if !f.skip && f.entry.Wanted {
			f.wanted, f.findings = true, f.entry.Findings
		}
	}
}

// runKey identifies what the findings of a run depend on beyond each
// file: the settings, and the rules enabled for each wanted file.
func (r *run) runKey(wanted func(*file) bool) string {
	h := sha256.New()
	fmt.Fprintf(h, "%v\x00", r.opts.Config.Settings)
	for _, f := range r.files {
		if f.skip || !wanted(f) {
			continue
		}
		io.WriteString(h, f.path)
		for _, rule := range EnabledRules(r.opts.Config, r.opts.Rules, f.path) {
			io.WriteString(h, " "+rule.Code)
		}
		io.WriteString(h, "\x00")
	}
	return hex.EncodeToString(h.Sum(nil))
}
