package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode"
)

// ANSI styles of the text formats.
const (
	styleBold   = "\x1b[1m"
	styleRed    = "\x1b[1;31m"
	styleYellow = "\x1b[1;33m"
	styleCyan   = "\x1b[36m"
	styleReset  = "\x1b[0m"
)

// tabWidth is the distance between tab stops, as in terminals and in
// Python's own reading of indentation.
const tabWidth = 8

// A printer writes the human-readable formats. Its bufio.Writer keeps the
// first write error, so the methods need not return one; Flush reports it.
type printer struct {
	*bufio.Writer
	color bool
}

func newPrinter(w io.Writer, color bool) *printer {
	return &printer{bufio.NewWriter(w), color}
}

// paint wraps s in style when colours are on.
func (p *printer) paint(style, s string) string {
	if !p.color {
		return s
	}
	return style + s + styleReset
}

// severityStyle returns the colour of f's severity.
func severityStyle(f *Finding) string {
	if level(f.Severity) == "warning" {
		return styleYellow
	}
	return styleRed
}

// writeText writes each finding as a block: its heading, the source excerpt
// when asked for, and the fix, followed by a blank line.
func writeText(w io.Writer, findings []Finding, opts Options) error {
	p := newPrinter(w, opts.Color)
	for i := range findings {
		f := &findings[i]
		p.heading(f, false)
		if opts.ShowSource && f.SourceLine != "" {
			p.excerpt(f)
		}
		if f.Fix != nil {
			p.help(f.Fix)
		}
		p.WriteByte('\n')
	}
	p.summary(findings, opts)
	return p.Flush()
}

// writeConcise writes one line per finding.
func writeConcise(w io.Writer, findings []Finding, opts Options) error {
	p := newPrinter(w, opts.Color)
	for i := range findings {
		p.heading(&findings[i], true)
	}
	p.summary(findings, opts)
	return p.Flush()
}

// heading writes "path:line:col: CODE message", with "error:" in place of
// the code for a note, and with "[*]" before the message when mark is set
// and a safe fix exists.
func (p *printer) heading(f *Finding, mark bool) {
	code := f.Code
	if code == "" {
		code = "error:"
	}
	fmt.Fprintf(p, "%s %s ",
		p.paint(styleBold, Where(f.Path, f.Cell, f.Start)+":"),
		p.paint(severityStyle(f), code))
	if mark && isSafe(f.Fix) {
		p.WriteString(p.paint(styleCyan, "[*]") + " ")
	}
	p.WriteString(f.Message + "\n")
}

// excerpt writes f's source line and carets under its range.
func (p *printer) excerpt(f *Finding) {
	start, end := f.Start, f.End
	if f.SourceColumn > 0 { // the excerpt starts inside the line
		start.Column -= f.SourceColumn - 1
		end.Column -= f.SourceColumn - 1
	}
	line, from, to := underline(f.SourceLine, start, end)
	fmt.Fprintf(p, "    %s\n    %s%s\n", line, strings.Repeat(" ", from),
		p.paint(severityStyle(f), strings.Repeat("^", to-from)))
}

// help writes the fix's message, marking fixes that --fix alone leaves.
func (p *printer) help(fix *Fix) {
	p.WriteString(p.paint(styleCyan, "help:") + " " + fix.Message)
	if !isSafe(fix) {
		p.WriteString(" [unsafe]")
	}
	p.WriteByte('\n')
}

// summary writes the closing lines of the text and concise formats.
func (p *printer) summary(findings []Finding, opts Options) {
	if opts.Quiet {
		return
	}
	if len(findings) == 0 && opts.FixesApplied == 0 {
		p.WriteString("All checks passed!\n")
		return
	}
	if len(findings) > 0 {
		fmt.Fprintf(p, "Found %s.\n", CountFindings(findings))
		p.fixHints(findings, opts.UnsafeFixes)
	}
	if opts.FixesApplied > 0 {
		fmt.Fprintf(p, "Fixed %s.\n", Count(opts.FixesApplied, "finding", "findings"))
	}
}

// fixHints tells how many findings --fix would resolve, and how many more
// --unsafe-fixes would.
func (p *printer) fixHints(findings []Finding, unsafeFixes bool) {
	var safe, unsafe int
	for i := range findings {
		switch fix := findings[i].Fix; {
		case isSafe(fix), fix != nil && unsafeFixes:
			safe++
		case fix != nil:
			unsafe++
		}
	}
	switch {
	case safe > 0 && unsafe > 0:
		fmt.Fprintf(p, "%s %d fixable with `--fix` (%s available with `--unsafe-fixes`).\n",
			p.paint(styleCyan, "[*]"), safe, Count(unsafe, "more fix", "more fixes"))
	case safe > 0:
		fmt.Fprintf(p, "%s %d fixable with `--fix`.\n", p.paint(styleCyan, "[*]"), safe)
	case unsafe > 0:
		fmt.Fprintf(p, "%s available with `--unsafe-fixes`.\n", Count(unsafe, "fix", "fixes"))
	}
}

