package main

import (
	"fmt"
	"maps"
	"slices"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/check"
	"github.com/asynclint/asynclint/analysis/config"
	"github.com/asynclint/asynclint/analysis/engine"
	"github.com/asynclint/asynclint/analysis/fix"
	"github.com/asynclint/asynclint/analysis/notebook"
	"github.com/asynclint/asynclint/analysis/report"
	"github.com/asynclint/asynclint/analysis/source"
	"github.com/asynclint/asynclint/analysis/syntax"
)

// addNoqa adds "# noqa: CODE" to the line of each finding, keeping the
// codes a noqa comment there already names, and reports how many lines it
// changed.
func (c *checker) addNoqa(findings []report.Finding) int {
	byFile := map[string][]report.Finding{}
	var paths []string
	for _, f := range findings {
		if f.Code == "" {
			continue // a note about the file: no rule to name
		}
		if byFile[f.Path] == nil {
			paths = append(paths, f.Path)
		}
		byFile[f.Path] = append(byFile[f.Path], f)
	}
	p := syntax.NewParser()
	defer p.Close()
	added, status := 0, exitClean
	for _, path := range paths {
		n, err := addNoqaTo(p, path, byFile[path])
		if err != nil {
			fmt.Fprintf(c.stderr, "asynclint: %s: cannot add noqa comments: %v\n", path, err)
			status = exitUsage
		}
		added += n
	}
	c.note("Added %s.", report.Count(added, "noqa directive", "noqa directives"))
	return status
}

// addNoqaTo adds the noqa comments of findings to the file at path, a
// Python file or a notebook.
func addNoqaTo(p *syntax.Parser, path string, findings []report.Finding) (int, error) {
	f, err := source.Read(path, engine.DefaultMaxFileSize)
	if f == nil {
		return 0, err
	}
	text := f.Text
	var nb *notebook.Notebook
	if config.IsNotebook(path) {
		if nb, err = notebook.Parse(f.Text); err != nil {
			return 0, err
		}
		text = nb.Python()
	}
	codes := map[int][]string{} // line of the text -> codes
	for _, fd := range findings {
		line := fd.Start.Line
		if nb != nil {
			line = nb.Line(fd.Cell, line)
		}
		codes[line] = append(codes[line], fd.Code)
	}
	tree, err := p.Parse(text)
	if err != nil {
		return 0, err
	}
	var edits []analysis.TextEdit
	for _, line := range slices.Sorted(maps.Keys(codes)) {
		if line < 1 || line > tree.Lines().Count() {
			continue
		}
		if e, ok := check.NoqaEdit(tree, line, codes[line]); ok {
			edits = append(edits, e)
		}
	}
	if len(edits) == 0 {
		return 0, nil
	}
	fixed, _ := fix.Apply(text, []*analysis.Fix{{Edits: edits}})
	if nb != nil {
		if nb, err = nb.Update(fixed); err != nil {
			return 0, err
		}
		fixed = nb.Bytes()
	}
	data, err := f.Encode(fixed)
	if err == nil {
		err = f.Replace(data)
	}
	if err != nil {
		return 0, err
	}
	return len(edits), nil
}
