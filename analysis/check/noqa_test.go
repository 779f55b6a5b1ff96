package check

import (
	"strings"
	"testing"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/syntax"
)

func TestSuppressed(t *testing.T) {
	src := `import time
time.sleep(1)  # noqa: AL201
time.sleep(2)  # noqa: AL2
time.sleep(3)  # noqa: AL20, AL3
time.sleep(4)  # noqa: async251
time.sleep(5)  # noqa: ASYNC2
time.sleep(6)  # noqa: AL3
time.sleep(7)  # noqa
time.sleep(8)  # noqa: AL2011
x = "# noqa: AL201"
`
	p := syntax.NewParser()
	defer p.Close()
	tree, err := p.Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	supp := ParseSuppressions(tree)
	sleep := &analysis.Rule{Code: "AL201", SameAs: []string{"ASYNC251"}}
	other := &analysis.Rule{Code: "AL101"}
	want := map[int]bool{1: false, 2: true, 3: true, 4: true, 5: true, 6: true, 7: false, 8: true, 9: false, 10: false}
	for line, w := range want {
		if got := supp.Suppressed(sleep, line); got != w {
			t.Errorf("line %d: AL201 suppressed %v, want %v", line, got, w)
		}
	}
	if supp.Suppressed(other, 3) || supp.Suppressed(other, 6) || !supp.Suppressed(other, 8) {
		t.Error("AL101: only a bare noqa should silence it")
	}
}

func TestNoqaEdit(t *testing.T) {
	src := `import time
time.sleep(1)
time.sleep(2)  # noqa: AL5
time.sleep(3)  # noqa
time.sleep(4)  # noqa: AL2
x = """
"""
y = 1 + \
    2
time.sleep(5)  # type: ignore
`
	p := syntax.NewParser()
	defer p.Close()
	tree, err := p.Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		line  int
		codes []string
		want  string // the line after the edit; "" for none
	}{
		{2, []string{"AL201", "AL301", "AL201"}, "time.sleep(1)  # noqa: AL201, AL301"},
		{3, []string{"AL201", "AL503"}, "time.sleep(2)  # noqa: AL5, AL201"},
		{4, []string{"AL201"}, ""},
		{5, []string{"AL201"}, ""},
		{6, []string{"AL101"}, ""},
		{8, []string{"AL101"}, ""},
		{10, []string{"AL201"}, "time.sleep(5)  # type: ignore  # noqa: AL201"},
	} {
		e, ok := NoqaEdit(tree, tt.line, tt.codes)
		got := ""
		if ok {
			edited := string(tree.Src[:e.Start]) + e.NewText + string(tree.Src[e.End:])
			got = strings.Split(edited, "\n")[tt.line-1]
		}
		if got != tt.want {
			t.Errorf("line %d, %q: got %q, want %q", tt.line, tt.codes, got, tt.want)
		}
	}
}

func TestContainsFold(t *testing.T) {
	for _, c := range []struct {
		s, word string
		want    bool
	}{
		{"# noqa", "noqa", true},
		{"# NOQA: AL201", "noqa", true},
		{"#NoQa", "noqa", true},
		{"# asynclint: SKIP-FILE", "skip-file", true},
		{"# no qa", "noqa", false},
		{"# noq", "noqa", false},
		{"# anything else, even nn and ss", "noqa", false},
		{"", "noqa", false},
	} {
		if got := containsFold(c.s, c.word); got != c.want {
			t.Errorf("containsFold(%q, %q) = %v, want %v", c.s, c.word, got, c.want)
		}
	}
}
