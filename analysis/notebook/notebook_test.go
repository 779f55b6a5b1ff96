package notebook

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"
)

func readNotebook(t *testing.T) ([]byte, *Notebook) {
	t.Helper()
	data, err := os.ReadFile("testdata/fetch.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	nb, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	return data, nb
}

// wantPython is the text of testdata/fetch.ipynb: one line for each line
// of its code cells, IPython syntax blanked.
const wantPython = `pass
import time
pass
async def handler():
    time.sleep(1)
    pass
    return 'done'

await handler()




pass
s = """
%d items
"""
pass
x = 1  # really?
`

func TestPython(t *testing.T) {
	_, nb := readNotebook(t)
	if got := string(nb.Python()); got != wantPython {
		t.Errorf("Python() =\n%s\nwant\n%s", got, wantPython)
	}
	for _, tt := range []struct{ line, cell, cellLine int }{
		{1, 2, 1}, {3, 2, 3}, {4, 3, 1}, {9, 3, 6}, {10, 4, 1}, {13, 4, 4}, {14, 6, 1}, {19, 6, 6}, {20, 6, 7},
	} {
		if cell, line := nb.Locate(tt.line); cell != tt.cell || line != tt.cellLine {
			t.Errorf("Locate(%d) = cell %d line %d, want cell %d line %d", tt.line, cell, line, tt.cell, tt.cellLine)
		}
		if got := nb.Line(tt.cell, tt.cellLine); got != tt.line {
			t.Errorf("Line(%d, %d) = %d, want %d", tt.cell, tt.cellLine, got, tt.line)
		}
	}
}

func TestLineOfNoCell(t *testing.T) {
	_, nb := readNotebook(t)
	if got := nb.Line(1, 1); got != 0 {
		t.Errorf("Line of a markdown cell = %d, want 0", got)
	}
}

func TestUpdateKeepsTheRest(t *testing.T) {
	data, nb := readNotebook(t)
	if same, err := nb.Update(nb.Python()); err != nil || !bytes.Equal(same.Bytes(), data) {
		t.Fatalf("an unchanged text changes the notebook: %v", err)
	}
	// The fix of AL201: an import added after the last one, a line changed.
	fixed := strings.Replace(wantPython, "import time\n", "import asyncio\nimport time\n", 1)
	fixed = strings.Replace(fixed, "time.sleep(1)", "await asyncio.sleep(1)", 1)
	updated, err := nb.Update([]byte(fixed))
	if err != nil {
		t.Fatal(err)
	}
	if got := string(updated.Python()); got != fixed {
		t.Errorf("Python() after Update =\n%s\nwant\n%s", got, fixed)
	}
	out := updated.Bytes()
	// Only the sources of cells 2 and 3 differ.
	want := strings.Replace(string(data), `    "import time\n",`, `    "import asyncio\n",
    "import time\n",`, 1)
	want = strings.Replace(want, `"    time.sleep(1)\n"`, `"    await asyncio.sleep(1)\n"`, 1)
	if string(out) != want {
		t.Errorf("Bytes() after Update:\n%s", out)
	}
	if !json.Valid(out) {
		t.Error("invalid JSON")
	}
	if c, l := updated.Locate(6); c != 3 || l != 2 {
		t.Errorf("Locate(6) after Update = cell %d line %d, want cell 3 line 2", c, l)
	}
}

func TestUpdateLayouts(t *testing.T) {
	const nb = `{"cells": [{"cell_type": "code", "source": "import time\ntime.sleep(1)", "outputs": []},
 {"cell_type": "code", "metadata": {},
  "source": []},
 {"cell_type": "raw", "source": "%%not code"}],
 "metadata": {}, "nbformat": 4, "nbformat_minor": 2}`
	n, err := Parse([]byte(nb))
	if err != nil {
		t.Fatal(err)
	}
	if got := string(n.Python()); got != "import time\ntime.sleep(1)\n" {
		t.Fatalf("Python() = %q", got)
	}
	u, err := n.Update([]byte("import time\ntime.sleep(2)\nx = 1\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Replace(nb, `"import time\ntime.sleep(1)"`, `"import time\ntime.sleep(2)\nx = 1"`, 1)
	if string(u.Bytes()) != want {
		t.Errorf("a string source:\n%s\nwant\n%s", u.Bytes(), want)
	}
	// Lines added to an empty text go to the first code cell.
	empty, _ := Parse([]byte(`{"cells": [{"cell_type": "code", "metadata": {},
  "source": []}], "nbformat": 4}`))
	u, err = empty.Update([]byte("import asyncio\n"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "{\"cells\": [{\"cell_type\": \"code\", \"metadata\": {},\n  \"source\": [\n   \"import asyncio\"\n  ]}], \"nbformat\": 4}"; string(u.Bytes()) != want {
		t.Errorf("an empty list:\n%s\nwant\n%s", u.Bytes(), want)
	}
}

func TestUpdateCompactList(t *testing.T) {
	const nb = `{"cells": [{"cell_type": "code", "source": ["import time\n", "time.sleep(1)"]}], "nbformat": 4}`
	n, err := Parse([]byte(nb))
	if err != nil {
		t.Fatal(err)
	}
	u, err := n.Update([]byte("import time\ntime.sleep(2)\n"))
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.Replace(nb, "(1)", "(2)", 1); string(u.Bytes()) != want {
		t.Errorf("got %s\nwant %s", u.Bytes(), want)
	}
	if cells := u.Cells(); len(cells) != 1 || cells[0].Number != 1 || cells[0].Source != "import time\ntime.sleep(2)" {
		t.Errorf("Cells() = %+v", cells)
	}
}

func TestUpdateRefusesToChangeMagics(t *testing.T) {
	_, nb := readNotebook(t)
	fixed := strings.Replace(wantPython, "    pass\n", "", 1)
	if _, err := nb.Update([]byte(fixed)); err == nil || !strings.Contains(err.Error(), "cell 3") {
		t.Errorf("a fix removing a magic: %v", err)
	}
}

func TestParseErrors(t *testing.T) {
	for _, tt := range []struct{ data, want string }{
		{`{"cells": [], "nbformat": 3}`, "nbformat 3 is not supported"},
		{`{"worksheets": []}`, "no cells"},
		{`[1]`, "expected \"{\""},
		{`{"cells": [{"cell_type": "code", "source": 1}], "nbformat": 4}`, "cell 1: source: expected a string or a list"},
		{`{"cells": [{"cell_type": "code"}], "nbformat": 4}`, "cell 1: a code cell without source"},
		{`{"cells": [{"cell_type": "code", "source": "x"`, "cell 1: invalid JSON"},
		{`{"cells": [], "metadata": {"kernelspec": {"language": "R"}}, "nbformat": 4}`, ErrNotPython.Error()},
	} {
		if _, err := Parse([]byte(tt.data)); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Parse(%s): %v, want %s", tt.data, err, tt.want)
		}
	}
}

func TestEscapes(t *testing.T) {
	for line, want := range map[string]bool{
		"%time f()": true, "!ls": true, "?obj": true, "obj?": true, "obj??": true, "x = %who_ls": true,
		"a, b = !ls": true, "/f 1": true, "x = 1  # why?": false, "# why?": false, "x % 2": false,
		"print('?')": false, "x = y != z": false, "": false,
	} {
		if got := isEscape(line); got != want {
			t.Errorf("isEscape(%q) = %v, want %v", line, got, want)
		}
	}
}

func FuzzParse(f *testing.F) {
	data, err := os.ReadFile("testdata/fetch.ipynb")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data, "import asyncio\n")
	f.Add([]byte(`{"cells": [{"cell_type": "code", "source": ["%%time\n", "x?"]}], "nbformat": 4}`), "")
	f.Fuzz(func(t *testing.T, data []byte, extra string) {
		nb, err := Parse(data)
		if err != nil {
			return
		}
		for line := range bytes.Count(nb.Python(), []byte("\n")) + 2 {
			nb.Locate(line)
		}
		u, err := nb.Update(append([]byte(extra), nb.Python()...))
		if err == nil && !json.Valid(u.Bytes()) {
			t.Errorf("Update wrote invalid JSON:\n%s", u.Bytes())
		}
	})
}

func TestFromCells(t *testing.T) {
	_, parsed := readNotebook(t)
	nb := FromCells(parsed.Cells())
	if got := string(nb.Python()); got != wantPython {
		t.Errorf("Python() =\n%s\nwant\n%s", got, wantPython)
	}
	if cell, line := nb.Locate(4); cell != 3 || line != 1 {
		t.Errorf("Locate(4) = cell %d line %d, want cell 3 line 1", cell, line)
	}
	for line, want := range map[int]bool{1: true, 2: false, 6: true, 9: false} {
		if got := nb.Blanked(line); got != want {
			t.Errorf("Blanked(%d) = %v, want %v", line, got, want)
		}
	}
	if _, err := nb.Update([]byte("import asyncio\n" + wantPython)); err == nil {
		t.Error("Update of a notebook without a file succeeded")
	}
}
