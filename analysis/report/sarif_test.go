package report

import (
	"path/filepath"
	"strings"
	"testing"
)

// at walks v, a decoded JSON value, along keys (strings) and indexes (ints).
func at(t *testing.T, v any, path ...any) any {
	t.Helper()
	for _, step := range path {
		switch s := step.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				t.Fatalf("at %v: %T is not an object", path, v)
			}
			if v, ok = m[s]; !ok {
				t.Fatalf("at %v: no %q", path, s)
			}
		case int:
			l, ok := v.([]any)
			if !ok || s >= len(l) {
				t.Fatalf("at %v: no element %d in %v", path, s, v)
			}
			v = l[s]
		}
	}
	return v
}

func has(v any, key string) bool {
	_, ok := v.(map[string]any)[key]
	return ok
}

func sarif(t *testing.T, findings []Finding) (raw string, run any) {
	t.Helper()
	raw = write(t, findings, Options{Format: "sarif", Rules: rules, ToolVersion: "1.2.3"})
	log := decode[map[string]any](t, []byte(raw))
	for key, want := range map[string]string{
		"$schema": "https://json.schemastore.org/sarif-2.1.0.json",
		"version": "2.1.0",
	} {
		if got := at(t, log, key); got != want {
			t.Errorf("%s = %v, want %q", key, got, want)
		}
	}
	if runs := at(t, log, "runs").([]any); len(runs) != 1 {
		t.Fatalf("%d runs, want 1", len(runs))
	}
	return raw, at(t, log, "runs", 0)
}

func TestSARIFDriver(t *testing.T) {
	_, run := sarif(t, all)
	driver := at(t, run, "tool", "driver")
	if at(t, driver, "name") != "asynclint" || at(t, driver, "version") != "1.2.3" ||
		!strings.HasPrefix(at(t, driver, "informationUri").(string), "https://") {
		t.Errorf("driver = %v", driver)
	}
	got := at(t, driver, "rules").([]any)
	if len(got) != len(rules) {
		t.Fatalf("%d rules, want %d", len(got), len(rules))
	}
	for i, r := range rules {
		g := got[i]
		if at(t, g, "id") != r.Code || at(t, g, "name") != r.Name ||
			at(t, g, "shortDescription", "text") != r.Summary ||
			at(t, g, "fullDescription", "text") != r.Summary ||
			at(t, g, "defaultConfiguration", "level") != r.Severity {
			t.Errorf("rule %d = %v, want %+v", i, g, r)
		}
		if has(g, "helpUri") != (r.HelpURI != "") || r.HelpURI != "" && at(t, g, "helpUri") != r.HelpURI {
			t.Errorf("rule %d helpUri = %v, want %q", i, g.(map[string]any)["helpUri"], r.HelpURI)
		}
	}
}

func TestSARIFResults(t *testing.T) {
	_, run := sarif(t, all)
	if at(t, run, "columnKind") != "unicodeCodePoints" {
		t.Errorf("columnKind = %v", at(t, run, "columnKind"))
	}
	rulesOut := at(t, run, "tool", "driver", "rules").([]any)
	results := at(t, run, "results").([]any)
	if len(results) != len(all) {
		t.Fatalf("%d results, want %d", len(results), len(all))
	}
	for i, f := range all {
		res := results[i]
		wantID := f.Code
		if f.Code == "" {
			wantID = f.Name
		}
		if at(t, res, "ruleId") != wantID || at(t, res, "level") != f.Severity || at(t, res, "message", "text") != f.Message {
			t.Errorf("result %d = %v", i, res)
		}
		// ruleIndex points at the rule, and is absent for notes and for
		// codes missing from Rules (AL203).
		wantIndex := f.Code != "" && f.Code != "AL203"
		if has(res, "ruleIndex") != wantIndex {
			t.Errorf("result %d (%s): has ruleIndex = %v, want %v", i, wantID, !wantIndex, wantIndex)
		} else if wantIndex {
			idx := int(at(t, res, "ruleIndex").(float64))
			if id := at(t, rulesOut, idx, "id"); id != f.Code {
				t.Errorf("result %d: ruleIndex %d names %v, want %s", i, idx, id, f.Code)
			}
		}
		if locs := at(t, res, "locations").([]any); len(locs) != 1 {
			t.Errorf("result %d: %d locations, want 1", i, len(locs))
		}
		loc := at(t, res, "locations", 0, "physicalLocation")
		if at(t, loc, "artifactLocation", "uriBaseId") != "%SRCROOT%" {
			t.Errorf("result %d: artifactLocation = %v", i, at(t, loc, "artifactLocation"))
		}
		checkRegion(t, at(t, loc, "region"), f.Start, f.End)
	}

	if uri := at(t, results[3], "locations", 0, "physicalLocation", "artifactLocation", "uri"); uri != "donn%C3%A9es/cl%C3%A9.py" {
		t.Errorf("non-ASCII uri = %v", uri)
	}
	if has(results[0], "relatedLocations") {
		t.Errorf("relatedLocations without Related: %v", results[0])
	}
	rel := at(t, results[5], "relatedLocations").([]any)
	if len(rel) != 2 {
		t.Fatalf("%d related locations, want 2", len(rel))
	}
	for i, want := range []struct{ id, uri, msg string }{
		{"1", "svc.py", related.Related[0].Message},
		{"2", "lib/config.py", related.Related[1].Message},
	} {
		r := rel[i]
		if id := at(t, r, "id"); id != float64(i+1) || at(t, r, "message", "text") != want.msg ||
			at(t, r, "physicalLocation", "artifactLocation", "uri") != want.uri {
			t.Errorf("related %d = %v, want %+v", i, r, want)
		}
		checkRegion(t, at(t, r, "physicalLocation", "region"), related.Related[i].Start, related.Related[i].End)
	}
}

