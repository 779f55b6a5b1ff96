// Package notebook reads Jupyter notebooks as Python source and writes
// fixes back into them.
//
// The code cells of a notebook are joined into one Python text, each line
// of a cell one line of the text, so that the rest of asynclint checks a
// notebook like any module. IPython's syntax, which Python rejects, is
// blanked line for line: magics (%time), shell escapes (!pip), help (obj?)
// and cells run by another program (%%bash). Locate maps a position of the
// text back to its cell; Update takes a fixed text back into the cells,
// restoring the blanked lines; Bytes writes the notebook again, changing
// nothing but the sources of the cells that changed, so that outputs,
// metadata and formatting stay byte for byte as they were.
package notebook

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// A Notebook is a parsed notebook and its Python text.
type Notebook struct {
	data  []byte // the notebook file
	cells []*cell
	text  []byte // the code cells joined, IPython syntax blanked
	// starts[i] is the first line, 1-based, of cells[i] in text.
	starts []int
}

// A cell is one code cell.
type cell struct {
	number     int    // 1-based among all the notebook's cells, as Jupyter shows them
	source     string // as the notebook holds it
	start, end int    // the byte range of the source's JSON value in data
	// lines are the cell's lines in the text, each with its newline;
	// original holds, for each line that was blanked, what the notebook
	// has there.
	lines    []string
	original map[int]string
	// newline is set when the text ends the cell with a newline its
	// source lacks (the usual last line of a cell).
	newline bool
}

// Parse reads a notebook in nbformat 4. It refuses anything else with an
// error that says what is wrong; a notebook whose kernel runs another
// language than Python is an ErrNotPython.
func Parse(data []byte) (*Notebook, error) {
	nb := &Notebook{data: data}
	if err := nb.scan(); err != nil {
		return nil, err
	}
	nb.join()
	return nb, nil
}

// ErrNotPython reports a notebook whose kernel runs another language.
var ErrNotPython = errors.New("the notebook's language is not Python")

// Python returns the Python text of the notebook's code cells.
func (nb *Notebook) Python() []byte { return nb.text }

// Locate maps a 1-based line of the text to the cell holding it: the
// cell's number as Jupyter shows it (1-based, counting every cell) and the
// line within the cell. A line past the end belongs to the last cell; a
// notebook without code cells maps every line to cell 0.
func (nb *Notebook) Locate(line int) (cellNumber, cellLine int) {
	i := len(nb.cells) - 1
	for i > 0 && nb.starts[i] > line {
		i--
	}
	if i < 0 {
		return 0, line
	}
	// An empty cell holds no line: the line is in the nearest cell before
	// it that has some.
	for i > 0 && len(nb.cells[i].lines) == 0 && nb.starts[i] == line {
		i--
	}
	return nb.cells[i].number, line - nb.starts[i] + 1
}

// A Cell is a code cell: its number, counting every cell from 1 as
// Jupyter shows them, and its source.
type Cell struct {
	Number int
	Source string
}

// Cells returns the code cells, in order.
func (nb *Notebook) Cells() []Cell {
	out := make([]Cell, len(nb.cells))
	for i, c := range nb.cells {
		out[i] = Cell{c.number, c.source}
	}
	return out
}

// Line returns the line of the text that is line cellLine of the cell
// numbered number, as Locate gives them; 0 when there is no such code
// cell.
func (nb *Notebook) Line(number, cellLine int) int {
	for i, c := range nb.cells {
		if c.number == number {
			return nb.starts[i] + cellLine - 1
		}
	}
	return 0
}

// join builds the text from the cells.
func (nb *Notebook) join() {
	var b bytes.Buffer
	nb.starts = make([]int, len(nb.cells))
	line := 1
	for i, c := range nb.cells {
		nb.starts[i] = line
		for _, l := range c.lines {
			b.WriteString(l)
		}
		line += len(c.lines)
	}
	nb.text = b.Bytes()
}

// scan reads the cells of the notebook, with where each code cell's source
// lies in the file.
func (nb *Notebook) scan() error {
	dec := json.NewDecoder(bytes.NewReader(nb.data))
	dec.UseNumber()
	if err := expectDelim(dec, '{', "the notebook"); err != nil {
		return err
	}
	sawCells := false
	for dec.More() {
		key, err := nextKey(dec)
		if err != nil {
			return err
		}
		switch key {
		case "cells":
			if err := nb.scanCells(dec); err != nil {
				return err
			}
			sawCells = true
		case "metadata":
			var meta metadata
			if err := dec.Decode(&meta); err != nil {
				return fmt.Errorf("metadata: %v", describe(err))
			}
			if !meta.python() {
				return ErrNotPython
			}
		case "nbformat":
			var v json.Number
			if err := dec.Decode(&v); err != nil || v.String() != "4" {
				return fmt.Errorf("nbformat %s is not supported: save the notebook with Jupyter 4 or later", v)
			}
		default:
			if err := skip(dec); err != nil {
				return err
			}
		}
	}
	if !sawCells {
		return errors.New("not a Jupyter notebook: no cells")
	}
	return nil
}

