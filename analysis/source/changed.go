package source

import (
	"bytes"
	"unicode/utf8"
)

// Changed returns the part of old that new replaces, old[start:end], the
// bytes both texts begin and end with left out, cut between characters:
// new is old with it replaced by new[start:len(new)-(len(old)-end)].
func Changed(old, new []byte) (start, end int) {
	// Whole chunks first: bytes.Equal compares many bytes at a time, and
	// the texts of an edited document are long and mostly the same.
	const chunk = 256
	for start+chunk <= len(old) && start+chunk <= len(new) && bytes.Equal(old[start:start+chunk], new[start:start+chunk]) {
		start += chunk
	}
	for start < len(old) && start < len(new) && old[start] == new[start] {
		start++
	}
	for start > 0 && start < len(old) && !utf8.RuneStart(old[start]) {
		start--
	}
	same := 0 // bytes at the end
	for same+chunk <= len(old)-start && same+chunk <= len(new)-start &&
		bytes.Equal(old[len(old)-same-chunk:len(old)-same], new[len(new)-same-chunk:len(new)-same]) {
		same += chunk
	}
	for same < len(old)-start && same < len(new)-start && old[len(old)-1-same] == new[len(new)-1-same] {
		same++
	}
	for same > 0 && !utf8.RuneStart(old[len(old)-same]) {
		same--
	}
	return start, len(old) - same
}
