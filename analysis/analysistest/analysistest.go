// Package analysistest runs rules over annotated Python test files.
//
// A line that should get a diagnostic ends with a comment naming the codes
// expected on it, optionally each followed by a quoted substring of the
// message:
//
//	time.sleep(1)  # want: AL201 "time.sleep"
//
// A comment "# analysistest: target-version=py310 allow-top-level-await"
// sets the settings for the file; "blocking=mylib.f:replacement" and
// "allow=os.path,x.y" set the blocking catalog's additions and allow list. When file.py.fixed exists, every fix
// (safe and unsafe) is applied and the result must equal it, parse without
// new errors, and stay the same when fixed again; a file.py.fixed equal to
// file.py says that no fix applies.
package analysistest

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/check"
	"github.com/asynclint/asynclint/analysis/config"
	"github.com/asynclint/asynclint/analysis/syntax"
)

// update rewrites the .fixed files with what the fixes produce, for a
// reviewed change of the rules: go test ./rules -run TestRules -update.
var update = flag.Bool("update", false, "rewrite the .fixed files of analysistest with the fixes' output")

var (
	wantPattern     = regexp.MustCompile(`#\s*want:\s*(.*)$`)
	wantItem        = regexp.MustCompile(`([A-Z]+[0-9]+)(?:\s+"([^"]*)")?`)
	settingsPattern = regexp.MustCompile(`#\s*analysistest:\s*(.*)$`)
)

// expectation is one wanted diagnostic.
type expectation struct {
	line    int
	code    string
	message string // substring the message must contain, or ""
}

// Run checks every .py file in dir with the rules, through the pipeline
// the command line and the language server run: noqa comments and the
// parts of a file that do not parse silence diagnostics there too.
func Run(t *testing.T, dir string, rules ...*analysis.Rule) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.py"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no test files in %s", dir)
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			checkFile(t, path, src, rules)
		})
	}
}

func checkFile(t *testing.T, path string, src []byte, rules []*analysis.Rule) {
	p := syntax.NewParser()
	defer p.Close()
	tree, err := p.Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	settings, wants := readAnnotations(t, tree)
	opts := &check.Options{Rules: rules, Settings: settings}

	diags := check.Run(tree, opts).Diagnostics
	var unexpected []string
	for _, d := range diags {
		line := tree.LineOf(d.Start)
		if d.Rule == nil {
			t.Errorf("%s:%d: diagnostic without a rule: %s", path, line, d.Message)
			continue
		}
		i := matchWant(wants, line, d)
		if i < 0 {
			unexpected = append(unexpected, fmt.Sprintf("%s:%d: unexpected %s: %s", path, line, d.Rule.Code, d.Message))
			continue
		}
		wants = append(wants[:i], wants[i+1:]...)
	}
	for _, u := range unexpected {
		t.Error(u)
	}
	for _, w := range wants {
		t.Errorf("%s:%d: missing %s %q", path, w.line, w.code, w.message)
	}

	golden, err := os.ReadFile(path + ".fixed")
	if os.IsNotExist(err) {
		return
	} else if err != nil {
		t.Fatal(err)
	}
	fixed, applied, err := check.Fix(p, src, opts, true)
	if err != nil {
		t.Fatal(err)
	}
	if applied == 0 && !bytes.Equal(golden, src) {
		t.Errorf("%s: no fix applied", path)
	}
	if *update && !bytes.Equal(fixed, golden) {
		if err := os.WriteFile(path+".fixed", fixed, 0o644); err != nil {
			t.Fatal(err)
		}
		golden = fixed
	}
	if !bytes.Equal(fixed, golden) {
		t.Errorf("%s: fixed output differs from %s.fixed:\n--- got\n%s\n--- want\n%s", path, filepath.Base(path), fixed, golden)
	}
	after, err := p.Parse(fixed)
	if err != nil {
		t.Fatal(err)
	}
	if after.RejectedCount() > tree.RejectedCount() {
		t.Errorf("%s: fixed output has syntax errors", path)
	}
	again, _, err := check.Fix(p, fixed, opts, true)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again, fixed) {
		t.Errorf("%s: fixing twice is not idempotent:\n%s", path, again)
	}
}

func matchWant(wants []expectation, line int, d analysis.Diagnostic) int {
	for i, w := range wants {
		if w.line == line && w.code == d.Rule.Code && strings.Contains(d.Message, w.message) {
			return i
		}
	}
	return -1
}

// readAnnotations collects the want and settings comments of a file.
func readAnnotations(t *testing.T, tree *syntax.Tree) (*config.Settings, []expectation) {
	settings := config.DefaultSettings()
	var wants []expectation
	for i := range tree.Nodes {
		if tree.Nodes[i].Kind != syntax.Comment {
			continue
		}
		text := tree.Text(syntax.NodeID(i))
		line := tree.LineOf(int(tree.Nodes[i].Start))
		if m := settingsPattern.FindStringSubmatch(text); m != nil {
			applySettings(t, settings, m[1])
		}
		if m := wantPattern.FindStringSubmatch(text); m != nil {
			for _, item := range wantItem.FindAllStringSubmatch(m[1], -1) {
				wants = append(wants, expectation{line: line, code: item[1], message: item[2]})
			}
		}
	}
	sort.SliceStable(wants, func(i, j int) bool { return wants[i].line < wants[j].line })
	return settings, wants
}

func applySettings(t *testing.T, s *config.Settings, text string) {
	for _, field := range strings.Fields(text) {
		key, value, _ := strings.Cut(field, "=")
		switch key {
		case "target-version":
			v, err := config.ParseVersion(value)
			if err != nil {
				t.Fatal(err)
			}
			s.TargetVersion = v
		case "allow-top-level-await":
			s.TopLevelAwait = true
		case "blocking":
			name, replacement, _ := strings.Cut(value, ":")
			if s.Blocking.Calls == nil {
				s.Blocking.Calls = map[string]string{}
			}
			s.Blocking.Calls[name] = replacement
		case "allow":
			s.Blocking.Allow = append(s.Blocking.Allow, strings.Split(value, ",")...)
		default:
			t.Fatalf("unknown analysistest setting %q", key)
		}
	}
}
