// Package lint runs asynclint over files: it finds them, checks them in
// parallel with one parser per worker, applies suppressions and fixes, and
// turns diagnostics into findings ready to print.
package lint

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
	"unicode/utf8"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/config"
	"github.com/asynclint/asynclint/analysis/diff"
	"github.com/asynclint/asynclint/analysis/discover"
	"github.com/asynclint/asynclint/analysis/report"
	"github.com/asynclint/asynclint/analysis/syntax"
)

// DefaultMaxFileSize is the size above which a file is skipped with a note:
// such files are generated, not written by hand, and parsing one takes
// seconds and hundreds of megabytes.
const DefaultMaxFileSize = 10 << 20

// Options configure a run.
type Options struct {
	Paths  []string
	Config *config.Config
	Rules  []*analysis.Rule // the candidate rules; the config picks among them
	// Workers is the number of files checked at once; 0 means one per CPU.
	Workers int
	// Fix applies safe fixes (and unsafe ones with UnsafeFixes). With Diff,
	// nothing is written: Result.Diff shows what would change.
	Fix, UnsafeFixes, Diff bool
	// Stdin, when set, is checked instead of Paths, as file StdinFilename.
	// Fixed source is written to Output instead of the file.
	Stdin         io.Reader
	StdinFilename string
	Output        io.Writer
	MaxFileSize   int64
}

// Result is the outcome of a run.
type Result struct {
	Findings     []report.Finding
	FixesApplied int
	Diff         string // unified diff of the fixes, with Options.Diff
	Files        int    // number of files checked
	Bytes        int64  // total size of the files checked
}

