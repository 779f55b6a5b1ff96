package report

import (
	"encoding/json"
	"maps"
	"slices"
	"testing"
)

func TestJSONGolden(t *testing.T) {
	tests := []struct {
		name     string
		findings []Finding
		want     string
	}{
		{"empty", nil, "[]\n"},
		{"fix", []Finding{safeFix}, `[
  {
    "code": "AL201",
    "name": "blocking-sleep",
    "message": "` + "`time.sleep`" + ` blocks the event loop",
    "path": "app/main.py",
    "cell": null,
    "line": 3,
    "column": 5,
    "end_line": 3,
    "end_column": 18,
    "severity": "error",
    "fix": {
      "message": "Replace with ` + "`await asyncio.sleep(1)`" + `",
      "applicability": "safe",
      "edits": [
        {
          "content": "await asyncio.sleep(1)",
          "cell": null,
          "location": {
            "line": 3,
            "column": 5
          },
          "end_location": {
            "line": 3,
            "column": 18
          }
        }
      ]
    },
    "related": []
  }
]
`},
		{"note", []Finding{{Path: "a.py", Name: "io-error", Message: "a < b & c", Severity: "error",
			Start: Position{Line: 1, Column: 1}, End: Position{Line: 1, Column: 1}}}, `[
  {
    "code": null,
    "name": "io-error",
    "message": "a < b & c",
    "path": "a.py",
    "cell": null,
    "line": 1,
    "column": 1,
    "end_line": 1,
    "end_column": 1,
    "severity": "error",
    "fix": null,
    "related": []
  }
]
`},
	}
	for _, tt := range tests {
		if got := write(t, tt.findings, Options{Format: "json"}); got != tt.want {
			t.Errorf("%s: got:\n%s\nwant:\n%s", tt.name, got, tt.want)
		}
	}
}

// object is a decoded JSON object whose values are left encoded.
type object map[string]json.RawMessage

func keys(o object) []string { return slices.Sorted(maps.Keys(o)) }

func decode[T any](t *testing.T, raw []byte) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatalf("%v in %s", err, raw)
	}
	return v
}

func TestJSONKeys(t *testing.T) {
	var (
		findingKeys  = []string{"cell", "code", "column", "end_column", "end_line", "fix", "line", "message", "name", "path", "related", "severity"}
		fixKeys      = []string{"applicability", "edits", "message"}
		editKeys     = []string{"cell", "content", "end_location", "location"}
		locationKeys = []string{"column", "line"}
		relatedKeys  = []string{"cell", "column", "end_column", "end_line", "line", "message", "path"}
	)
	check := func(what string, o object, want []string) {
		t.Helper()
		if got := keys(o); !slices.Equal(got, want) {
			t.Errorf("%s keys = %q, want %q", what, got, want)
		}
	}
	out := decode[[]object](t, []byte(write(t, all, Options{Format: "json"})))
	if len(out) != len(all) {
		t.Fatalf("%d objects, want %d", len(out), len(all))
	}
	for i, o := range out {
		check("finding", o, findingKeys)
		if string(o["code"]) == "null" != (all[i].Code == "") {
			t.Errorf("finding %d: code = %s for Code %q", i, o["code"], all[i].Code)
		}
		if string(o["fix"]) == "null" {
			if all[i].Fix != nil {
				t.Errorf("finding %d: fix is null", i)
			}
		} else {
			fix := decode[object](t, o["fix"])
			check("fix", fix, fixKeys)
			for _, e := range decode[[]object](t, fix["edits"]) {
				check("edit", e, editKeys)
				check("location", decode[object](t, e["location"]), locationKeys)
				check("end_location", decode[object](t, e["end_location"]), locationKeys)
			}
		}
		rel := decode[[]object](t, o["related"])
		if rel == nil || len(rel) != len(all[i].Related) {
			t.Errorf("finding %d: related = %s", i, o["related"])
		}
		for _, r := range rel {
			check("related", r, relatedKeys)
		}
	}
}

func TestJSONRelated(t *testing.T) {
	out := decode[[]struct {
		Related []struct {
			Path string
			Line int
		}
	}](t, []byte(write(t, []Finding{related}, Options{Format: "json"})))
	rel := out[0].Related
	// Paths use forward slashes.
	if len(rel) != 2 || rel[0].Path != "svc.py" || rel[0].Line != 9 || rel[1].Path != "lib/config.py" {
		t.Errorf("related = %+v", rel)
	}
}
