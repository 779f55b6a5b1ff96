package analysis

import (
	"sort"

	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/analysis/syntax"
)

// Check runs rules over one parsed file and returns their diagnostics in
// source order. A rule that panics is reported as a diagnostic of that rule
// instead of stopping the run.
func Check(tree *syntax.Tree, rules []*Rule, settings *Settings) []Diagnostic {
	return CheckInProject(tree, nil, rules, settings)
}

// CheckInProject is Check for a file of a project: rules may consult
// the other modules through project.
func CheckInProject(tree *syntax.Tree, project semantic.Project, rules []*Rule, settings *Settings) []Diagnostic {
	file := semantic.Build(tree)
	file.Project = project
	return CheckFile(file, rules, settings)
}

// CheckFile is Check for a file whose semantic model is built, its
// Project set when it is a module of a project.
func CheckFile(file *semantic.File, rules []*Rule, settings *Settings) []Diagnostic {
	if settings == nil {
		settings = DefaultSettings()
	}
	var diags []Diagnostic
	memo := map[any]any{}
	for _, r := range rules {
		pass := &Pass{Rule: r, File: file, Settings: settings, memo: memo}
		pass.Report = func(d Diagnostic) {
			d.Rule = r
			diags = append(diags, d)
		}
		runSafely(pass)
	}
	sort.SliceStable(diags, func(i, j int) bool {
		a, b := &diags[i], &diags[j]
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		return a.Rule.Code < b.Rule.Code
	})
	return diags
}
