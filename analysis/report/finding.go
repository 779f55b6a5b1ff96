// Package report writes findings in the output formats of the CLI: text,
// concise, json, sarif and github.
package report

import (
	"fmt"

	"github.com/asynclint/asynclint/analysis/source"
)

// Position is a 1-based line and a 1-based column counted in characters.
type Position = source.Position

// A Finding is one diagnostic located in a file, ready to print.
type Finding struct {
	Path     string // the file, as the user named it or relative to the working directory
	Code     string // rule code such as "AL201"; "" for a note about the file itself (unreadable, syntax error)
	Name     string // rule name such as "blocking-sleep", or the note's kind ("syntax-error", "io-error")
	Message  string
	Severity string // "error" or "warning"
	// Cell is, in a Jupyter notebook, the cell the finding starts in,
	// numbered from 1 as Jupyter shows them (every cell counts); Start and
	// End are then lines of that cell. 0 for a Python file.
	Cell  int
	Start Position
	End   Position // exclusive
	// SourceLine is the text of line Start.Line, without its line ending,
	// for the text format's excerpt; "" when unknown. A long line is quoted
	// in part, from column SourceColumn (0 for the whole line).
	SourceLine   string
	SourceColumn int
	Fix          *Fix      // nil when no fix is offered
	Related      []Related // further locations that explain the finding
}

// A Fix is an edit that resolves a finding.
type Fix struct {
	Message       string
	Applicability string // "safe" or "unsafe"
	Edits         []Edit
}

// An Edit replaces the text between Start and End with Content. In a
// notebook, Cell is the cell they are lines of.
type Edit struct {
	Cell       int
	Start, End Position
	Content    string
}

// Related is another location that explains a finding. In a notebook,
// Cell is the cell Start and End are lines of.
type Related struct {
	Path    string
	Cell    int
	Start   Position
	End     Position
	Message string
}

// Where returns "path:line:column" for a position of a file, or
// "path:cell N:line:column" in a notebook.
func Where(path string, cell int, p Position) string {
	if cell > 0 {
		return fmt.Sprintf("%s:cell %d:%d:%d", path, cell, p.Line, p.Column)
	}
	return fmt.Sprintf("%s:%d:%d", path, p.Line, p.Column)
}

// RuleInfo describes a rule for formats that list the rules they report
// (SARIF).
type RuleInfo struct {
	Code, Name, Summary string
	Severity            string
	HelpURI             string
}
