// Package check runs rules over one file: the one pipeline that the
// command line, the language server, the fix loop and the rules' tests
// share. It honours skip-file comments, builds the file's semantic model,
// runs the rules, each behind a guard against panics, drops what noqa
// comments silence, what lies in parts of the file that do not parse, and
// warnings in branches the target Python version never runs, and reports
// the noqa comments that silence nothing (AL901).
package check

import (
	"bytes"
	"fmt"
	"slices"
	"sort"
	"unicode/utf8"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/config"
	"github.com/asynclint/asynclint/analysis/project"
	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/analysis/source"
	"github.com/asynclint/asynclint/analysis/syntax"
)

// Options say how a file is checked.
type Options struct {
	// Rules are the rules enabled for the file.
	Rules    []*analysis.Rule
	Settings *config.Settings // nil: the defaults
	// Project returns the rest of the project as the module that file
	// models sees it; nil, or a nil View, for a file checked on its own.
	Project func(file *semantic.File) *project.View
	// Stop, when set, is asked between the steps of the check (the
	// semantic model, the project's view, each rule) whether it is still
	// wanted (its text was edited again, say); once it says so, Run
	// returns at once with Result.Stopped set.
	Stop func() bool
	// Last, when set, is the check of an earlier text of the same file
	// with the same Rules, Settings and project: Run keeps the findings of
	// the statements that the edits since left alone when it can (see
	// incremental.go).
	Last *Result
}

// A Result is what checking a file found.
type Result struct {
	// SkipFile is set by a "# asynclint: skip-file" comment: nothing else
	// is reported.
	SkipFile bool
	// Notes are problems with the file itself: invalid UTF-8, the first
	// part that does not parse.
	Notes []Note
	// Diagnostics are the rules' findings, in source order.
	Diagnostics []analysis.Diagnostic
	// Stopped is set when Options.Stop ended the check: the rest is partial.
	Stopped bool

	base *baseline // what the check of a later text may reuse, or nil
}

// A Note is a problem with the file itself at a byte offset.
type Note struct {
	Offset  int
	Message string
}

// Run checks a parsed file.
func Run(tree *syntax.Tree, opts *Options) *Result {
	supp := ParseSuppressions(tree)
	if supp.SkipFile {
		return &Result{SkipFile: true}
	}
	diags, base, stopped := diagnose(tree, opts, supp)
	return &Result{Notes: SyntaxNotes(tree), Diagnostics: diags, Stopped: stopped, base: base}
}

// diagnose runs the rules over tree and returns the diagnostics that
// supp and the parts of the file that parse leave, with what a check of a
// later text may reuse.
func diagnose(tree *syntax.Tree, opts *Options, supp *Suppressions) (diags []analysis.Diagnostic, base *baseline, stopped bool) {
	if len(opts.Rules) == 0 {
		return nil, nil, false
	}
	stop := func() bool { return opts.Stop != nil && opts.Stop() }
	file := semantic.Build(tree)
	defer file.Release()
	settings := opts.Settings
	if settings == nil {
		settings = config.DefaultSettings()
	}
	if stop() {
		return nil, nil, true
	}
	var view *project.View
	if opts.Project != nil {
		view = opts.Project(file)
	}
	if stop() {
		return nil, nil, true
	}
	var last *baseline
	if opts.Last != nil {
		last = opts.Last.base
	}
	var bindings []semantic.InterfaceBinding // of the module's names
	for _, b := range file.InterfaceBindings() {
		if b.Scope == 0 {
			bindings = append(bindings, b)
		}
	}
	reused := last.reuse(file, bindings, view, opts.Rules, settings)
	focused := tree
	if reused != nil {
		// The rules look only at the statements to check again, but for
		// those that need the whole file.
		focused = tree.Within(reused.spans)
		defer func() { file.Tree = tree }()
	}
	memo, wholeMemo := map[any]any{}, map[any]any{}
	if reused == nil {
		wholeMemo = memo // the focus is the whole file
	}
	var wholeDiags []analysis.Diagnostic // Whole's findings, which a later check finds again
	var ran []*analysis.Rule             // the rules that ran to the end
	complete := true                     // and they all did
	var unusedNoqaRule *analysis.Rule
	for _, r := range opts.Rules {
		if stop() {
			return nil, nil, true
		}
		if r.Code == UnusedNoqaCode {
			unusedNoqaRule = r
			continue
		}
		ok := true
		if r.Run != nil {
			file.Tree = focused
			ok = runSafely(analysis.NewPass(r, file, settings, view, memo, func(d analysis.Diagnostic) {
				if reused == nil || reused.within(&d) {
					d.Rule = r
					diags = append(diags, d)
				}
			}), r.Run)
		}
		if r.Whole != nil {
			file.Tree = tree
			ok = runSafely(analysis.NewPass(r, file, settings, view, wholeMemo, func(d analysis.Diagnostic) {
				d.Rule = r
				wholeDiags = append(wholeDiags, d)
			}), r.Whole) && ok
		}
		if ok {
			ran = append(ran, r)
		} else {
			complete = false
		}
	}
	file.Tree = tree
	if reused != nil {
		diags = append(diags, reused.kept...)
	}
	if complete {
		base = &baseline{tree: tree, rules: opts.Rules, settings: settings, bindings: bindings, raw: slices.Clone(diags)}
		if view != nil {
			base.summary, base.view = view.Summary(), view
		}
	}
	diags = append(diags, wholeDiags...)
	diags = filter(tree, diags, supp, deadBranches(file, settings.TargetVersion))
	if unusedNoqaRule != nil && !tree.HasError() {
		// Only a file that parses: elsewhere the rules see part of it.
		diags = append(diags, unusedNoqa(tree, supp, unusedNoqaRule, ran)...)
	}
	if newline := source.FirstNewline(tree.Src); newline == "\r\n" {
		for _, d := range diags {
			if d.Fix != nil {
				for i := range d.Fix.Edits {
					d.Fix.Edits[i].NewText = source.WithNewline(d.Fix.Edits[i].NewText, newline)
				}
			}
		}
	}
	sort.SliceStable(diags, func(i, j int) bool {
		a, b := &diags[i], &diags[j]
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		return a.Rule.Code < b.Rule.Code
	})
	return diags, base, false
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

// filter drops diagnostics silenced by noqa comments, those inside a part
// of the file that does not parse, where the tree is a guess, and warnings
// in dead branches; errors stay, since CPython compiles those branches too.
func filter(t *syntax.Tree, diags []analysis.Diagnostic, supp *Suppressions, dead [][2]int) []analysis.Diagnostic {
	if len(diags) == 0 {
		return diags
	}
	var broken [][2]int
	for i := int(t.FirstError()); i >= 0 && i < len(t.Nodes); i++ {
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
		if d.Rule == nil || d.Rule.Severity != analysis.Error {
			for _, b := range dead {
				if b[0] <= d.Start && d.Start < b[1] {
					continue next
				}
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
