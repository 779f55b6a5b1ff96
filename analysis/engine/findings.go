package engine

import (
	"errors"
	"io/fs"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/discover"
	"github.com/asynclint/asynclint/analysis/report"
	"github.com/asynclint/asynclint/analysis/source"
	"github.com/asynclint/asynclint/analysis/syntax"
)

// toFinding locates a diagnostic for printing.
func toFinding(path string, t *syntax.Tree, d analysis.Diagnostic) report.Finding {
	start := t.Position(d.Start)
	f := report.Finding{
		Path:       path,
		Message:    d.Message,
		Severity:   "error",
		Start:      start,
		End:        t.Position(d.End),
		SourceLine: t.LineText(start.Line),
	}
	if d.Rule != nil {
		f.Code, f.Name, f.Severity = d.Rule.Code, d.Rule.Name, d.Rule.Severity.String()
	} else {
		f.Name = "internal-error"
	}
	if d.Fix != nil {
		fix := &report.Fix{Message: d.Fix.Message, Applicability: d.Fix.Applicability.String()}
		for _, e := range d.Fix.Edits {
			fix.Edits = append(fix.Edits, report.Edit{Start: t.Position(e.Start), End: t.Position(e.End), Content: e.NewText})
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

// noteAt is a note about a file at a byte offset.
func noteAt(path string, t *syntax.Tree, off int, kind, message string) report.Finding {
	f := fileNote(path, kind, message)
	f.Start = t.Position(off)
	f.End = f.Start
	f.SourceLine = t.LineText(f.Start.Line)
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
