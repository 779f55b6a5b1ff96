package fix

import (
	"slices"

	"github.com/asynclint/asynclint/analysis"
)

// WithImports puts the import edits (nil ones skipped) before edits,
// merging imports at the same place into one edit.
func WithImports(edits []analysis.TextEdit, imports ...*analysis.TextEdit) []analysis.TextEdit {
	var merged *analysis.TextEdit
	for _, imp := range imports {
		switch {
		case imp == nil:
		case merged == nil:
			copied := *imp
			merged = &copied
		default:
			merged.NewText += imp.NewText
		}
	}
	if merged == nil {
		return edits
	}
	return append([]analysis.TextEdit{*merged}, edits...)
}

// NonEmpty drops the edits that change nothing.
func NonEmpty(edits []analysis.TextEdit) []analysis.TextEdit {
	return slices.DeleteFunc(edits, func(e analysis.TextEdit) bool { return e.Start == e.End && e.NewText == "" })
}
