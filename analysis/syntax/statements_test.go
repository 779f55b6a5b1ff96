package syntax

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// treeDifference describes the first node where got differs from want in
// any field, or returns "".
func treeDifference(got, want *Tree) string {
	for i := range min(len(got.Nodes), len(want.Nodes)) {
		if g, w := got.Nodes[i], want.Nodes[i]; g != w {
			return fmt.Sprintf("node %d is %s %+v %q, want %s %+v %q", i, g.Kind, g, excerpt(got.Src, g), w.Kind, w, excerpt(want.Src, w))
		}
	}
	if len(got.Nodes) != len(want.Nodes) {
		return fmt.Sprintf("%d nodes, want %d", len(got.Nodes), len(want.Nodes))
	}
	return ""
}

func excerpt(src []byte, n Node) string {
	start := min(int(n.Start), len(src))
	return string(src[start:min(max(int(n.End), start), start+40, len(src))])
}

// statementSources returns the sources of the statement tests: the
// standard library or $ASYNCLINT_CORPUS, and the directories of
// $ASYNCLINT_STATEMENT_CORPUS (separated by the list separator).
func statementSources(t *testing.T) [][]byte {
	sources := benchSources(t)
	for _, dir := range filepath.SplitList(os.Getenv("ASYNCLINT_STATEMENT_CORPUS")) {
		filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(path, ".py") {
				if src, err := os.ReadFile(path); err == nil && len(src) < 1<<20 {
					sources = append(sources, src)
				}
			}
			return nil
		})
	}
	return sources
}

// TestPartsParseAsTheWhole cuts each source without errors at each cut,
// parses the parts on their own, and checks that they parse without
// errors and that their trees stitched together are the tree of the
// whole.
func TestPartsParseAsTheWhole(t *testing.T) {
	if testing.Short() {
		t.Skip("parses the standard library")
	}
	p := NewParser()
	defer p.Close()
	files, ambiguousFiles, parts := 0, 0, 0
	for _, src := range statementSources(t) {
		whole, err := p.Parse(src)
		if err != nil || whole.HasError() {
			continue
		}
		if !unambiguous(whole) {
			ambiguousFiles++
			continue
		}
		cs := cuts(whole)
		var ps []part
		for k := range len(cs) - 1 {
			alone, err := p.Parse(src[cs[k].at:cs[k+1].at])
			if err != nil {
				t.Fatal(err)
			}
			if alone.HasError() {
				t.Fatalf("part [%d,%d) of a source has errors on its own: %q", cs[k].at, cs[k+1].at, excerpt(src, Node{Start: cs[k].at, End: cs[k+1].at}))
			}
			ps = append(ps, part{nodes: alone.Nodes[1:], first: 1, shift: cs[k].at})
		}
		got, _ := stitch(src, ps, nil)
		if d := treeDifference(got, whole); d != "" {
			t.Fatalf("source of %d bytes cut in %d parts: %s", len(src), len(ps), d)
		}
		files++
		parts += len(ps)
	}
	t.Logf("%d sources in %d parts; %d more are ambiguous", files, parts, ambiguousFiles)
}

// fuzzLines are the lines random texts are made of: statements, pieces of
// statements, and lines that tree-sitter may join to the line before or
// after.
var fuzzLines = []string{
	"a,", "a, b", "a, b,", "*a,", "(a, b),", "[a],", "a.b,", "a[0],", "x = a,", "x = a, b", "x = a, b.c", "a = b = c,",
	"b = 1", "b", "(c) = 1", "[c] = 1", "*c, = d", "c, d = 1", "c.d = 1", "c[0] = 1", "[0] = 1", "(y)", "-1", "+x", "*x",
	"type", "type(x)", "type[x]", "type X = int", "type(x)[y] = 3", "match", "match(x)", "match[x]", "match -x", "match x:", "    case 1:", "        pass",
	"print", "print(a)", "print a,", "print >>f, a", "exec", "exec 'x'", "await", "await(x)", "async", "lambda a, b: 0", "f = lambda a,",
	"if a: b,", "if a: b", "else: c,", "else: c", "elif d: e", "for i in x: a,", "while a: b,", "with a: b,", "try: a", "except: b,", "finally: c,",
	"def f():", "def f(): a,", "async def g(x):", "class C:", "class C: x = 1,", "@dec", "@dec(a,", "    x = 1", "    a,", "    return a, b",
	"    b = 1", "  c = 2", "\ty", "del a,", "del a, b", "import a, b", "from a import b, c", "global a, b", "assert a, b", "x += a, b",
	"x: int = a, b", "x = (", "1,", ")", "y = [", "]", "s = '''", "'''", "z = \\", "    + 1", "# comment", "", "  # indented comment",
	"a; b,", "a, b; c", "x = 'a'", "'b'", "f'{x,}'", "x = {", "}", "return a,", "yield a,", "not a,", "a if b else c,",
	"with (a, b):", "with (a, b) as c: d,", "with a as b, c: pass", "    case a, b:", "    case (a) as b:", "    case [a, *b]: c,",
	"@type", "@match(x)", "print a", "print(a), b", "async with a: b", "async for a, in b: c", "raise a from b", "x = yield a,",
	"a.type = 1", "a.match", "nonlocal a", "x = *a,", "for a, b in c, d: e", "    else:", "(a).b, c[d] = e",
	"x = 'a', b", "x = a, 'b'", "x = 'a', 'b',", "x = f(a), b,", "a, f(x)", "x = 1,", "x = a, 1", "(b).c = 1", "'s'[0] = 1", "a, -b",
	"x = a, b + c", "a, b if c else d", "x = a, lambda: b", "a, (b)", "x = a, [b]", "x = True, a", "a, b = c, d", "x, = y,",
}

