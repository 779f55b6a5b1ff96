package fix

import (
	"testing"

	"github.com/asynclint/asynclint/analysis"
)

func TestApplyLeavesOverlappingFixes(t *testing.T) {
	edit := func(start, end int, text string) *analysis.Fix {
		return &analysis.Fix{Edits: []analysis.TextEdit{{Start: start, End: end, NewText: text}}}
	}
	src := []byte("0123456789")
	for _, tc := range []struct {
		name  string
		fixes []*analysis.Fix
		want  string
		n     int
	}{
		{"in any order", []*analysis.Fix{edit(8, 9, "h"), edit(0, 1, "a"), edit(4, 5, "e")}, "a123e567h9", 3},
		{"overlapping the one before", []*analysis.Fix{edit(2, 5, "x"), edit(4, 6, "y")}, "01x56789", 1},
		{"overlapping the one after", []*analysis.Fix{edit(4, 6, "y"), edit(2, 5, "x")}, "0123y6789", 1},
		{"spanning accepted ones", []*analysis.Fix{edit(2, 3, "a"), edit(6, 7, "b"), edit(1, 9, "c")}, "01a345b789", 2},
		{"inserting at one offset", []*analysis.Fix{edit(3, 3, "a"), edit(3, 3, "b"), edit(3, 4, "c")}, "012a3456789", 1},
		{"inserting where an edit ends", []*analysis.Fix{edit(2, 4, "x"), edit(4, 4, "y")}, "01xy456789", 2},
		{"one of two edits overlapping", []*analysis.Fix{edit(5, 6, "x"), {Edits: []analysis.TextEdit{{Start: 0, End: 0, NewText: "a"}, {Start: 5, End: 5, NewText: "b"}}}}, "01234x6789", 1},
	} {
		out, n := Apply(src, tc.fixes)
		if string(out) != tc.want || n != tc.n {
			t.Errorf("%s: %q, %d fixes; want %q, %d", tc.name, out, n, tc.want, tc.n)
		}
	}
}
