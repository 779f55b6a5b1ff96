package source

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

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

// TestChangedLongTexts compares Changed with a byte-by-byte reading on
// texts longer than the chunks it compares at once, edited at places
// around their boundaries.
func TestChangedLongTexts(t *testing.T) {
	base := []byte(strings.Repeat("def f(x):\n    return x  # é\n", 100))
	naive := func(old, new []byte) (int, int) {
		start := 0
		for start < len(old) && start < len(new) && old[start] == new[start] {
			start++
		}
		for start > 0 && start < len(old) && !utf8.RuneStart(old[start]) {
			start--
		}
		same := 0
		for same < len(old)-start && same < len(new)-start && old[len(old)-1-same] == new[len(new)-1-same] {
			same++
		}
		for same > 0 && !utf8.RuneStart(old[len(old)-same]) {
			same--
		}
		return start, len(old) - same
	}
	for _, at := range []int{0, 1, 255, 256, 257, 511, 512, 1000, len(base) - 257, len(base) - 256, len(base) - 1, len(base)} {
		for _, repl := range []string{"", "y", "\n    pass\n", "ê"} {
			for _, cut := range []int{0, 1, 300} {
				end := min(at+cut, len(base))
				new := slices.Concat(base[:at], []byte(repl), base[end:])
				start, stop := Changed(base, new)
				if ws, we := naive(base, new); start != ws || stop != we {
					t.Errorf("edit %q at %d..%d: Changed = %d, %d; want %d, %d", repl, at, end, start, stop, ws, we)
				}
			}
		}
	}
}
