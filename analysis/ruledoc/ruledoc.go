// Package ruledoc renders a rule's page, the text of "asynclint rule
// CODE" and of the language server's hovers, from the rule's facts and the
// Markdown of its documentation.
//
// A rule's documentation has the sections of ruff's rule pages:
//
//	## What it does
//	## Why is this bad?
//	## Example        (a ```python block)
//	Use instead:      (a ```python block)
package ruledoc

import (
	"fmt"
	"strings"
)

// Rule is what a page says of a rule.
type Rule struct {
	Code, Name, Summary string
	Fix                 string // "none", "safe", "unsafe" or "sometimes"
	Default             bool
	SameAs              []string
	Doc                 string   // the Markdown of the rule's documentation
	Covers              []string // the APIs a catalog-driven rule knows
}

// exampleHeading starts the part of a page that holds its examples, before
// which the list of covered APIs goes.
const exampleHeading = "## Example"

// Page renders r's page as Markdown.
func Page(r Rule) string {
	var b strings.Builder
	summary := strings.TrimSuffix(r.Summary, ".")
	fmt.Fprintf(&b, "# %s (%s)\n\n%s.\n\n", r.Name, r.Code, strings.ToUpper(summary[:1])+summary[1:])
	fmt.Fprintf(&b, "Fix: %s. ", r.Fix)
	if r.Default {
		b.WriteString("Enabled by default.")
	} else {
		b.WriteString("Not enabled by default.")
	}
	if len(r.SameAs) > 0 {
		fmt.Fprintf(&b, " Same as: %s.", strings.Join(r.SameAs, ", "))
	}
	b.WriteString("\n\n")
	doc := strings.TrimSpace(r.Doc) + "\n"
	before, after, found := strings.Cut(doc, exampleHeading)
	b.WriteString(before)
	if len(r.Covers) > 0 {
		if !found {
			b.WriteString("\n")
		}
		b.WriteString("## What it covers\n\n")
		for _, c := range r.Covers {
			fmt.Fprintf(&b, "- `%s`\n", c)
		}
		if found {
			b.WriteString("\n")
		}
	}
	if found {
		b.WriteString(exampleHeading + after)
	}
	return b.String()
}

// Examples returns the Python code of a documentation's example and of
// its "Use instead" section; "" for a section it lacks.
func Examples(doc string) (example, instead string) {
	_, rest, ok := strings.Cut(doc, exampleHeading)
	if !ok {
		return "", ""
	}
	example, rest = codeBlock(rest)
	if _, after, ok := strings.Cut(rest, "Use instead:"); ok {
		instead, _ = codeBlock(after)
	}
	return example, instead
}

// codeBlock returns the content of the first ```python block of text and
// the text after it.
func codeBlock(text string) (code, rest string) {
	_, after, ok := strings.Cut(text, "```python\n")
	if !ok {
		return "", text
	}
	code, rest, _ = strings.Cut(after, "```")
	return code, rest
}
