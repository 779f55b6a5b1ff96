package report

import (
	"strings"
	"testing"
)

func statisticsOf(t *testing.T, findings []Finding, opts Options) string {
	t.Helper()
	var b strings.Builder
	if err := WriteStatistics(&b, findings, opts); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// many repeats each finding its given number of times.
func many(counts map[*Finding]int) []Finding {
	var out []Finding
	for f, n := range counts {
		for range n {
			out = append(out, *f)
		}
	}
	return out
}

func TestStatistics(t *testing.T) {
	// Counts tie between AL220 and AL201 and between AL102 and the note,
	// so the code decides; the map also shuffles the input.
	findings := many(map[*Finding]int{&related: 12, &safeFix: 12, &unsafeFix: 3, &note: 3, &nonASCII: 1})
	tests := []struct {
		name     string
		findings []Finding
		format   string
		want     string
	}{
		{"text", findings, "", "" +
			"12\tAL201\t[*] blocking-sleep\n" +
			"12\tAL220\t[ ] blocking-call-chain\n" +
			" 3\t     \t[ ] syntax-error\n" +
			" 3\tAL102\t[ ] unawaited-coroutine\n" +
			" 1\tAL203\t[ ] blocking-http\n"},
		{"text without fixes", []Finding{nonASCII, multiLine, multiLine}, "text", "" +
			"2\tAL210\tsync-lock-in-async\n" +
			"1\tAL203\tblocking-http\n"},
		{"text empty", nil, "text", ""},
		{"json empty", nil, "json", "[]\n"},
		{"json", findings, "json", `[
  {
    "code": "AL201",
    "name": "blocking-sleep",
    "count": 12,
    "fixable": true
  },
  {
    "code": "AL220",
    "name": "blocking-call-chain",
    "count": 12,
    "fixable": false
  },
  {
    "code": null,
    "name": "syntax-error",
    "count": 3,
    "fixable": false
  },
  {
    "code": "AL102",
    "name": "unawaited-coroutine",
    "count": 3,
    "fixable": false
  },
  {
    "code": "AL203",
    "name": "blocking-http",
    "count": 1,
    "fixable": false
  }
]
`},
	}
	for _, tt := range tests {
		if got := statisticsOf(t, tt.findings, Options{Format: tt.format}); got != tt.want {
			t.Errorf("%s: got:\n%s\nwant:\n%s", tt.name, got, tt.want)
		}
	}
}

func TestStatisticsColor(t *testing.T) {
	got := statisticsOf(t, []Finding{safeFix}, Options{Color: true})
	want := "1\t" + styleRed + "AL201" + styleReset + "\t" + styleCyan + "[*]" + styleReset + " blocking-sleep\n"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