// checkRegion checks that region holds start and end.
func checkRegion(t *testing.T, region any, start, end Position) {
	t.Helper()
	want := map[string]int{"startLine": start.Line, "startColumn": start.Column, "endLine": end.Line, "endColumn": end.Column}
	for k, w := range want {
		if got := at(t, region, k); got != float64(w) {
			t.Errorf("region %s = %v, want %d", k, got, w)
		}
	}
}

func TestSARIFRegionClamp(t *testing.T) {
	tests := []struct {
		start, end Position
		want       sarifRegion
	}{
		{Position{}, Position{}, sarifRegion{1, 1, 1, 1}},
		{Position{Line: 2, Column: 5}, Position{Line: 2, Column: 3}, sarifRegion{2, 5, 2, 5}},
		{Position{Line: 2, Column: 5}, Position{Line: 1, Column: 9}, sarifRegion{2, 5, 2, 9}},
		{Position{Line: 2, Column: 5}, Position{Line: 3, Column: 1}, sarifRegion{2, 5, 3, 1}},
	}
	for _, tt := range tests {
		if got := sarifRegionOf(tt.start, tt.end); got != tt.want {
			t.Errorf("sarifRegionOf(%v, %v) = %+v, want %+v", tt.start, tt.end, got, tt.want)
		}
	}
}

func TestSARIFEmpty(t *testing.T) {
	raw, run := sarif(t, nil)
	if results := at(t, run, "results").([]any); len(results) != 0 {
		t.Errorf("results = %v", results)
	}
	if len(at(t, run, "tool", "driver", "rules").([]any)) != len(rules) {
		t.Errorf("rules missing without results")
	}
	if !strings.Contains(raw, `"results": []`) {
		t.Errorf("results is not []:\n%s", raw)
	}
}

func TestSARIFURI(t *testing.T) {
	tests := []struct{ path, uri string }{
		{"a.py", "a.py"},
		{"pkg/sub/a.py", "pkg/sub/a.py"},
		{"./pkg/../a.py", "a.py"},
		{"my dir/a#1?.py", "my%20dir/a%231%3F.py"},
		{"100%.py", "100%25.py"},
		{"c:d.py", "./c:d.py"}, // not a scheme
		{"données/clé.py", "donn%C3%A9es/cl%C3%A9.py"},
	}
	for _, tt := range tests {
		got := sarifArtifact(filepath.FromSlash(tt.path))
		if got != (sarifArtifactLocation{URI: tt.uri, URIBaseID: "%SRCROOT%"}) {
			t.Errorf("sarifArtifact(%q) = %+v, want uri %q", tt.path, got, tt.uri)
		}
	}
	abs, err := filepath.Abs("a b.py")
	if err != nil {
		t.Fatal(err)
	}
	got := sarifArtifact(abs)
	if !strings.HasPrefix(got.URI, "file:///") || !strings.HasSuffix(got.URI, "/a%20b.py") || got.URIBaseID != "" {
		t.Errorf("sarifArtifact(%q) = %+v, want a file URI without base", abs, got)
	}
}
