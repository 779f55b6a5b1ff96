package check

import (
	"slices"
	"strings"
	"testing"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/config"
	"github.com/asynclint/asynclint/analysis/syntax"
)

// callRule reports each call, and notes the calls it looked at in seen.
func callRule(seen *[]string) *analysis.Rule {
	return &analysis.Rule{Code: "AL100", Run: func(p *analysis.Pass) {
		t := p.File.Tree
		for c := range t.OfKind(syntax.Call) {
			*seen = append(*seen, t.Text(c))
			p.Report(analysis.Diagnostic{Start: int(t.Nodes[c].Start), End: int(t.Nodes[c].End), Message: "call"})
		}
	}}
}

// reported returns the texts of the calls that diags report in src.
func reported(src []byte, diags []analysis.Diagnostic) []string {
	var out []string
	for _, d := range diags {
		out = append(out, string(src[d.Start:d.End]))
	}
	return out
}

const threeFunctions = "async def one():\n    first()\n\n\nasync def two():\n    second()\n\n\nasync def three():\n    third()\n"

// TestBrokenStatementCheckedAlone types an unclosed bracket into the middle
// function: the document confines the error to it, and the check runs the
// rules over it alone and keeps the findings of the others.
func TestBrokenStatementCheckedAlone(t *testing.T) {
	var seen []string
	opts := &Options{Rules: []*analysis.Rule{callRule(&seen)}, Settings: config.DefaultSettings()}
	doc := syntax.NewDocument([]byte(threeFunctions))
	defer doc.Close()
	tree, err := doc.Parse()
	if err != nil {
		t.Fatal(err)
	}
	last := Run(tree, opts)
	at := strings.Index(threeFunctions, "second()") + len("second()")
	doc.Replace(at, at, []byte("\n    value = normalize(r"))
	if tree, err = doc.Parse(); err != nil {
		t.Fatal(err)
	}
	seen = nil
	incremental := *opts
	incremental.Last = last
	res := Run(tree, &incremental)
	if want := []string{"second()", "normalize(r"}; !slices.Equal(seen, want) && !slices.Equal(seen, want[:1]) {
		t.Errorf("the rule looked at %q, want only the calls of two()", seen)
	}
	if got, want := reported(tree.Src, res.Diagnostics), []string{"first()", "second()", "third()"}; !slices.Equal(got, want) {
		t.Errorf("findings at %q, want %q", got, want)
	}
	if len(res.Notes) != 1 || !strings.Contains(string(tree.Src[res.Notes[0].Offset:]), "normalize(r\n\n\nasync def three") {
		t.Errorf("notes %+v, want one in the line typed", res.Notes)
	}
}

// TestErrorsSpreadOverStatements checks a parse of the whole text, where
// the unclosed bracket swallows the function after it: the rules run over
// that function again.
func TestErrorsSpreadOverStatements(t *testing.T) {
	var seen []string
	opts := &Options{Rules: []*analysis.Rule{callRule(&seen)}, Settings: config.DefaultSettings()}
	last := Run(parse(t, threeFunctions), opts)
	at := strings.Index(threeFunctions, "second()") + len("second()")
	src := threeFunctions[:at] + "\n    value = normalize(r" + threeFunctions[at:]
	tree := parse(t, src)
	seen = nil
	incremental := *opts
	incremental.Last = last
	got := Run(tree, &incremental)
	if looked := seen; slices.Contains(looked, "first()") || !slices.Contains(looked, "third()") {
		t.Errorf("the rule looked at %q, want all but the function before the error", looked)
	}
	if want := Run(tree, opts); !slices.Equal(reported(tree.Src, got.Diagnostics), reported(tree.Src, want.Diagnostics)) {
		t.Errorf("findings at %q, want %q", reported(tree.Src, got.Diagnostics), reported(tree.Src, want.Diagnostics))
	}
}

// TestSameTextParsedOtherwise edits the statement before one whose text
// stays, but which the error before it makes tree-sitter parse otherwise:
// its findings are not kept.
func TestSameTextParsedOtherwise(t *testing.T) {
	lists := &analysis.Rule{Code: "AL100", Run: func(p *analysis.Pass) {
		for id := range p.File.Tree.OfKind(syntax.ExpressionList) {
			p.Reportf(id, nil, "a list of expressions")
		}
	}}
	opts := &Options{Rules: []*analysis.Rule{lists}, Settings: config.DefaultSettings()}
	last := Run(parse(t, "y = 1\nx = a, b\n"), opts)
	tree := parse(t, "[0] = 1\nx = a, b\n") // "a, b" is a pattern list here
	incremental := *opts
	incremental.Last = last
	if got, want := reported(tree.Src, Run(tree, &incremental).Diagnostics), reported(tree.Src, Run(tree, opts).Diagnostics); !slices.Equal(got, want) {
		t.Errorf("findings at %q, want %q", got, want)
	}
}
