// Package ruledoc renders a rule's documentation as a Markdown page, the
// text of "asynclint rule CODE" and of the language server's hovers.
package ruledoc

import (
	"fmt"
	"strings"

	"github.com/asynclint/asynclint/analysis"
)

// Page renders r's documentation as Markdown.
func Page(r *analysis.Rule) string {
	var b strings.Builder
	summary := strings.TrimSuffix(r.Summary, ".")
	fmt.Fprintf(&b, "# %s (%s)\n\n%s.\n\n", r.Name, r.Code, strings.ToUpper(summary[:1])+summary[1:])
	fmt.Fprintf(&b, "Fix: %s. ", r.FixKind)
	if r.Default {
		b.WriteString("Enabled by default.")
	} else {
		b.WriteString("Not enabled by default.")
	}
	if len(r.SameAs) > 0 {
		fmt.Fprintf(&b, " Same as: %s.", strings.Join(r.SameAs, ", "))
	}
	fmt.Fprintf(&b, "\n\n## What it does\n\n%s\n\n## Why is this bad?\n\n%s\n", r.Doc.What, r.Doc.Why)
	if len(r.Doc.Covers) > 0 {
		b.WriteString("\n## What it covers\n\n")
		for _, c := range r.Doc.Covers {
			fmt.Fprintf(&b, "- `%s`\n", c)
		}
	}
	if r.Doc.Example != "" {
		fmt.Fprintf(&b, "\n## Example\n\n```python\n%s```\n", r.Doc.Example)
	}
	if r.Doc.Instead != "" {
		fmt.Fprintf(&b, "\nUse instead:\n\n```python\n%s```\n", r.Doc.Instead)
	}
	return b.String()
}