// CountFindings says how many findings there are and of which severity:
// "3 findings (1 error, 2 warnings)". Errors are what Python refuses to
// run (AL1xx) and files that cannot be checked; the rest are warnings, as
// every format says.
func CountFindings(findings []Finding) string {
	errs := 0
	for i := range findings {
		if level(findings[i].Severity) == "error" {
			errs++
		}
	}
	warnings := len(findings) - errs
	var parts []string
	if errs > 0 {
		parts = append(parts, Count(errs, "error", "errors"))
	}
	if warnings > 0 {
		parts = append(parts, Count(warnings, "warning", "warnings"))
	}
	return fmt.Sprintf("%s (%s)", Count(len(findings), "finding", "findings"), strings.Join(parts, ", "))
}

// Count returns "1 finding" or "n findings".
func Count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// underline returns line with its tabs expanded and the display columns
// [from, to) that the range start–end covers on it. The range is clipped to
// the line, runs to the line's end when it ends on a later line, and covers
// at least one column so that an empty range still shows where it is.
func underline(line string, start, end Position) (expanded string, from, to int) {
	expanded, cols := expandTabs(line)
	n := len(cols) - 1 // characters in line
	first := min(max(start.Column-1, 0), n)
	last := n
	if end.Line == start.Line {
		last = min(max(end.Column-1, first), n)
	}
	from, to = cols[first], cols[last]
	return expanded, from, max(to, from+1)
}

// expandTabs replaces each tab of line with spaces up to the next tab stop
// and returns the result with cols, where cols[i] is the display column at
// which the line's i-th character starts and cols[len(cols)-1] is the
// line's width. Each byte of an invalid UTF-8 sequence becomes one U+FFFD,
// a character of its own as Position counts it.
func expandTabs(line string) (string, []int) {
	var b strings.Builder
	cols := make([]int, 0, len(line)+1)
	col := 0
	for _, r := range line {
		cols = append(cols, col)
		if r == '\t' {
			n := tabWidth - col%tabWidth
			b.WriteString(strings.Repeat(" ", n))
			col += n
			continue
		}
		b.WriteRune(r)
		col += width(r)
	}
	return b.String(), append(cols, col)
}

// width returns the columns a terminal gives r: none for combining marks
// and format characters, two for East Asian wide and fullwidth characters
// and one otherwise.
func width(r rune) int {
	switch {
	case unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf):
		return 0
	case unicode.Is(wide, r):
		return 2
	}
	return 1
}

// wide holds the East Asian wide and fullwidth characters, after Markus
// Kuhn's wcwidth.
var wide = &unicode.RangeTable{
	R16: []unicode.Range16{
		{Lo: 0x1100, Hi: 0x115f, Stride: 1}, // Hangul Jamo initial consonants
		{Lo: 0x2329, Hi: 0x232a, Stride: 1}, // angle brackets
		{Lo: 0x2e80, Hi: 0x303e, Stride: 1}, // CJK radicals to CJK symbols
		{Lo: 0x3040, Hi: 0xa4cf, Stride: 1}, // kana to Yi
		{Lo: 0xac00, Hi: 0xd7a3, Stride: 1}, // Hangul syllables
		{Lo: 0xf900, Hi: 0xfaff, Stride: 1}, // CJK compatibility ideographs
		{Lo: 0xfe10, Hi: 0xfe19, Stride: 1}, // vertical forms
		{Lo: 0xfe30, Hi: 0xfe6f, Stride: 1}, // CJK compatibility forms
		{Lo: 0xff00, Hi: 0xff60, Stride: 1}, // fullwidth forms
		{Lo: 0xffe0, Hi: 0xffe6, Stride: 1}, // fullwidth signs
	},
	R32: []unicode.Range32{
		{Lo: 0x1f300, Hi: 0x1f64f, Stride: 1}, // pictographs and emoticons
		{Lo: 0x1f900, Hi: 0x1f9ff, Stride: 1}, // supplemental pictographs
		{Lo: 0x20000, Hi: 0x2fffd, Stride: 1}, // CJK extensions
		{Lo: 0x30000, Hi: 0x3fffd, Stride: 1},
	},
}
