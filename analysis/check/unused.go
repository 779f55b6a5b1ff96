package check

import (
	"fmt"
	"slices"
	"strings"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/syntax"
)

// UnusedNoqaCode is the code of the rule that Run reports itself, since
// only the pipeline sees every rule's findings: a noqa comment, or a code
// in one, that silences nothing.
const UnusedNoqaCode = "AL901"

// unusedNoqa reports, for rule r, the noqa comments that name codes of
// the rules that ran (ran) and silence nothing by them, and codes listed
// twice. A comment naming no code, codes of other tools (even those that
// stand for a rule that ran: that tool may still report there), and codes
// of rules that did not run are left alone, since asynclint cannot tell
// whether they are needed; so is a comment naming r itself.
func unusedNoqa(t *syntax.Tree, supp *Suppressions, r *analysis.Rule, ran []*analysis.Rule) []analysis.Diagnostic {
	judged := map[string]bool{}
	for _, rule := range ran {
		judged[rule.Code] = true
	}
	var diags []analysis.Diagnostic
	for _, n := range supp.lines {
		if len(n.codes) == 0 || slices.ContainsFunc(n.codes, func(c noqaCode) bool { return r.Names(c.code) }) {
			continue
		}
		var kept, unused, repeated []string
		seen := map[string]bool{}
		for _, c := range n.codes {
			switch {
			case seen[c.code]:
				repeated = append(repeated, c.code)
			case judged[c.code] && !c.used:
				unused = append(unused, c.code)
			default:
				kept = append(kept, string(t.Src[c.start:c.end]))
			}
			seen[c.code] = true
		}
		if len(unused) == 0 && len(repeated) == 0 {
			continue
		}
		diags = append(diags, unusedNoqaDiagnostic(t, n, r, kept, unused, repeated))
	}
	return diags
}

// unusedNoqaDiagnostic describes a noqa comment with codes to remove and
// the fix that removes them, or the whole comment when none is kept.
func unusedNoqaDiagnostic(t *syntax.Tree, n *noqa, r *analysis.Rule, kept, unused, repeated []string) analysis.Diagnostic {
	var reasons []string
	if len(unused) > 0 {
		reasons = append(reasons, fmt.Sprintf("%s %s nothing on this line", strings.Join(unused, ", "), plural(len(unused), "reports", "report")))
	}
	if len(repeated) > 0 {
		reasons = append(reasons, fmt.Sprintf("%s %s listed twice", strings.Join(repeated, ", "), plural(len(repeated), "is", "are")))
	}
	removed := slices.Concat(unused, repeated)
	d := analysis.Diagnostic{Rule: r, Start: n.start, End: n.end}
	if len(kept) == 0 {
		d.Message = "this noqa comment silences nothing: " + strings.Join(reasons, "; ") + "; remove it"
		d.Fix = &analysis.Fix{Message: "Remove the noqa comment", Applicability: analysis.Safe, Edits: []analysis.TextEdit{deleteComment(t, n.start, n.end)}}
	} else {
		d.Message = fmt.Sprintf("this noqa comment names codes that silence nothing: %s; remove %s from it",
			strings.Join(reasons, "; "), strings.Join(removed, ", "))
		d.Fix = &analysis.Fix{Message: "Remove " + strings.Join(removed, ", ") + " from the noqa comment", Applicability: analysis.Safe,
			Edits: []analysis.TextEdit{{Start: n.codesStart, End: n.codesEnd, NewText: strings.Join(kept, ", ")}}}
	}
	return d
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// deleteComment returns the edit that removes the text [start, end) of a
// comment: with the blanks before it when it ends the line, with the whole
// line when nothing else is on it, and up to the next comment when one
// follows ("# noqa: X  # type: ignore"). Any other text after it on the
// line is taken to be its explanation and goes with it.
func deleteComment(t *syntax.Tree, start, end int) analysis.TextEdit {
	line := t.LineOf(start)
	lineStart, lineEnd := t.LineStart(line), t.Lines().End(line)
	src := t.Src
	lead := start
	for lead > lineStart && (src[lead-1] == ' ' || src[lead-1] == '\t') {
		lead--
	}
	trail := end
	for trail < lineEnd && (src[trail] == ' ' || src[trail] == '\t') {
		trail++
	}
	switch {
	case lead == lineStart && trail == lineEnd:
		return analysis.TextEdit{Start: lineStart, End: t.LineStart(line + 1)}
	case trail < lineEnd && src[trail] == '#':
		return analysis.TextEdit{Start: start, End: trail}
	}
	return analysis.TextEdit{Start: lead, End: lineEnd}
}
