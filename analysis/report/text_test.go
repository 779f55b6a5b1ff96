package report

import (
	"strings"
	"testing"
)

func write(t *testing.T, findings []Finding, opts Options) string {
	t.Helper()
	var b strings.Builder
	if err := Write(&b, findings, opts); err != nil {
		t.Fatalf("Write(%q): %v", opts.Format, err)
	}
	return b.String()
}

func TestText(t *testing.T) {
	tests := []struct {
		name     string
		findings []Finding
		opts     Options
		want     string
	}{
		{
			name:     "source",
			findings: all,
			opts:     Options{ShowSource: true},
			want: "app/main.py:3:5: AL201 `time.sleep` blocks the event loop\n" +
				"        time.sleep(1)\n" +
				"        ^^^^^^^^^^^^^\n" +
				"help: Replace with `await asyncio.sleep(1)`\n" +
				"\n" +
				"app/main.py:7:9: AL102 coroutine `fetch` is never awaited\n" +
				"            fetch()\n" +
				"            ^^^^^^^\n" +
				"help: Add `await` [unsafe]\n" +
				"\n" +
				"broken.py:1:8: error: expected ':'\n" +
				"    def f()\n" +
				"           ^\n" +
				"\n" +
				"données/clé.py:2:17: AL203 `requests.get` blocks the event loop\n" +
				"            data = {\"clé\":  requests.get(url)}\n" +
				"                            ^^^^^^^^^^^^^^^^^\n" +
				"\n" +
				"lock.py:10:5: AL210 `threading.Lock` held across an `await`\n" +
				"        with self.lock:\n" +
				"        ^^^^^^^^^^^^^^^\n" +
				"\n" +
				"svc.py:4:5: AL220 `load` blocks the event loop through `read_config`\n" +
				"        load()\n" +
				"        ^^^^^^\n" +
				"\n" +
				"Found 6 findings (4 errors, 2 warnings).\n" +
				"[*] 1 fixable with `--fix` (1 more fix available with `--unsafe-fixes`).\n",
		},
		{
			name:     "no source",
			findings: []Finding{safeFix, note},
			opts:     Options{Format: "text", FixesApplied: 1},
			want: "app/main.py:3:5: AL201 `time.sleep` blocks the event loop\n" +
				"help: Replace with `await asyncio.sleep(1)`\n" +
				"\n" +
				"broken.py:1:8: error: expected ':'\n" +
				"\n" +
				"Found 2 findings (2 errors).\n" +
				"[*] 1 fixable with `--fix`.\n" +
				"Fixed 1 finding.\n",
		},
		{
			name:     "unknown source line",
			findings: []Finding{{Path: "a.py", Code: "AL1", Message: "m", Start: Position{Line: 1, Column: 1}}},
			opts:     Options{ShowSource: true},
			want:     "a.py:1:1: AL1 m\n\nFound 1 finding (1 error).\n",
		},
		{
			name: "empty",
			opts: Options{ShowSource: true},
			want: "All checks passed!\n",
		},
		{
			name: "empty concise",
			opts: Options{Format: "concise"},
			want: "All checks passed!\n",
		},
		{
			name:     "concise",
			opts:     Options{Format: "concise"},
			findings: all,
			want: "app/main.py:3:5: AL201 [*] `time.sleep` blocks the event loop\n" +
				"app/main.py:7:9: AL102 coroutine `fetch` is never awaited\n" +
				"broken.py:1:8: error: expected ':'\n" +
				"données/clé.py:2:17: AL203 `requests.get` blocks the event loop\n" +
				"lock.py:10:5: AL210 `threading.Lock` held across an `await`\n" +
				"svc.py:4:5: AL220 `load` blocks the event loop through `read_config`\n" +
				"Found 6 findings (4 errors, 2 warnings).\n" +
				"[*] 1 fixable with `--fix` (1 more fix available with `--unsafe-fixes`).\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := write(t, tt.findings, tt.opts); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

func TestSummary(t *testing.T) {
	tests := []struct {
		name     string
		findings []Finding
		fixed    int
		want     string
	}{
		{"clean", nil, 0, "All checks passed!\n"},
		{"all fixed", nil, 1, "Fixed 1 finding.\n"},
		{"all fixed, many", nil, 3, "Fixed 3 findings.\n"},
		{"one", []Finding{related}, 0, "Found 1 finding (1 error).\n"},
		{"one safe", []Finding{safeFix}, 0, "Found 1 finding (1 error).\n[*] 1 fixable with `--fix`.\n"},
		{"one unsafe", []Finding{unsafeFix}, 0, "Found 1 finding (1 warning).\n1 fix available with `--unsafe-fixes`.\n"},
		{"many", []Finding{safeFix, safeFix, unsafeFix, unsafeFix, related}, 2,
			"Found 5 findings (3 errors, 2 warnings).\n[*] 2 fixable with `--fix` (2 more fixes available with `--unsafe-fixes`).\nFixed 2 findings.\n"},
	}
	for _, tt := range tests {
		var b strings.Builder
		p := newPrinter(&b, false)
		p.summary(tt.findings, Options{FixesApplied: tt.fixed})
		if err := p.Flush(); err != nil {
			t.Fatal(err)
		}
		if got := b.String(); got != tt.want {
			t.Errorf("%s: got:\n%s\nwant:\n%s", tt.name, got, tt.want)
		}
	}
}

func TestUnderline(t *testing.T) {
	pos := func(line, col int) Position { return Position{Line: line, Column: col} }
	tests := []struct {
		name       string
		line       string
		start, end Position
		want       string // the expanded line, a newline and the carets
	}{
		{"plain", "x = f(y)", pos(1, 5), pos(1, 9), "x = f(y)\n    ^^^^"},
		{"leading tab", "\tf(y)", pos(1, 2), pos(1, 6), "        f(y)\n        ^^^^"},
		{"tab to next stop", "ab\tc", pos(1, 3), pos(1, 5), "ab      c\n  ^^^^^^^"},
		{"wide before", `s = "日本語"; f()`, pos(1, 12), pos(1, 15), "s = \"日本語\"; f()\n              ^^^"},
		{"wide inside", `f("日本")`, pos(1, 3), pos(1, 7), "f(\"日本\")\n  ^^^^^^"},
		{"combining mark", "e\u0301 = f()", pos(1, 6), pos(1, 9), "e\u0301 = f()\n    ^^^"},
		{"only a combining mark", "e\u0301", pos(1, 2), pos(1, 3), "e\u0301\n ^"},
		{"non-ASCII inside", `f("héllo")`, pos(1, 3), pos(1, 10), "f(\"héllo\")\n  ^^^^^^^"},
		{"multi-line", "with a:", pos(1, 1), pos(3, 4), "with a:\n^^^^^^^"},
		{"empty", "f(x)", pos(1, 3), pos(1, 3), "f(x)\n  ^"},
		{"empty at end", "def f()", pos(1, 8), pos(1, 8), "def f()\n       ^"},
		{"past the end", "f()", pos(1, 9), pos(1, 12), "f()\n   ^"},
		{"end before start", "f(x)", pos(1, 3), pos(1, 1), "f(x)\n  ^"},
		{"column zero", "f(x)", pos(1, 0), pos(1, 2), "f(x)\n^"},
		{"invalid UTF-8", "a\xffb = 1", pos(1, 3), pos(1, 4), "a\uFFFDb = 1\n  ^"},
	}
	for _, tt := range tests {
		line, from, to := underline(tt.line, tt.start, tt.end)
		got := line + "\n" + strings.Repeat(" ", from) + strings.Repeat("^", to-from)
		if got != tt.want {
			t.Errorf("%s: got\n%s\nwant\n%s", tt.name, got, tt.want)
		}
	}
}

func TestColor(t *testing.T) {
	got := write(t, []Finding{safeFix, unsafeFix, note}, Options{ShowSource: true, Color: true})
	for _, want := range []string{
		styleBold + "app/main.py:3:5:" + styleReset + " " + styleRed + "AL201" + styleReset,
		styleYellow + "AL102" + styleReset,
		styleYellow + "^^^^^^^" + styleReset,
		styleRed + "error:" + styleReset + " expected ':'",
		styleCyan + "help:" + styleReset + " Add `await` [unsafe]",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
	for _, format := range []string{"text", "concise"} {
		if got := write(t, all, Options{Format: format, ShowSource: true}); strings.Contains(got, "\x1b") {
			t.Errorf("%s without Color has an escape sequence:\n%s", format, got)
		}
	}
}

func TestQuiet(t *testing.T) {
	if got := write(t, []Finding{safeFix}, Options{Format: "concise", Quiet: true}); got != "app/main.py:3:5: AL201 [*] `time.sleep` blocks the event loop\n" {
		t.Errorf("quiet: %q", got)
	}
	if got := write(t, nil, Options{Quiet: true}); got != "" {
		t.Errorf("quiet, nothing found: %q", got)
	}
}

func TestSummaryWithUnsafeFixes(t *testing.T) {
	var b strings.Builder
	p := newPrinter(&b, false)
	p.summary([]Finding{safeFix, unsafeFix}, Options{UnsafeFixes: true})
	p.Flush()
	if want := "Found 2 findings (1 error, 1 warning).\n[*] 2 fixable with `--fix`.\n"; b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestNotebookCells(t *testing.T) {
	got := write(t, []Finding{inNotebook}, Options{Format: "concise"})
	if want := "nb/fetch.ipynb:cell 3:2:5: AL201 [*] `time.sleep` blocks the event loop\n"; !strings.HasPrefix(got, want) {
		t.Errorf("concise: %s", got)
	}
	got = write(t, []Finding{inNotebook}, Options{Format: "json"})
	for _, want := range []string{`"cell": 3,`, `"line": 2,`, `"cell": 2,`} {
		if !strings.Contains(got, want) {
			t.Errorf("json lacks %s:\n%s", want, got)
		}
	}
	if got := write(t, []Finding{safeFix}, Options{Format: "json"}); !strings.Contains(got, `"cell": null`) {
		t.Errorf("json outside a notebook:\n%s", got)
	}
	got = write(t, []Finding{inNotebook}, Options{Format: "sarif"})
	if !strings.Contains(got, `"properties": {
            "cell": 3
          }`) || !strings.Contains(got, `"startLine": 2`) {
		t.Errorf("sarif:\n%s", got)
	}
	got = write(t, []Finding{inNotebook}, Options{Format: "github"})
	if !strings.Contains(got, "line=2,") || !strings.Contains(got, "::cell 3: `time.sleep`") {
		t.Errorf("github: %s", got)
	}
}
