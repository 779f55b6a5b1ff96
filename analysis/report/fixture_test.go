package report

import "path/filepath"

// Findings shared by the tests, sorted as Write expects.
var (
	safeFix = Finding{
		Path: "app/main.py", Code: "AL201", Name: "blocking-sleep",
		Message: "`time.sleep` blocks the event loop", Severity: "error",
		Start: Position{Line: 3, Column: 5}, End: Position{Line: 3, Column: 18},
		SourceLine: "    time.sleep(1)",
		Fix: &Fix{
			Message: "Replace with `await asyncio.sleep(1)`", Applicability: "safe",
			Edits: []Edit{{Start: Position{Line: 3, Column: 5}, End: Position{Line: 3, Column: 18}, Content: "await asyncio.sleep(1)"}},
		},
	}
	unsafeFix = Finding{
		Path: "app/main.py", Code: "AL102", Name: "unawaited-coroutine",
		Message: "coroutine `fetch` is never awaited", Severity: "warning",
		Start: Position{Line: 7, Column: 9}, End: Position{Line: 7, Column: 16},
		SourceLine: "        fetch()",
		Fix: &Fix{
			Message: "Add `await`", Applicability: "unsafe",
			Edits: []Edit{{Start: Position{Line: 7, Column: 9}, End: Position{Line: 7, Column: 9}, Content: "await "}},
		},
	}
	note = Finding{
		Path: "broken.py", Name: "syntax-error",
		Message: "expected ':'", Severity: "error",
		Start: Position{Line: 1, Column: 8}, End: Position{Line: 1, Column: 8},
		SourceLine: "def f()",
	}
	// nonASCII has a tab before its range, and a two-byte character
	// that a byte count would take for two columns.
	nonASCII = Finding{
		Path: "données/clé.py", Code: "AL203", Name: "blocking-http",
		Message: "`requests.get` blocks the event loop", Severity: "error",
		Start: Position{Line: 2, Column: 17}, End: Position{Line: 2, Column: 34},
		SourceLine: "\tdata = {\"clé\":\trequests.get(url)}",
	}
	multiLine = Finding{
		Path: "lock.py", Code: "AL210", Name: "sync-lock-in-async",
		Message: "`threading.Lock` held across an `await`", Severity: "warning",
		Start: Position{Line: 10, Column: 5}, End: Position{Line: 12, Column: 1},
		SourceLine: "    with self.lock:",
	}
	related = Finding{
		Path: "svc.py", Code: "AL220", Name: "blocking-call-chain",
		Message: "`load` blocks the event loop through `read_config`", Severity: "error",
		Start: Position{Line: 4, Column: 5}, End: Position{Line: 4, Column: 11},
		SourceLine: "    load()",
		Related: []Related{
			{Path: "svc.py", Start: Position{Line: 9, Column: 5}, End: Position{Line: 9, Column: 18}, Message: "`load` calls `read_config`"},
			{Path: filepath.FromSlash("lib/config.py"), Start: Position{Line: 2, Column: 12}, End: Position{Line: 2, Column: 27}, Message: "`read_config` calls `open`"},
		},
	}
	// inNotebook is in cell 3 of a notebook; its fix adds an import to
	// cell 2.
	inNotebook = Finding{
		Path: "nb/fetch.ipynb", Code: "AL201", Name: "blocking-sleep",
		Message: "`time.sleep` blocks the event loop", Severity: "warning", Cell: 3,
		Start: Position{Line: 2, Column: 5}, End: Position{Line: 2, Column: 18},
		SourceLine: "    time.sleep(1)",
		Fix: &Fix{
			Message: "Replace with `await asyncio.sleep(1)`", Applicability: "safe",
			Edits: []Edit{
				{Cell: 2, Start: Position{Line: 2, Column: 1}, End: Position{Line: 2, Column: 1}, Content: "import asyncio\n"},
				{Cell: 3, Start: Position{Line: 2, Column: 5}, End: Position{Line: 2, Column: 18}, Content: "await asyncio.sleep(1)"},
			},
		},
	}
	all = []Finding{safeFix, unsafeFix, note, nonASCII, multiLine, related}

	rules = []RuleInfo{
		{Code: "AL102", Name: "unawaited-coroutine", Summary: "Coroutine is never awaited", Severity: "warning", HelpURI: "https://asynclint.dev/rules/AL102"},
		{Code: "AL201", Name: "blocking-sleep", Summary: "Blocking sleep in async function", Severity: "error", HelpURI: "https://asynclint.dev/rules/AL201"},
		{Code: "AL210", Name: "sync-lock-in-async", Summary: "Threading lock held across await", Severity: "warning"},
		{Code: "AL220", Name: "blocking-call-chain", Summary: "Blocking call reached through calls", Severity: "error"},
	}
)
