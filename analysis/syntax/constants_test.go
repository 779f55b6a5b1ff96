package syntax

import (
	"bytes"
	"flag"
	"fmt"
	"go/format"
	"os"
	"regexp"
	"testing"
)

var update = flag.Bool("update", false, "rewrite constants.go from the grammar")

// constantsFile is where the kinds and fields the analysis looks at are
// constants, so that a switch on them compiles to a jump or a search
// rather than a comparison with each case in turn.
const constantsFile = "constants.go"

// TestConstants checks that the constants of constantsFile are the
// grammar's kinds and fields: the file is generated from the list in it,
// by name, and go test -run TestConstants -update writes it again when
// the grammar changes.
func TestConstants(t *testing.T) {
	old, err := os.ReadFile(constantsFile)
	if err != nil {
		t.Fatal(err)
	}
	line := regexp.MustCompile(`(?m)^\t(\w+)\s+(Kind|Field) = \d+\s+// (named|token|field) (.+)$`)
	var b bytes.Buffer
	b.WriteString(constantsHeader)
	section := ""
	for _, m := range line.FindAllStringSubmatch(string(old), -1) {
		name, typ, how, grammarName := m[1], m[2], m[3], m[4]
		if typ != section {
			if section != "" {
				b.WriteString(")\n\n")
			}
			fmt.Fprintf(&b, "// %s\nconst (\n", map[string]string{"Kind": "Node kinds the analysis looks at.", "Field": "Fields the analysis looks at."}[typ])
			section = typ
		}
		var value int
		switch how {
		case "named":
			value = int(named(grammarName))
		case "token":
			value = int(token(grammarName))
		case "field":
			value = int(field(grammarName))
		}
		fmt.Fprintf(&b, "\t%s %s = %d // %s %s\n", name, typ, value, how, grammarName)
	}
	b.WriteString(")\n")
	want, err := format.Source(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(old, want) {
		return
	}
	if *update {
		if err := os.WriteFile(constantsFile, want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("%s does not match the grammar: run go test ./analysis/syntax -run TestConstants -update", constantsFile)
}

const constantsHeader = `// The values of these constants are the grammar's: TestConstants checks
// them, and go test ./analysis/syntax -run TestConstants -update writes
// them again. To add a constant, add a line of the same form.

package syntax

`
