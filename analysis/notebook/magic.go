package notebook

import (
	"regexp"
	"strings"
)

// pythonCellMagics run the rest of their cell as Python: only their first
// line is blanked. Any other cell magic (%%bash, %%html, %%writefile...)
// hands the cell to another program, and the whole cell is blanked.
var pythonCellMagics = map[string]bool{
	"time": true, "timeit": true, "capture": true, "prun": true, "debug": true,
}

// assignedEscape matches "x = %magic" and "x = !command", which bind the
// output of IPython syntax to a name.
var assignedEscape = regexp.MustCompile(`^[A-Za-z_][\w.]*(\s*,\s*[A-Za-z_][\w.]*)*\s*=\s*[%!]`)

// split turns the cell's source into the lines of the text: IPython syntax
// is blanked, each line ends with a newline.
func (c *cell) split() {
	src := c.source
	if src == "" {
		return
	}
	if !strings.HasSuffix(src, "\n") {
		src += "\n"
		c.newline = true
	}
	c.lines = strings.SplitAfter(src, "\n")
	c.lines = c.lines[:len(c.lines)-1] // after the last newline
	blank := func(i int, with string) {
		if c.original == nil {
			c.original = map[int]string{}
		}
		c.original[i] = c.lines[i]
		c.lines[i] = with
	}
	first := strings.TrimSpace(c.lines[0])
	if name, ok := strings.CutPrefix(first, "%%"); ok {
		name, _, _ = strings.Cut(name, " ")
		if !pythonCellMagics[name] {
			for i := range c.lines {
				blank(i, "\n")
			}
			return
		}
		blank(0, "\n")
	}
	var st lexState
	for i := 0; i < len(c.lines); i++ {
		line := c.lines[i]
		if _, done := c.original[i]; !done && st.atStatement() && isEscape(line) {
			indent := line[:len(line)-len(strings.TrimLeft(line, " \t"))]
			blank(i, indent+"pass\n")
			// The escape goes on over lines ending with a backslash.
			for strings.HasSuffix(strings.TrimRight(c.lines[i], "\r\n"), "\\") && i+1 < len(c.lines) {
				i++
				blank(i, "\n")
			}
			continue
		}
		st.scan(line)
	}
}

// isEscape reports whether a line, at the start of a statement, is IPython
// syntax: a magic, a shell escape, a help request (?obj, obj?), an
// automatic call (/f x, ,f x, ;f x), or an assignment of a magic or a
// shell escape. None of those is Python.
func isEscape(line string) bool {
	s := strings.TrimSpace(line)
	if s == "" {
		return false
	}
	if strings.ContainsRune("%!?/,;", rune(s[0])) {
		return true
	}
	var code lexState
	code.scan(s)
	return strings.HasSuffix(strings.TrimSpace(s[:code.end]), "?") || assignedEscape.MatchString(s)
}

// lexState follows, line by line, whether the next line starts a
// statement: not inside brackets, a string that spans lines, or after a
// backslash continuation.
type lexState struct {
	depth     int    // open brackets
	quote     string // the triple quote of an unfinished string, or ""
	continued bool   // the last line ended with a backslash
	end       int    // where the code of the last line ends: its length, or its comment's start
}

func (s *lexState) atStatement() bool {
	return s.depth == 0 && s.quote == "" && !s.continued
}

// scan moves the state past one line.
func (s *lexState) scan(line string) {
	line = strings.TrimRight(line, "\r\n")
	s.continued, s.end = false, len(line)
	for i := 0; i < len(line); i++ {
		if s.quote != "" {
			switch {
			case line[i] == '\\':
				i++
			case strings.HasPrefix(line[i:], s.quote):
				i += len(s.quote) - 1
				s.quote = ""
			}
			continue
		}
		switch ch := line[i]; ch {
		case '#':
			s.end = i
			return
		case '(', '[', '{':
			s.depth++
		case ')', ']', '}':
			s.depth = max(s.depth-1, 0)
		case '\\':
			if i == len(line)-1 {
				s.continued = true
			}
			i++
		case '\'', '"':
			q := string(ch)
			if strings.HasPrefix(line[i:], q+q+q) {
				s.quote = q + q + q
				i += 2
				continue
			}
			// A string on one line: skip to its end.
			for i++; i < len(line) && line[i] != ch; i++ {
				if line[i] == '\\' {
					i++
				}
			}
		}
	}
}
