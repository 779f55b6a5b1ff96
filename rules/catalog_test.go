package rules

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/internal/testenv"
)

// catalogPath is the rule catalog, the contract with users, beside the
// repository.
const catalogPath = "../../shared/spec/rules.md"

// catalogRow is what the catalog says of a rule.
type catalogRow struct {
	code, name string
	fix        analysis.FixKind
	defaultOn  bool
	sameAs     []string
}

var (
	catalogLine = regexp.MustCompile(`^\|\s*(AL\d{3})\s*\|\s*([a-z0-9-]+)\s*\|(.*)\|(.*)\|(.*)\|\s*$`)
	// otherCode is a code of another tool in the "same as" column: ASYNC100,
	// E1701, RUF006, reportUnusedCoroutine, unused-coroutine.
	otherCode = regexp.MustCompile(`\b(?:[A-Z]+[0-9]+|report[A-Za-z]+|[a-z]+(?:-[a-z]+)+)\b`)
)

func readCatalog(t *testing.T) map[string]catalogRow {
	data, err := os.ReadFile(catalogPath)
	if err != nil {
		testenv.Missing(t, "no rule catalog at %s: %v", catalogPath, err)
	}
	rows := map[string]catalogRow{}
	for _, line := range strings.Split(string(data), "\n") {
		m := catalogLine.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		flags, fix, same := m[3], strings.TrimSpace(m[4]), strings.TrimSpace(m[5])
		row := catalogRow{code: m[1], name: m[2], defaultOn: !strings.Contains(flags, "**off")}
		switch {
		case strings.HasPrefix(fix, "none"):
			row.fix = analysis.FixNone
		case strings.HasPrefix(fix, "safe/unsafe"), strings.HasPrefix(fix, "unsafe") && strings.Contains(fix, "(safe when"):
			row.fix = analysis.FixSometimes
		case strings.HasPrefix(fix, "safe"):
			row.fix = analysis.FixSafe
		case strings.HasPrefix(fix, "unsafe"):
			row.fix = analysis.FixUnsafe
		default:
			t.Fatalf("%s: cannot read the fix column %q", m[1], fix)
		}
		if same != "" && !strings.HasPrefix(same, "(none") {
			row.sameAs = otherCode.FindAllString(strings.NewReplacer("(pylint)", "", "(pyright)", "").Replace(same), -1)
		}
		rows[row.code] = row
	}
	return rows
}

// TestCatalog checks the rules against the catalog: every rule is in it
// with the same name, fix, default and codes of other tools, and every
// code those list is one that a noqa comment honours.
func TestCatalog(t *testing.T) {
	rows := readCatalog(t)
	suite := Suite()
	for _, r := range suite.Rules {
		row, ok := rows[r.Code]
		if !ok {
			t.Errorf("%s is not in the catalog", r.Code)
			continue
		}
		if r.Name != row.name {
			t.Errorf("%s: name %q, the catalog says %q", r.Code, r.Name, row.name)
		}
		if r.FixKind != row.fix {
			t.Errorf("%s: fix %s, the catalog says %s", r.Code, r.FixKind, row.fix)
		}
		if r.Default != row.defaultOn {
			t.Errorf("%s: default %v, the catalog says %v", r.Code, r.Default, row.defaultOn)
		}
		if got, want := slices.Sorted(slices.Values(r.SameAs)), slices.Sorted(slices.Values(row.sameAs)); !slices.Equal(got, want) {
			t.Errorf("%s: same as %v, the catalog says %v", r.Code, got, want)
		}
		for _, code := range row.sameAs {
			if !r.Names(code) {
				t.Errorf("%s: # noqa: %s would not silence it", r.Code, code)
			}
		}
	}
	for code := range rows {
		if suite.Lookup(code) == nil {
			t.Errorf("%s is in the catalog but not among the rules", code)
		}
	}
}
