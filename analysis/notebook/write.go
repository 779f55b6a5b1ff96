package notebook

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/asynclint/asynclint/analysis/diff"
)

// Bytes returns the notebook file.
func (nb *Notebook) Bytes() []byte { return nb.data }

// A line of the text, and where it comes from.
type origin struct {
	cell    int // index in nb.cells
	blanked bool
	text    string // the notebook's own line, for a blanked one
}

// Update returns the notebook with the fixed text in its code cells. The
// fixed text is Python() edited: each line stays in its cell, a new line
// goes to the cell of the line it replaces or, added, of the line before
// it, and blanked lines get their IPython syntax back. Only the sources of
// the cells that change are written again. Update fails when an edit
// removes or changes a blanked line.
func (nb *Notebook) Update(fixed []byte) (*Notebook, error) {
	if bytes.Equal(fixed, nb.text) {
		return nb, nil
	}
	if nb.data == nil {
		return nil, errors.New("the notebook has no file to write the fix into")
	}
	var oldLines []string
	var from []origin
	for ci, c := range nb.cells {
		for li, l := range c.lines {
			orig, blanked := c.original[li]
			oldLines = append(oldLines, l)
			from = append(from, origin{ci, blanked, orig})
		}
	}
	if len(nb.cells) == 0 {
		return nil, errors.New("the notebook has no code cell to hold the fix")
	}
	newLines := strings.SplitAfter(string(fixed), "\n")
	if newLines[len(newLines)-1] == "" {
		newLines = newLines[:len(newLines)-1]
	}
	sources := make([][]string, len(nb.cells))
	target, deleted, next := 0, -1, 0 // where added lines go; the cell of the first line deleted since the last kept one
	for i, k := range diff.Kept(oldLines, newLines) {
		o := from[i]
		if k < 0 {
			if o.blanked {
				return nil, fmt.Errorf("a fix changes IPython syntax in cell %d", nb.cells[o.cell].number)
			}
			if deleted < 0 {
				deleted = o.cell
			}
			continue
		}
		to := target
		if deleted >= 0 {
			to = deleted
		} else if i == 0 {
			to = o.cell
		}
		sources[to] = append(sources[to], newLines[next:k]...)
		line := newLines[k]
		if o.blanked {
			line = o.text
		}
		sources[o.cell] = append(sources[o.cell], line)
		target, deleted, next = o.cell, -1, k+1
	}
	if deleted >= 0 {
		target = deleted
	}
	sources[target] = append(sources[target], newLines[next:]...)
	return nb.rewrite(sources)
}

// rewrite returns the notebook whose code cells have the given lines,
// writing again the source of each cell that changes.
func (nb *Notebook) rewrite(sources [][]string) (*Notebook, error) {
	var out bytes.Buffer
	last := 0
	for i, c := range nb.cells {
		src := strings.Join(sources[i], "")
		if c.newline || c.source == "" {
			// Jupyter ends the last line of a cell without a newline.
			src = strings.TrimSuffix(src, "\n")
		}
		if src == c.source {
			continue
		}
		value, err := nb.encodeSource(c, src)
		if err != nil {
			return nil, err
		}
		out.Write(nb.data[last:c.start])
		out.Write(value)
		last = c.end
	}
	out.Write(nb.data[last:])
	return Parse(out.Bytes())
}

// encodeSource encodes a cell's new source as its old one was written: a
// string, or a list of lines laid out as the old list was.
func (nb *Notebook) encodeSource(c *cell, src string) ([]byte, error) {
	old := nb.data[c.start:c.end]
	if old[0] == '"' {
		return encodeString(src)
	}
	open, sep, closing := nb.listLayout(c)
	var b bytes.Buffer
	b.WriteByte('[')
	lines := strings.SplitAfter(src, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	for i, l := range lines {
		if i == 0 {
			b.WriteString(open)
		} else {
			b.WriteString(sep)
		}
		s, err := encodeString(l)
		if err != nil {
			return nil, err
		}
		b.Write(s)
	}
	if len(lines) > 0 {
		b.WriteString(closing)
	}
	b.WriteByte(']')
	return b.Bytes(), nil
}

// listLayout returns the blanks of a cell's source list: after "[",
// between items (with the comma) and before "]", as the list has them. A
// list that was empty takes the layout Jupyter writes, one space deeper
// than its key.
func (nb *Notebook) listLayout(c *cell) (open, sep, closing string) {
	old := nb.data[c.start:c.end]
	inner := old[1 : len(old)-1]
	if len(bytes.TrimSpace(inner)) == 0 {
		lineStart := bytes.LastIndexByte(nb.data[:c.start], '\n') + 1
		line := nb.data[lineStart:c.start]
		indent := string(line[:len(line)-len(bytes.TrimLeft(line, " \t"))])
		return "\n" + indent + " ", ",\n" + indent + " ", "\n" + indent
	}
	open = string(inner[:len(inner)-len(bytes.TrimLeft(inner, " \t\r\n"))])
	closing = string(inner[len(bytes.TrimRight(inner, " \t\r\n")):])
	sep = "," + open
	if !strings.Contains(open, "\n") {
		sep = ", "
	}
	// Between the first two items, if there are two.
	first := inner[len(open):]
	if end := stringEnd(first); end > 0 {
		if next := bytes.IndexByte(first[end:], '"'); next > 0 {
			sep = string(first[end : end+next])
		}
	}
	return open, sep, closing
}

// stringEnd returns the length of the JSON string that b starts with, or 0.
func stringEnd(b []byte) int {
	if len(b) == 0 || b[0] != '"' {
		return 0
	}
	for i := 1; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return 0
}

// encodeString encodes s as JSON as Jupyter does: without escaping HTML
// characters or non-ASCII letters.
func encodeString(s string) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}
