package version

import "testing"

func TestModuleVersion(t *testing.T) {
	for in, want := range map[string]string{
		"v0.2.0": "0.2.0",
		"v0.2.1-0.20260101120000-0123456789ab+dirty": "0.2.1-0.20260101120000-0123456789ab+dirty",
		"(devel)": "0.0.0-dev",
		"":        "0.0.0-dev",
	} {
		if got := moduleVersion(in); got != want {
			t.Errorf("moduleVersion(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestVersionIsSet(t *testing.T) {
	if Version == "" {
		t.Error("Version is empty; want the build's version or 0.0.0-dev")
	}
}
