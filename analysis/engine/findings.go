package engine

import (
	"errors"
	"io/fs"
	"unicode/utf8"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/discover"
	"github.com/asynclint/asynclint/analysis/report"
	"github.com/asynclint/asynclint/analysis/source"
	"github.com/asynclint/asynclint/analysis/syntax"
)

// A locator turns the byte offsets of one file's diagnostics, in source
// order, into findings: positions are counted from the previous one, and
// findings on one line share its text, so that the work and the memory
// grow with the file, not with the findings times the length of a line.
type locator struct {
	path        string
	lines       *source.Lines
	starts      *source.Cursor
	ends        *source.Cursor
	edits       *source.Cursor
	excerptLine int
	excerpt     string
}

// maxExcerpt is the longest source line a finding quotes whole; a longer
// one is quoted around the finding.
const maxExcerpt = 240

func newLocator(path string, t *syntax.Tree) *locator {
	lines := t.Lines()
	return &locator{path: path, lines: lines, starts: lines.Cursor(), ends: lines.Cursor(), edits: lines.Cursor()}
}

// quote sets the finding's excerpt of the source line at byte offset off.
func (l *locator) quote(f *report.Finding, off int) {
	line := f.Start.Line
	start, end := l.lines.Start(line), l.lines.End(line)
	if end-start <= maxExcerpt {
		if l.excerptLine != line {
			l.excerptLine, l.excerpt = line, l.lines.Text(line)
		}
		f.SourceLine = l.excerpt
		return
	}
	src := l.lines.Src()
	from, to := max(start, off-maxExcerpt/3), min(end, off+2*maxExcerpt/3)
	for from > start && !utf8.RuneStart(src[from]) {
		from--
	}
	for to < end && !utf8.RuneStart(src[to]) {
		to++
	}
	f.SourceLine = string(src[from:to])
	f.SourceColumn = f.Start.Column - utf8.RuneCount(src[from:off])
}

// finding locates a diagnostic for printing.
func (l *locator) finding(d analysis.Diagnostic) report.Finding {
	f := report.Finding{
		Path:     l.path,
		Message:  d.Message,
		Severity: "error",
		Start:    l.starts.Position(d.Start),
		End:      l.ends.Position(d.End),
	}
	l.quote(&f, d.Start)
	path := l.path
	if d.Rule != nil {
		f.Code, f.Name, f.Severity = d.Rule.Code, d.Rule.Name, d.Rule.Severity.String()
	} else {
		f.Name = "internal-error"
	}
	if d.Fix != nil {
		fix := &report.Fix{Message: d.Fix.Message, Applicability: d.Fix.Applicability.String()}
		for _, e := range d.Fix.Edits {
			fix.Edits = append(fix.Edits, report.Edit{Start: l.edits.Position(e.Start), End: l.edits.Position(e.End), Content: e.NewText})
		}
		f.Fix = fix
	}
	for _, r := range d.Related {
		rp := r.Path
		if rp == "" {
			rp = path
		}
		f.Related = append(f.Related, report.Related{Path: rp, Start: r.Start, End: r.End, Message: r.Message})
	}
	return f
}

// fileNote is a finding about a whole file, such as one that cannot be read.
func fileNote(path, kind, message string) report.Finding {
	return report.Finding{Path: path, Name: kind, Message: message, Severity: "error",
		Start: source.Position{Line: 1, Column: 1}, End: source.Position{Line: 1, Column: 1}}
}

// note is a note about the file at a byte offset.
func (l *locator) note(off int, kind, message string) report.Finding {
	f := fileNote(l.path, kind, message)
	f.Start = l.lines.Position(off)
	f.End = f.Start
	l.quote(&f, off)
	return f
}

// describe shortens an I/O error to what is wrong, without the path, which
// the finding already names.
func describe(err error) string {
	if pe, ok := errors.AsType[*discover.PathError](err); ok {
		err = pe.Err
	}
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		err = pe.Err
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "no such file or directory"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	}
	return err.Error()
}

// pathOf returns the path an error is about, for notes.
func pathOf(err error) string {
	if pe, ok := errors.AsType[*discover.PathError](err); ok {
		return pe.Path
	}
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		return pe.Path
	}
	return "."
}
