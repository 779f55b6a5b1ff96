package source

import (
	"maps"
	"slices"
	"testing"
)

// TestOccurrences finds a name where Words reads it, and only there.
func TestOccurrences(t *testing.T) {
	const text = "raw = raws + raw_1 + ·raw + f(raw)\nraw"
	var got []int
	for at := range Occurrences([]byte(text), "raw") {
		got = append(got, at)
	}
	if want := []int{0, 31, 36}; !slices.Equal(got, want) {
		t.Errorf("Occurrences of raw at %v, want %v", got, want)
	}
	words := map[string]bool{}
	Words([]byte(text), words)
	if want := []string{"f", "raw", "raw_1", "raws", "·raw"}; !slices.Equal(slices.Sorted(maps.Keys(words)), want) {
		t.Errorf("Words = %v, want %v", slices.Sorted(maps.Keys(words)), want)
	}
}
