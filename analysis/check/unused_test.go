package check

import (
	"strings"
	"testing"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/fix"
	"github.com/asynclint/asynclint/analysis/syntax"
)

func parse(t *testing.T, src string) *syntax.Tree {
	t.Helper()
	p := syntax.NewParser()
	defer p.Close()
	tree, err := p.Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return tree
}

// flagLines returns a rule that reports every line containing "flag".
func flagLines(code string, sameAs ...string) *analysis.Rule {
	return &analysis.Rule{Code: code, SameAs: sameAs, Run: func(p *analysis.Pass) {
		src := p.File.Tree.Src
		for i := 0; i < len(src); {
			j := strings.Index(string(src[i:]), "flag")
			if j < 0 {
				return
			}
			p.Report(analysis.Diagnostic{Start: i + j, End: i + j + 4, Message: "flagged"})
			i += j + 4
		}
	}}
}

var unusedRule = &analysis.Rule{Code: UnusedNoqaCode, SameAs: []string{"RUF100"}, Run: func(*analysis.Pass) {}}

func TestUnusedNoqa(t *testing.T) {
	flag := flagLines("AL100", "X100")
	panics := &analysis.Rule{Code: "AL300", Run: func(*analysis.Pass) { panic("broken") }}
	for _, tt := range []struct {
		name, src, want string // want: the fixed line, or "" for no report
	}{
		{"used", "flag()  # noqa: AL100\n", ""},
		{"unused", "x = 1  # noqa: AL100\n", "x = 1\n"},
		{"bare", "x = 1  # noqa\n", ""},
		{"other tool", "x = 1  # noqa: X100, E501\n", ""},
		{"not enabled", "x = 1  # noqa: AL200\n", ""},
		{"rule that panicked", "x = 1  # noqa: AL300\n", ""},
		{"partly used", "flag()  # noqa: E501,AL100 ,AL200\n", ""},
		{"partly unused", "x = 1  # noqa: E501, al100\n", "x = 1  # noqa: E501\n"},
		{"repeated", "flag()  # noqa: AL100, AL100\n", "flag()  # noqa: AL100\n"},
		{"self", "x = 1  # noqa: AL100, RUF100\n", ""},
		{"explanation", "x = 1  # noqa: AL100 fixed since\n", "x = 1\n"},
		{"before a comment", "x = 1  # noqa: AL100  # type: ignore\n", "x = 1  # type: ignore\n"},
		{"after a comment", "x = 1  # type: ignore # noqa: AL100\n", "x = 1  # type: ignore\n"},
		{"own line", "# noqa: AL100\nx = 1\n", "x = 1\n"},
		{"no final newline", "x = 1  # noqa: AL100", "x = 1"},
		{"CRLF", "x = 1  # noqa: AL100\r\ny = 2\r\n", "x = 1\r\ny = 2\r\n"},
		{"string", "x = '# noqa: AL100'\n", ""},
		{"broken file", "x = 1  # noqa: AL100\ny = (\n", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tree := parse(t, tt.src)
			var found []analysis.Diagnostic
			for _, d := range Run(tree, &Options{Rules: []*analysis.Rule{flag, panics, unusedRule}}).Diagnostics {
				if d.Rule == unusedRule {
					found = append(found, d)
				}
			}
			if tt.want == "" {
				if len(found) > 0 {
					t.Fatalf("reported %q", found[0].Message)
				}
				return
			}
			if len(found) != 1 || found[0].Fix == nil {
				t.Fatalf("reported %d, want 1 with a fix", len(found))
			}
			if got, _ := fix.Apply(tree.Src, []*analysis.Fix{found[0].Fix}); string(got) != tt.want {
				t.Errorf("fixed to %q, want %q", got, tt.want)
			}
		})
	}
}

func TestUnusedNoqaOff(t *testing.T) {
	tree := parse(t, "x = 1  # noqa: AL100\n")
	if diags := Run(tree, &Options{Rules: []*analysis.Rule{flagLines("AL100")}}).Diagnostics; len(diags) != 0 {
		t.Errorf("reported %q with %s not enabled", diags[0].Message, UnusedNoqaCode)
	}
}

func TestSuppressedByAnotherToolsCode(t *testing.T) {
	tree := parse(t, "flag()  # noqa: X100\nflag()  # noqa: AL200\n")
	diags := Run(tree, &Options{Rules: []*analysis.Rule{flagLines("AL100", "X100"), unusedRule}}).Diagnostics
	if len(diags) != 1 || tree.LineOf(diags[0].Start) != 2 {
		t.Errorf("got %d diagnostics, want the unsilenced one of line 2", len(diags))
	}
}
