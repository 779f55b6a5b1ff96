package engine

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/config"
)

// unchanged reports whether the cached run saw exactly these files, none
// changed since, with the same settings and rules: then its findings
// stand, and no summary, index or tree is needed.
func (b *batch) unchanged() bool {
	if b.cache == nil || b.cache.Len() == 0 {
		return false
	}
	seen := 0
	for _, f := range b.files {
		if f.skip {
			continue
		}
		if f.entry == nil {
			return false
		}
		seen++
	}
	return seen == b.cache.Len() && b.cache.Run() == b.runKey(func(f *file) bool { return f.entry.Wanted })
}

// reuse takes the findings of every wanted file from the cache.
func (b *batch) reuse() {
	for _, f := range b.files {
		if !f.skip && f.entry.Wanted {
			f.wanted, b.outcomes[f.index].findings = true, f.entry.Findings
		}
	}
}

// runKey identifies what the findings of a run depend on beyond each
// file: the settings, and the rules enabled for each wanted file.
func (b *batch) runKey(wanted func(*file) bool) string {
	h := sha256.New()
	fmt.Fprintf(h, "%v\x00", b.opts.Config.Settings)
	settings := map[*config.Config]string{b.opts.Config: ""}
	shared := map[*config.Config]string{} // the rules of files no per-file-ignores name
	var line []byte
	for _, f := range b.files {
		if f.skip || !wanted(f) {
			continue
		}
		line = append(line[:0], f.path...)
		cfg := b.opts.configFor(f.path)
		s, ok := settings[cfg]
		if !ok {
			s = fmt.Sprintf(" %v", cfg.Settings)
			settings[cfg] = s
		}
		line = append(line, s...)
		if cfg.HasFileIgnores(f.path) {
			line = append(line, enabledCodes(b.opts.Suite.Enabled(cfg, f.path))...)
		} else {
			codes, ok := shared[cfg]
			if !ok {
				codes = enabledCodes(b.opts.Suite.Enabled(cfg, f.path))
				shared[cfg] = codes
			}
			line = append(line, codes...)
		}
		h.Write(append(line, 0))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// enabledCodes lists the codes of rules, each after a space.
func enabledCodes(rules []*analysis.Rule) string {
	var b strings.Builder
	for _, r := range rules {
		b.WriteByte(' ')
		b.WriteString(r.Code)
	}
	return b.String()
}
