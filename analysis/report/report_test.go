package report

import (
	"errors"
	"strings"
	"testing"
)

func TestFormats(t *testing.T) {
	for _, format := range Formats {
		var b strings.Builder
		if err := Write(&b, all, Options{Format: format, Rules: rules}); err != nil {
			t.Errorf("Write(%q): %v", format, err)
		}
		if err := WriteStatistics(&b, all, Options{Format: format}); err != nil {
			t.Errorf("WriteStatistics(%q): %v", format, err)
		}
	}
}

func TestUnknownFormat(t *testing.T) {
	var b strings.Builder
	if err := Write(&b, all, Options{Format: "xml"}); err == nil || !strings.Contains(err.Error(), `"xml"`) {
		t.Errorf("Write: err = %v, want unknown format", err)
	}
	if err := WriteStatistics(&b, all, Options{Format: "xml"}); err == nil {
		t.Error("WriteStatistics: no error for an unknown format")
	}
	if b.Len() != 0 {
		t.Errorf("wrote %q for an unknown format", b.String())
	}
}

// failWriter fails every write, as a closed pipe does.
type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errFail }

var errFail = errors.New("write failed")

func TestWriteError(t *testing.T) {
	for _, format := range Formats {
		if err := Write(failWriter{}, all, Options{Format: format}); !errors.Is(err, errFail) {
			t.Errorf("Write(%q) = %v, want %v", format, err, errFail)
		}
	}
	for _, format := range []string{"text", "json"} {
		if err := WriteStatistics(failWriter{}, all, Options{Format: format}); !errors.Is(err, errFail) {
			t.Errorf("WriteStatistics(%q) = %v, want %v", format, err, errFail)
		}
	}
}
