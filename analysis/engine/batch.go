package engine

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"sync/atomic"

	"github.com/asynclint/asynclint/analysis/cache"
	"github.com/asynclint/asynclint/analysis/check"
	"github.com/asynclint/asynclint/analysis/config"
	"github.com/asynclint/asynclint/analysis/project"
	"github.com/asynclint/asynclint/analysis/report"
	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/analysis/source"
	"github.com/asynclint/asynclint/analysis/syntax"
	"github.com/asynclint/asynclint/version"
)

// A batch is one run over a project: the loader's files, then their
// checks.
type batch struct {
	*loader
	opts     Options
	index    *project.Index
	notes    []report.Finding // about paths that are not files of the project
	outcomes []outcome        // by file index
	changed  atomic.Bool      // something differs from the cache
	// checked says, by file index, which files are checked and reported;
	// nil when all are.
	checked []bool
	// stdin is the file given as standard input, and stdinFixed its fixed
	// source.
	stdin      *file
	stdinFixed []byte
}

// outcome is what checking one file produced.
type outcome struct {
	findings    []report.Finding
	findingsKey string // identifies the findings in the cache
	fixes       int
	fixed       []byte // the fixed source, when fixes changed it
	diff        string
}

func newBatch(opts Options, l *loader) *batch {
	l.progress = newProgress(opts.Progress)
	l.keep = l.keepForCheck
	return &batch{loader: l, opts: opts, outcomes: make([]outcome, len(l.files))}
}

// check produces the findings of every wanted file, from the cache when
// neither the file, the configuration nor the facts it depends on changed.
func (b *batch) check() {
	var wanted []int
	for i, f := range b.files {
		if f.wanted && !f.skip && b.reports(f) {
			wanted = append(wanted, i)
		}
	}
	b.progress.start("checking", len(wanted))
	b.forEach(wanted, func(p *syntax.Parser, f *file) {
		o := &b.outcomes[f.index]
		if b.cache != nil { // the key is the cache's only
			o.findingsKey = b.findingsKey(f)
		}
		if f.entry != nil && f.entry.FindingsKey == o.findingsKey && f.entry.Hash == f.hash {
			o.findings = f.entry.Findings
			return
		}
		b.changed.Store(true)
		var tree *syntax.Tree
		if f.tree != nil {
			tree, f.tree = f.tree.Unpack(), nil
		} else {
			if !f.read(b.opts.MaxFileSize) {
				return
			}
			var err error
			if tree, err = parse(p, f.text); err != nil {
				o.findings = []report.Finding{fileNote(f.path, "skipped", err.Error())}
				return
			}
			b.parsed.Add(1)
		}
		key, view := o.findingsKey, b.view(f)
		*o = *b.checkTree(p, f, tree, view, b.opts.Fix || b.opts.Diff)
		o.findingsKey = key
		f.release()
		if o.fixed != nil && !b.opts.Diff {
			if err := b.writeFixed(f, o.fixed); err != nil {
				// The file keeps its findings, which the cache keeps too;
				// the note is about this run only.
				*o = *b.checkTree(p, f, tree, view, false)
				o.findingsKey = key
				f.notes = append(f.notes, fileNote(f.path, "io-error", "fixes not written: "+describe(err)))
			}
		}
	})
}

// checkTree runs the rules enabled for f over its parsed text, seeing the
// rest of the project through view, and applies fixes when fix is set.
// Notes about fixing, which are about this run only, go to f.notes.
func (b *batch) checkTree(p *syntax.Parser, f *file, tree *syntax.Tree, view *project.View, fix bool) *outcome {
	path := f.path
	cfg := b.opts.configFor(path)
	opts := &check.Options{
		Rules:    b.opts.Suite.Enabled(cfg, path),
		Settings: &cfg.Settings,
		Project:  func(*semantic.File) *project.View { return view },
	}
	o := &outcome{}
	if fix {
		src := tree.Src
		fixed, n, err := check.Fix(p, src, opts, b.opts.UnsafeFixes)
		if err != nil {
			f.notes = append(f.notes, fileNote(path, "skipped", "fixes not applied: cannot parse the fixed text: "+err.Error()))
		} else if n > 0 && !bytes.Equal(fixed, src) {
			o.fixes, o.fixed = n, fixed
			if b.opts.Diff {
				o.diff = b.diffOf(path, src, fixed)
			} else if tree, err = p.Parse(fixed); err != nil {
				o.findings = append(o.findings, fileNote(path, "skipped", err.Error()))
				return o
			}
		}
	}
	res := check.Run(tree, opts)
	loc := newLocator(path, tree)
	for _, n := range res.Notes {
		o.findings = append(o.findings, loc.note(n.Offset, "syntax-error", n.Message))
	}
	for _, d := range res.Diagnostics {
		o.findings = append(o.findings, loc.finding(d))
	}
	if config.IsNotebook(path) {
		b.locateCells(path, tree.Src, o.findings)
	}
	return o
}

// view returns the project as seen from f.
func (b *batch) view(f *file) *project.View {
	if f.summary == nil {
		return nil
	}
	return b.index.For(f.summary)
}

// findingsKey identifies a file's findings: its content, the rules and
// settings that apply to it, and the facts of the project it depends on.
func (b *batch) findingsKey(f *file) string {
	digest := ""
	if f.summary != nil {
		digest = b.index.Digest(f.summary)
	}
	var codes bytes.Buffer
	cfg := b.opts.configFor(f.path)
	for _, rule := range b.opts.Suite.Enabled(cfg, f.path) {
		codes.WriteString(rule.Code)
	}
	return cache.Key("findings", version.Version, f.hash, f.path, codes.String(),
		fmt.Sprintf("%v", cfg.Settings), digest)
}

// store saves what this run learned for the next one, unless it learned
// nothing: every file came from the cache unchanged. Fixed files are left
// out: their content changed since they were read.
func (b *batch) store() {
	b.loader.store(b.changed.Load(), b.storedRun(), func(f *file, e *cache.Entry) bool {
		o := &b.outcomes[f.index]
		if o.fixes > 0 || f == b.stdin {
			return false
		}
		b.carry(f, e)
		if f.wanted {
			e.FindingsKey, e.Findings = o.findingsKey, o.findings
		}
		return true
	})
}

func (b *batch) result(w *walk) *Result {
	res := &Result{Parsed: int(b.parsed.Load()), Empty: w.empty}
	res.Findings = append(res.Findings, b.notes...)
	var diffs strings.Builder
	for _, f := range b.files {
		if !b.reports(f) {
			continue
		}
		res.Files++
		o := &b.outcomes[f.index]
		res.Findings = append(append(res.Findings, f.notes...), o.findings...)
		res.FixesApplied += o.fixes
		res.Bytes += f.size
		diffs.WriteString(o.diff)
	}
	res.Diff = diffs.String()
	sortFindings(res.Findings)
	return res
}

func sortFindings(fs []report.Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := &fs[i], &fs[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Cell != b.Cell {
			return a.Cell < b.Cell
		}
		if a.Start.Line != b.Start.Line {
			return a.Start.Line < b.Start.Line
		}
		if a.Start.Column != b.Start.Column {
			return a.Start.Column < b.Start.Column
		}
		return a.Code < b.Code
	})
}

// writeFixes writes the fixed text of a file back, encoded as it was read,
// unless the file changed since it was read.
func writeFixes(sf *source.File, fixed []byte) error {
	data, err := sf.Encode(fixed)
	if err != nil {
		return err
	}
	return sf.Replace(data)
}
