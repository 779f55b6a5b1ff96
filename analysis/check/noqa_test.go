package check

import (
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