// Run checks the files named by opts.
func Run(opts Options) (*Result, error) {
	if opts.MaxFileSize == 0 {
		opts.MaxFileSize = DefaultMaxFileSize
	}
	if opts.Stdin != nil {
		return runStdin(opts)
	}
	files, errs := discover.Walk(opts.Paths, discover.Options{
		Exclude:          opts.Config.Exclude,
		ExcludeRoot:      opts.Config.Root,
		RespectGitignore: true,
	})
	res := &Result{Files: len(files)}
	for _, err := range errs {
		res.Findings = append(res.Findings, fileNote(pathOf(err), "io-error", err.Error()))
	}
	outcomes := make([]*outcome, len(files))
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(workers, max(len(files), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := newChecker(opts)
			defer c.close()
			for i := range jobs {
				outcomes[i] = c.checkPath(files[i])
			}
		}()
	}
	for i := range files {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	var diffs bytes.Buffer
	for _, o := range outcomes {
		res.Findings = append(res.Findings, o.findings...)
		res.FixesApplied += o.fixes
		res.Bytes += o.size
		diffs.WriteString(o.diff)
	}
	res.Diff = diffs.String()
	sortFindings(res.Findings)
	return res, nil
}

func runStdin(opts Options) (*Result, error) {
	src, err := io.ReadAll(io.LimitReader(opts.Stdin, opts.MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("reading standard input: %w", err)
	}
	name := opts.StdinFilename
	if name == "" {
		name = "-"
	}
	res := &Result{Files: 1, Bytes: int64(len(src))}
	if name != "-" && opts.Config != nil && (discover.Options{Exclude: opts.Config.Exclude, ExcludeRoot: opts.Config.Root}).Excluded(name) {
		if opts.Fix && opts.Output != nil {
			_, err := opts.Output.Write(src)
			return &Result{}, err
		}
		return &Result{}, nil
	}
	c := newChecker(opts)
	defer c.close()
	o := c.check(name, src)
	if opts.Fix && !opts.Diff && opts.Output != nil {
		out := src
		if o.fixed != nil {
			out = o.fixed
		}
		if _, err := opts.Output.Write(out); err != nil {
			return nil, err
		}
	}
	res.Findings, res.FixesApplied, res.Diff = o.findings, o.fixes, o.diff
	sortFindings(res.Findings)
	return res, nil
}

// outcome is what checking one file produced.
type outcome struct {
	findings []report.Finding
	fixes    int
	fixed    []byte // the fixed source, when fixes changed it
	diff     string
	size     int64
}

// checker checks files one at a time with its own parser.
type checker struct {
	opts   Options
	parser *syntax.Parser
}

func newChecker(opts Options) *checker {
	return &checker{opts: opts, parser: syntax.NewParser()}
}

func (c *checker) close() { c.parser.Close() }

func (c *checker) checkPath(path string) *outcome {
	info, err := os.Stat(path)
	if err != nil {
		return &outcome{findings: []report.Finding{fileNote(path, "io-error", describe(err))}}
	}
	if info.Size() > c.opts.MaxFileSize {
		return &outcome{findings: []report.Finding{fileNote(path, "skipped",
			fmt.Sprintf("file is %.1f MB, larger than the %d MB limit; skipped", float64(info.Size())/(1<<20), c.opts.MaxFileSize>>20))}}
	}
	src, err := os.ReadFile(path)
	if err != nil {
		return &outcome{findings: []report.Finding{fileNote(path, "io-error", describe(err))}}
	}
	o := c.check(path, src)
	o.size = int64(len(src))
	if o.fixed != nil && !c.opts.Diff {
		if err := writeAtomic(path, o.fixed, info.Mode().Perm()); err != nil {
			o.findings = append(o.findings, fileNote(path, "io-error", "cannot write fixes: "+describe(err)))
			o.fixes = 0
		}
	}
	return o
}

// check analyses one file's source.
func (c *checker) check(path string, src []byte) *outcome {
	o := &outcome{size: int64(len(src))}
	if int64(len(src)) > c.opts.MaxFileSize {
		o.findings = append(o.findings, fileNote(path, "skipped",
			fmt.Sprintf("source is larger than the %d MB limit; skipped", c.opts.MaxFileSize>>20)))
		return o
	}
	if i := bytes.IndexByte(src, 0); i >= 0 {
		o.findings = append(o.findings, fileNote(path, "syntax-error", "file contains a NUL byte: not Python source; skipped"))
		return o
	}
	tree, err := c.parser.Parse(src)
	if err != nil {
		o.findings = append(o.findings, fileNote(path, "syntax-error", err.Error()))
		return o
	}
	if analysis.ParseSuppressions(tree).SkipFile {
		return o
	}
	rules := EnabledRules(c.opts.Config, c.opts.Rules, path)
	check := func(t *syntax.Tree) []analysis.Diagnostic { return Diagnose(t, c.opts.Config, rules) }
	if c.opts.Fix || c.opts.Diff {
		fixed, n, err := analysis.FixLoop(c.parser, src, check, c.opts.UnsafeFixes)
		if err == nil && n > 0 && !bytes.Equal(fixed, src) {
			o.fixes, o.fixed = n, fixed
			if c.opts.Diff {
				o.diff = diff.Unified(path, path, src, fixed)
			} else if tree, err = c.parser.Parse(fixed); err != nil {
				o.findings = append(o.findings, fileNote(path, "syntax-error", err.Error()))
				return o
			}
		}
	}
	for _, n := range SyntaxNotes(tree) {
		o.findings = append(o.findings, noteAt(path, tree, n.Offset, "syntax-error", n.Message))
	}
	for _, d := range check(tree) {
		o.findings = append(o.findings, toFinding(path, tree, d))
	}
	return o
}

// EnabledRules returns the rules among all that cfg enables for path.
func EnabledRules(cfg *config.Config, all []*analysis.Rule, path string) []*analysis.Rule {
	var rules []*analysis.Rule
	for _, r := range all {
		if cfg.Enabled(r.Code, r.Default, path) {
			rules = append(rules, r)
		}
	}
	return rules
}

// Diagnose runs rules over tree with cfg's settings and returns the
// diagnostics that remain after noqa comments and the parts of the file
// that do not parse are taken out. A skip-file comment is the caller's to
// honour.
func Diagnose(tree *syntax.Tree, cfg *config.Config, rules []*analysis.Rule) []analysis.Diagnostic {
	settings := cfg.Settings
	return filter(tree, analysis.Check(tree, rules, &settings), analysis.ParseSuppressions(tree))
}

// A Note is a problem with the file itself at a byte offset.
type Note struct {
	Offset  int
	Message string
}

// SyntaxNotes returns the notes about a file's syntax: invalid UTF-8, and
// the first part that does not parse.
func SyntaxNotes(tree *syntax.Tree) []Note {
	var notes []Note
	if !utf8.Valid(tree.Src) {
		notes = append(notes, Note{invalidUTF8Offset(tree.Src), "file is not valid UTF-8; Python will refuse to import it"})
	}
	if e := tree.FirstError(); e != syntax.NoNode {
		notes = append(notes, Note{int(tree.Nodes[e].Start), syntaxErrorMessage(tree, e)})
	}
	return notes
}

// filter drops diagnostics silenced by noqa comments and those inside a
// part of the file that does not parse, where the tree is a guess.
func filter(t *syntax.Tree, diags []analysis.Diagnostic, supp *analysis.Suppressions) []analysis.Diagnostic {
	if len(diags) == 0 {
		return diags
	}
	var broken [][2]int
	for i := range t.Nodes {
		if n := &t.Nodes[i]; n.IsError() {
			broken = append(broken, [2]int{int(n.Start), int(n.End)})
		}
	}
	kept := diags[:0]
next:
	for _, d := range diags {
		if d.Rule != nil && supp.Suppressed(d.Rule, t.LineOf(d.Start)) {
			continue
		}
		for _, b := range broken {
			if b[0] <= d.Start && d.Start < b[1] {
				continue next
			}
		}
		kept = append(kept, d)
	}
	return kept
}

// syntaxErrorMessage describes the first unparsable part of a file.
func syntaxErrorMessage(t *syntax.Tree, e syntax.NodeID) string {
	n := &t.Nodes[e]
	if n.IsMissing() {
		return fmt.Sprintf("cannot parse: expected %q; checks inside the broken part are skipped", t.Kind(e).String())
	}
	text := t.Text(e)
	if i := bytes.IndexAny([]byte(text), "\r\n"); i >= 0 {
		text = text[:i]
	}
	if len(text) > 40 {
		text = text[:40] + "..."
	}
	return fmt.Sprintf("cannot parse: unexpected %q; checks inside the broken part are skipped", text)
}

func invalidUTF8Offset(src []byte) int {
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return 0
}

func sortFindings(fs []report.Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := &fs[i], &fs[j]
		if a.Path != b.Path {
			return a.Path < b.Path
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

// writeAtomic replaces path by a file with data, so that an interrupted
// run never leaves a half-written source file.
func writeAtomic(path string, data []byte, perm os.FileMode) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".asynclint-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(perm); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
