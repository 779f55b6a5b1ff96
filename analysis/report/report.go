package report

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
)

// Formats lists the valid format names; the first is the default.
var Formats = []string{"text", "concise", "json", "sarif", "github"}

// Options for Write.
type Options struct {
	Format       string     // one of Formats; "" means "text"
	Color        bool       // ANSI colours; the caller decides (a terminal, NO_COLOR unset)
	ShowSource   bool       // text format: show the source line and a caret under the range
	Rules        []RuleInfo // every rule, for SARIF's tool.driver.rules
	ToolVersion  string
	FixesApplied int  // number of fixes applied by --fix, summarised by text and concise
	UnsafeFixes  bool // unsafe fixes are enabled: --fix would apply them too
	Quiet        bool // text and concise: the findings only, without the closing summary
}

// Write writes findings, already sorted by path, line and column, in the
// format opts.Format.
func Write(w io.Writer, findings []Finding, opts Options) error {
	switch opts.Format {
	case "", "text":
		return writeText(w, findings, opts)
	case "concise":
		return writeConcise(w, findings, opts)
	case "json":
		return encodeJSON(w, jsonFindings(findings))
	case "sarif":
		return encodeJSON(w, sarifOf(findings, opts))
	case "github":
		return writeGitHub(w, findings)
	}
	return unknownFormat(opts.Format)
}

func unknownFormat(name string) error {
	return fmt.Errorf("report: unknown format %q", name)
}

// checkFormat reports whether name is "" or one of Formats.
func checkFormat(name string) error {
	if name != "" && !slices.Contains(Formats, name) {
		return unknownFormat(name)
	}
	return nil
}

// encodeJSON writes v indented by two spaces. It leaves <, > and & alone
// because messages quote Python code and nothing here is embedded in HTML.
func encodeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// level maps a severity to the two levels every format knows, treating
// anything but "warning" as an error so that nothing is understated.
func level(severity string) string {
	if severity == "warning" {
		return "warning"
	}
	return "error"
}

// isSafe reports whether fix exists and is applied by --fix alone.
func isSafe(fix *Fix) bool {
	return fix != nil && fix.Applicability == "safe"
}
