package lint

import (
	"bytes"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/diff"
	"github.com/asynclint/asynclint/analysis/project"
	"github.com/asynclint/asynclint/analysis/report"
	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/analysis/syntax"
)

// outcome is what checking one file produced.
type outcome struct {
	findings []report.Finding
	fixes    int
	fixed    []byte // the fixed source, when fixes changed it
	diff     string
}

// checker parses and checks files one at a time with its own parser.
type checker struct {
	opts   Options
	parser *syntax.Parser
}

func newChecker(opts Options) *checker {
	return &checker{opts: opts, parser: syntax.NewParser()}
}

func (c *checker) close() { c.parser.Close() }

// parse parses a source that contains no NUL byte (not Python source).
func (c *checker) parse(src []byte) (*syntax.Tree, error) {
	if bytes.IndexByte(src, 0) >= 0 {
		return nil, errNUL
	}
	return c.parser.Parse(src)
}

// summarize computes the summary of a parsed file of the run.
func (c *checker) summarize(tree *syntax.Tree, f *file) *project.Summary {
	sf := semantic.Build(tree)
	defer sf.Release()
	return summarize(&c.opts, sf, f)
}

// summarize computes the summary of a parsed file with opts.Summarize.
func summarize(opts *Options, sf *semantic.File, f *file) *project.Summary {
	if opts.Summarize == nil {
		return &project.Summary{Module: f.module, Path: f.path, Package: f.pkg}
	}
	s := opts.Summarize(sf, &opts.Config.Settings)
	s.Module, s.Path, s.Package = f.module, f.path, f.pkg
	return s
}

// checkAlone checks a source that is its own project, as standard input is.
func (c *checker) checkAlone(path string, src []byte) *outcome {
	tree, err := c.parse(src)
	if err != nil {
		return &outcome{findings: []report.Finding{fileNote(path, "syntax-error", err.Error())}}
	}
	var view semantic.Project
	if c.opts.Summarize != nil {
		s := c.summarize(tree, &file{path: path})
		view = project.NewIndex([]*project.Summary{s}, project.Options{Allowed: c.opts.Config.Settings.Blocking.Allowed}).For(s)
	}
	return c.checkTree(path, tree, view)
}

// checkTree runs the enabled rules over a parsed file of the project,
// applying fixes when asked.
func (c *checker) checkTree(path string, tree *syntax.Tree, view semantic.Project) *outcome {
	o := &outcome{}
	if analysis.ParseSuppressions(tree).SkipFile {
		return o
	}
	rules := EnabledRules(c.opts.Config, c.opts.Rules, path)
	check := func(t *syntax.Tree) []analysis.Diagnostic {
		file := semantic.Build(t)
		defer file.Release()
		file.Project = view
		return Diagnose(file, c.opts.Config, rules)
	}
	if c.opts.Fix || c.opts.Diff {
		src := tree.Src
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