// metadata is what the notebook's metadata says of its language.
type metadata struct {
	Kernelspec struct {
		Language string `json:"language"`
	} `json:"kernelspec"`
	LanguageInfo struct {
		Name string `json:"name"`
	} `json:"language_info"`
}

// python reports whether the notebook runs Python, or does not say.
func (m *metadata) python() bool {
	for _, lang := range []string{m.LanguageInfo.Name, m.Kernelspec.Language} {
		if lang != "" {
			return strings.EqualFold(lang, "python")
		}
	}
	return true
}

// scanCells reads the array of cells.
func (nb *Notebook) scanCells(dec *json.Decoder) error {
	if err := expectDelim(dec, '[', "cells"); err != nil {
		return err
	}
	for number := 1; dec.More(); number++ {
		c, code, err := nb.scanCell(dec)
		if err != nil {
			return fmt.Errorf("cell %d: %v", number, err)
		}
		if code {
			c.number = number
			c.split()
			nb.cells = append(nb.cells, c)
		}
	}
	if _, err := dec.Token(); err != nil { // ]
		return describe(err)
	}
	return nil
}

// scanCell reads one cell and reports whether it is a code cell.
func (nb *Notebook) scanCell(dec *json.Decoder) (*cell, bool, error) {
	if err := expectDelim(dec, '{', "a cell"); err != nil {
		return nil, false, err
	}
	c := &cell{start: -1}
	kind := ""
	for dec.More() {
		key, err := nextKey(dec)
		if err != nil {
			return nil, false, err
		}
		switch key {
		case "cell_type":
			if err := dec.Decode(&kind); err != nil {
				return nil, false, fmt.Errorf("cell_type: %v", describe(err))
			}
		case "source":
			c.start = valueStart(nb.data, int(dec.InputOffset()))
			var v any
			if err := dec.Decode(&v); err != nil {
				return nil, false, fmt.Errorf("source: %v", describe(err))
			}
			c.end = int(dec.InputOffset())
			if c.source, err = sourceText(v); err != nil {
				return nil, false, err
			}
		default:
			if err := skip(dec); err != nil {
				return nil, false, err
			}
		}
	}
	if _, err := dec.Token(); err != nil { // }
		return nil, false, describe(err)
	}
	if kind == "code" && c.start < 0 {
		return nil, false, errors.New("a code cell without source")
	}
	return c, kind == "code", nil
}

// sourceText returns a cell's source, a string or a list of strings.
func sourceText(v any) (string, error) {
	switch v := v.(type) {
	case string:
		return v, nil
	case []any:
		var b strings.Builder
		for _, part := range v {
			s, ok := part.(string)
			if !ok {
				return "", errors.New("source: expected strings")
			}
			b.WriteString(s)
		}
		return b.String(), nil
	}
	return "", errors.New("source: expected a string or a list of strings")
}

// valueStart returns the offset of the value that follows a key ending at
// off: past the blanks and the colon.
func valueStart(data []byte, off int) int {
	for off < len(data) && strings.IndexByte(" \t\r\n:", data[off]) >= 0 {
		off++
	}
	return off
}

func expectDelim(dec *json.Decoder, want json.Delim, what string) error {
	tok, err := dec.Token()
	if err != nil {
		return describe(err)
	}
	if d, ok := tok.(json.Delim); !ok || d != want {
		return fmt.Errorf("%s: expected %q", what, string(want))
	}
	return nil
}

func nextKey(dec *json.Decoder) (string, error) {
	tok, err := dec.Token()
	if err != nil {
		return "", describe(err)
	}
	key, ok := tok.(string)
	if !ok {
		return "", fmt.Errorf("expected a key, got %v", tok)
	}
	return key, nil
}

// skip reads past one value.
func skip(dec *json.Decoder) error {
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return describe(err)
	}
	return nil
}

// describe makes a JSON error read well after a cell number.
func describe(err error) error {
	var syn *json.SyntaxError
	switch {
	case errors.As(err, &syn):
		return fmt.Errorf("invalid JSON at byte %d: %v", syn.Offset, syn)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return errors.New("invalid JSON: the file ends too soon")
	}
	return err
}
