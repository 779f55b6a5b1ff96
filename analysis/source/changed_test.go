package source

import "testing"

func TestChanged(t *testing.T) {
	for _, tc := range []struct {
		old, new   string
		start, end int
	}{
		{"abc", "abc", 3, 3},
		{"", "x", 0, 0},
		{"x", "", 0, 1},
		{"a = 1\nb = 2\n", "a = 1\nc = 3\nb = 2\n", 6, 6},
		{"aaa", "aa", 2, 3},
		{"café", "cafè", 3, 5}, // é and è share their first byte
		{"x é y", "x ê y", 2, 4},
	} {
		start, end := Changed([]byte(tc.old), []byte(tc.new))
		if start != tc.start || end != tc.end {
			t.Errorf("Changed(%q, %q) = %d, %d; want %d, %d", tc.old, tc.new, start, end, tc.start, tc.end)
		}
		if got := tc.old[:start] + tc.new[start:len(tc.new)-(len(tc.old)-end)] + tc.old[end:]; got != tc.new {
			t.Errorf("Changed(%q, %q): the replacement gives %q", tc.old, tc.new, got)
		}
	}
}
