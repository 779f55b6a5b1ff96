// Package report writes findings in the output formats of the CLI: text,
// concise, json, sarif and github.
package report

import "github.com/asynclint/asynclint/analysis/source"

// Position is a 1-based line and a 1-based column counted in characters.
type Position = source.Position

// A Finding is one diagnostic located in a file, ready to print.
type Finding struct {
	Path     string // the file, as the user named it or relative to the working directory
	Code     string // rule code such as "AL201"; "" for a note about the file itself (unreadable, syntax error)
	Name     string // rule name such as "blocking-sleep", or the note's kind ("syntax-error", "io-error")
	Message  string
	Severity string // "error" or "warning"
	Start    Position
	End      Position // exclusive
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

// An Edit replaces the text between Start and End with Content.
type Edit struct {
	Start, End Position
	Content    string
}

// Related is another location that explains a finding.
type Related struct {
	Path    string
	Start   Position
	End     Position
	Message string
}

// RuleInfo describes a rule for formats that list the rules they report
// (SARIF).
type RuleInfo struct {
	Code, Name, Summary string
	Severity            string
	HelpURI             string
}
