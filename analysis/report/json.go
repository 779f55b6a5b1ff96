package report

import "path/filepath"

// jsonFinding is a Finding in the json format. Code is null for notes.
type jsonFinding struct {
	Code      *string       `json:"code"`
	Name      string        `json:"name"`
	Message   string        `json:"message"`
	Path      string        `json:"path"`
	Cell      *int          `json:"cell"`
	Line      int           `json:"line"`
	Column    int           `json:"column"`
	EndLine   int           `json:"end_line"`
	EndColumn int           `json:"end_column"`
	Severity  string        `json:"severity"`
	Fix       *jsonFix      `json:"fix"`
	Related   []jsonRelated `json:"related"`
}

type jsonFix struct {
	Message       string     `json:"message"`
	Applicability string     `json:"applicability"`
	Edits         []jsonEdit `json:"edits"`
}

type jsonEdit struct {
	Content     string       `json:"content"`
	Cell        *int         `json:"cell"`
	Location    jsonLocation `json:"location"`
	EndLocation jsonLocation `json:"end_location"`
}

type jsonLocation struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

type jsonRelated struct {
	Path      string `json:"path"`
	Cell      *int   `json:"cell"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"end_line"`
	EndColumn int    `json:"end_column"`
	Message   string `json:"message"`
}

// jsonFindings converts findings, making every list non-nil so that empty
// ones encode as [] rather than null.
func jsonFindings(findings []Finding) []jsonFinding {
	out := make([]jsonFinding, len(findings))
	for i := range findings {
		f := &findings[i]
		out[i] = jsonFinding{
			Code:      nullable(f.Code),
			Name:      f.Name,
			Message:   f.Message,
			Path:      filepath.ToSlash(f.Path),
			Cell:      cellOf(f.Cell),
			Line:      f.Start.Line,
			Column:    f.Start.Column,
			EndLine:   f.End.Line,
			EndColumn: f.End.Column,
			Severity:  f.Severity,
			Fix:       jsonFixOf(f.Fix),
			Related:   make([]jsonRelated, len(f.Related)),
		}
		for j, r := range f.Related {
			out[i].Related[j] = jsonRelated{
				Path:      filepath.ToSlash(r.Path),
				Cell:      cellOf(r.Cell),
				Line:      r.Start.Line,
				Column:    r.Start.Column,
				EndLine:   r.End.Line,
				EndColumn: r.End.Column,
				Message:   r.Message,
			}
		}
	}
	return out
}

func jsonFixOf(fix *Fix) *jsonFix {
	if fix == nil {
		return nil
	}
	out := &jsonFix{
		Message:       fix.Message,
		Applicability: fix.Applicability,
		Edits:         make([]jsonEdit, len(fix.Edits)),
	}
	for i, e := range fix.Edits {
		out.Edits[i] = jsonEdit{
			Content:     e.Content,
			Cell:        cellOf(e.Cell),
			Location:    jsonLocation(e.Start),
			EndLocation: jsonLocation(e.End),
		}
	}
	return out
}

// nullable returns nil for "", which encodes as null.
func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// cellOf returns nil, null in JSON, outside a notebook.
func cellOf(cell int) *int {
	if cell == 0 {
		return nil
	}
	return &cell
}
