package fix

import (
	"slices"

	"github.com/asynclint/asynclint/analysis"
)

// WithImports puts the import edits (nil ones skipped) before edits,
// merging the imports added at the same place into one edit, in the order
// given: the one that sorts first comes first.
func WithImports(edits []analysis.TextEdit, imports ...*analysis.TextEdit) []analysis.TextEdit {
	var merged []analysis.TextEdit
	for _, imp := range imports {
		if imp == nil {
			continue
		}
		if i := slices.IndexFunc(merged, func(e analysis.TextEdit) bool { return e.Start == imp.Start }); i >= 0 {
			merged[i].NewText += imp.NewText
		} else {
			merged = append(merged, *imp)
		}
	}
	return append(merged, edits...)
}

// NonEmpty drops the edits that change nothing.
func NonEmpty(edits []analysis.TextEdit) []analysis.TextEdit {
	return slices.DeleteFunc(edits, func(e analysis.TextEdit) bool { return e.Start == e.End && e.NewText == "" })
}
