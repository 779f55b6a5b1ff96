package check

import (
	"errors"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/fix"
	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/analysis/syntax"
)

// ErrStopped is returned by Fix when Options.Stop ended it.
var ErrStopped = errors.New("check stopped")

// maxFixRounds bounds Fix: fixes that keep producing new fixes are a
// bug, and must not hang the tool.
const maxFixRounds = 10

// Fix applies the fixes of the diagnostics Run reports with opts,
// re-parsing and re-checking after each round until nothing more applies,
// and deletes the imports each round leaves unused.
// Unsafe fixes are applied only when unsafe is set. A round is kept only if
// the result has no more syntax errors than before, counting what CPython
// rejects though tree-sitter accepts it (syntax.Tree.RejectedCount);
// otherwise its fixes are tried one at a time and the ones that break the
// code are dropped. It returns the final source and the number of fixes
// applied.
func Fix(p *syntax.Parser, src []byte, opts *Options, unsafe bool) ([]byte, int, error) {
	tree, err := p.Parse(src)
	if err != nil {
		return src, 0, err
	}
	total := 0
	for round := 0; round < maxFixRounds; round++ {
		res := Run(tree, opts)
		if res.Stopped {
			return tree.Src, total, ErrStopped
		}
		fixes := fixesOf(res.Diagnostics, unsafe)
		if len(fixes) == 0 {
			break
		}
		next, n, err := applyVerified(p, tree, fixes)
		if err != nil {
			return tree.Src, total, err
		}
		if n == 0 {
			break
		}
		if next, err = withoutUnusedImports(p, tree, next); err != nil {
			return tree.Src, total, err
		}
		tree, total = next, total+n
	}
	return tree.Src, total, nil
}

// withoutUnusedImports deletes from after the imports that the fixes which
// turned before into after left unused (fix.UnusedImports), unless that
// would add syntax errors.
func withoutUnusedImports(p *syntax.Parser, before, after *syntax.Tree) (*syntax.Tree, error) {
	old, cur := semantic.Build(before), semantic.Build(after)
	edits := fix.UnusedImports(old, cur)
	old.Release()
	cur.Release()
	if len(edits) == 0 {
		return after, nil
	}
	out, _ := fix.Apply(after.Src, []*analysis.Fix{{Edits: edits}})
	next, err := p.Parse(out)
	if err != nil {
		return nil, err
	}
	if next.RejectedCount() > after.RejectedCount() {
		return after, nil
	}
	return next, nil
}

func fixesOf(diags []analysis.Diagnostic, unsafe bool) []*analysis.Fix {
	var fixes []*analysis.Fix
	for _, d := range diags {
		if d.Fix != nil && (unsafe || d.Fix.Applicability == analysis.Safe) {
			fixes = append(fixes, d.Fix)
		}
	}
	return fixes
}

// applyVerified applies fixes to tree and returns the re-parsed result,
// dropping fixes that would add syntax errors.
func applyVerified(p *syntax.Parser, tree *syntax.Tree, fixes []*analysis.Fix) (*syntax.Tree, int, error) {
	base := tree.RejectedCount()
	out, n := fix.Apply(tree.Src, fixes)
	next, err := p.Parse(out)
	if err != nil {
		return nil, 0, err
	}
	if next.RejectedCount() <= base {
		return next, n, nil
	}
	applied := 0
	for _, f := range fixes {
		out, n := fix.Apply(tree.Src, []*analysis.Fix{f})
		if n == 0 {
			continue
		}
		candidate, err := p.Parse(out)
		if err != nil {
			return nil, 0, err
		}
		if candidate.RejectedCount() <= base {
			tree, applied = candidate, applied+1
			base = tree.RejectedCount()
		}
	}
	return tree, applied, nil
}
