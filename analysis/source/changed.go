package source

import "unicode/utf8"

// Changed returns the part of old that new replaces, old[start:end], the
// bytes both texts begin and end with left out, cut between characters:
// new is old with it replaced by new[start:len(new)-(len(old)-end)].
func Changed(old, new []byte) (start, end int) {
	for start < len(old) && start < len(new) && old[start] == new[start] {
		start++
	}
	for start > 0 && start < len(old) && !utf8.RuneStart(old[start]) {
		start--
	}
	same := 0 // bytes at the end
	for same < len(old)-start && same < len(new)-start && old[len(old)-1-same] == new[len(new)-1-same] {
		same++
	}
	for same > 0 && !utf8.RuneStart(old[len(old)-same]) {
		same--
	}
	return start, len(old) - same
}
