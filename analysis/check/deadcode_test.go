package check

import (
	"regexp"
	"slices"
	"testing"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/config"
	"github.com/asynclint/asynclint/analysis/syntax"
)

const versionBranches = `import sys
from sys import version_info as v

if sys.version_info >= (3, 11):
    live1()
else:
    dead1()
if sys.version_info < (3, 11):
    dead2()
elif sys.version_info[:2] >= (3, 12):
    live2()
else:
    live3()
if (3, 11) <= sys.version_info:
    live4()
else:
    dead3()
if not sys.version_info >= (3, 11):
    dead4()
if sys.version_info >= (3, 11, 2):
    live5()
else:
    live6()
if v > (3, 10):
    live7()
elif sys.platform == "win32":
    dead5()
if sys.version_info[:2] > (3, 11):
    live8()
`

// calls reports a warning and an error at each call whose name matches.
func calls(t *testing.T, src string, target config.Version) (warned, errors []string) {
	t.Helper()
	p := syntax.NewParser()
	defer p.Close()
	tree, err := p.Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	report := func(p *analysis.Pass) {
		for id := range p.Tree().OfKind(syntax.Call) {
			p.Reportf(id, nil, "%s", p.Tree().Text(p.Tree().ChildByField(id, syntax.FieldFunction)))
		}
	}
	warning := &analysis.Rule{Code: "T1", Run: report}
	compiler := &analysis.Rule{Code: "T2", Severity: analysis.Error, Run: report}
	settings := config.DefaultSettings()
	settings.TargetVersion = target
	for _, d := range Run(tree, &Options{Rules: []*analysis.Rule{warning, compiler}, Settings: settings}).Diagnostics {
		if d.Rule == warning {
			warned = append(warned, d.Message)
		} else {
			errors = append(errors, d.Message)
		}
	}
	return warned, errors
}

func TestDeadBranchesHaveNoWarnings(t *testing.T) {
	warned, errors := calls(t, versionBranches, config.Version{Major: 3, Minor: 11})
	names := regexp.MustCompile(`(live|dead)\d`).FindAllString(versionBranches, -1)
	for _, name := range names {
		if got, want := slices.Contains(warned, name), name[:4] == "live"; got != want {
			t.Errorf("target 3.11: warning on %s() is %v, want %v", name, got, want)
		}
		if !slices.Contains(errors, name) {
			t.Errorf("target 3.11: no error on %s(): CPython compiles dead branches too", name)
		}
	}
	warned, _ = calls(t, versionBranches, config.Version{Major: 3, Minor: 8})
	for _, name := range names {
		if !slices.Contains(warned, name) {
			t.Errorf("target 3.8: no warning on %s()", name)
		}
	}
}