// TestStatementsFuzz makes random texts of fuzzLines and checks both ways
// that parsing them by parts is parsing them whole: where a text parses
// unambiguously, its parts between cuts parse on their own as within
// it; and where parts parse unambiguously on their own and meet where a
// statement starts a line, the text parses as the parts do.
func TestStatementsFuzz(t *testing.T) {
	texts := 3000
	if testing.Short() {
		texts = 300
	}
	if v := os.Getenv("STATEMENTS_FUZZ"); v != "" {
		texts, _ = strconv.Atoi(v)
	}
	p := NewParser()
	defer p.Close()
	rng := rand.New(rand.NewPCG(7, 11))
	converse, forward := 0, 0
	for range texts {
		var lines []string
		for range 2 + rng.IntN(10) {
			lines = append(lines, fuzzLines[rng.IntN(len(fuzzLines))])
		}
		eol := "\n"
		if rng.IntN(8) == 0 {
			eol = "\r\n"
		}
		src := []byte(strings.Join(lines, eol) + eol)
		whole, err := p.Parse(src)
		if err != nil {
			t.Fatal(err)
		}
		if !whole.HasError() && unambiguous(whole) {
			cs := cuts(whole)
			var ps []part
			for k := range len(cs) - 1 {
				alone, _ := p.Parse(src[cs[k].at:cs[k+1].at])
				if alone.HasError() || !unambiguous(alone) {
					t.Fatalf("part [%d,%d) of %q does not parse unambiguously on its own", cs[k].at, cs[k+1].at, src)
				}
				ps = append(ps, part{nodes: alone.Nodes[1:], first: 1, shift: cs[k].at})
			}
			got, _ := stitch(src, ps, nil)
			if d := treeDifference(got, whole); d != "" {
				t.Fatalf("%q cut in %d parts: %s", src, len(ps), d)
			}
			converse++
		}
		// Cut at random line starts.
		var ps []part
		start, ok := 0, true
		for i := 1; i <= len(src) && ok; i++ {
			if i < len(src) && (!startsLine(src, uint32(i)) || rng.IntN(2) == 0) {
				continue
			}
			alone, _ := p.Parse(src[start:i])
			ok = !alone.HasError() && unambiguous(alone) && (start == 0 || beginsStatement(alone))
			ps = append(ps, part{nodes: alone.Nodes[1:], first: 1, shift: uint32(start)})
			start = i
		}
		if ok && len(ps) > 1 {
			got, _ := stitch(src, ps, nil)
			if d := treeDifference(got, whole); d != "" {
				t.Fatalf("%q in %d parts: %s", src, len(ps), d)
			}
			forward++
		}
	}
	t.Logf("%d texts cut at their cuts, %d at random line starts", converse, forward)
}

func TestStartsLine(t *testing.T) {
	for _, tt := range []struct {
		src  string
		at   int
		want bool
	}{
		{"x = 1\ny = 2\n", 6, true},
		{"x = 1\r\ny = 2\n", 7, true},
		{"x = 1\ry = 2\n", 6, true},
		{"x = 1\ny = 2\n", 0, false},
		{"x = 1\ny = 2\n", 3, false},
		{"x = \\\n1\n", 6, false},
		{"x = \\\r\n1\n", 7, false},
		{"x = 1\\\n\n'a'\n", 8, false}, // tree-sitter drops the continuation before a string
		{"x = 1\\\n  \n\ny = 2\n", 11, false},
		{"x = 1\n\n\ny = 2\n", 8, true},
	} {
		if got := startsLine([]byte(tt.src), uint32(tt.at)); got != tt.want {
			t.Errorf("startsLine(%q, %d) = %v, want %v", tt.src, tt.at, got, tt.want)
		}
	}
}

func TestBracketsBalance(t *testing.T) {
	for _, tt := range []struct {
		src            string
		balanced, sure bool
	}{
		{"x = f(a[1], {2: 3})\n", true, true},
		{"    value = normalize(r\n    return x\n", false, true},
		{"x = a)\n", false, true},
		{"x = (a]\n", false, true},
		{"x = '(' + \"[\" + '''{\n'''  # (\n", true, true},
		{"x = r'\\'(' + b\"\\\"\"\n", true, true},
		{"x = '(\n", false, false},         // a string left open
		{"x = f'{a}' + (\n", false, false}, // fields: code in a string
		{"x = \"\"\"(\n", false, false},
		{"if x:\n    y = (1,\n         2)\n", true, true},
	} {
		if balanced, sure := bracketsBalance([]byte(tt.src)); balanced != tt.balanced || sure != tt.sure {
			t.Errorf("bracketsBalance(%q) = %v, %v; want %v, %v", tt.src, balanced, sure, tt.balanced, tt.sure)
		}
	}
}
