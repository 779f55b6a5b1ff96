package syntax

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// benchModule returns a module of about n lines: imports, then async
// functions of nine lines each, the way a service's handlers are written.
func benchModule(lines int) []byte {
	var b bytes.Buffer
	b.WriteString("import asyncio\nimport json\n\nfrom .client import fetch, store\n")
	for i := 0; bytes.Count(b.Bytes(), []byte{'\n'}) < lines; i++ {
		fmt.Fprintf(&b, "\n\nasync def handle_%d(request, retries=3):\n"+
			"    \"\"\"Handle request %d.\"\"\"\n"+
			"    data = await fetch(request.url, timeout=%d)\n"+
			"    if not data:  # nothing came\n"+
			"        return None\n"+
			"    items = [json.loads(x) for x in data.split(\"\\n\")]\n"+
			"    await store(items, key=f\"item-{request.id}\")\n", i, i, i%30)
	}
	return b.Bytes()
}

// pastedFunction is forty lines of code, as pasted from elsewhere.
var pastedFunction = func() string {
	var b strings.Builder
	b.WriteString("async def pasted(session, urls):\n    results = []\n")
	for i := range 18 {
		fmt.Fprintf(&b, "    async with session.get(urls[%d]) as response:\n        results.append(await response.json())\n", i)
	}
	b.WriteString("\n\n")
	return b.String()
}()

// A benchEdit makes an edit to src around function n and returns its
// inverse, both as (start, end, text).
type benchEdit func(src []byte, n int) (edit, inverse replacement)

type replacement struct {
	start, end int
	text       string
}

func functionAt(src []byte, n int) int {
	return bytes.Index(src, fmt.Appendf(nil, "async def handle_%d(", n))
}

var benchEdits = []struct {
	name string
	make benchEdit
	undo bool // time the inverse, as an editor's undo sends it
}{
	{"type", func(src []byte, n int) (replacement, replacement) {
		at := functionAt(src, n) + bytes.Index(src[functionAt(src, n):], []byte("data =")) + len("data")
		return replacement{at, at, "x"}, replacement{at, at + 1, ""}
	}, false},
	{"line", func(src []byte, n int) (replacement, replacement) {
		at := functionAt(src, n) + bytes.Index(src[functionAt(src, n):], []byte("    data ="))
		line := "    await asyncio.sleep(0)\n"
		return replacement{at, at, line}, replacement{at, at + len(line), ""}
	}, false},
	{"paste", func(src []byte, n int) (replacement, replacement) {
		at := functionAt(src, n)
		return replacement{at, at, pastedFunction}, replacement{at, at + len(pastedFunction), ""}
	}, false},
	{"delete", deleteFunction, false},
	{"undo", deleteFunction, true},
}

// deleteFunction deletes function n with the blank lines after it.
func deleteFunction(src []byte, n int) (replacement, replacement) {
	at := functionAt(src, n)
	end := functionAt(src, n+1)
	if end < 0 {
		end = len(src)
	}
	return replacement{at, end, ""}, replacement{at, at, string(src[at:end])}
}

// BenchmarkDocumentEdit measures Replace and Parse of a document after one
// edit of each kind, near the start, in the middle and at the end of
// modules of 3,000 and 20,000 lines.
func BenchmarkDocumentEdit(b *testing.B) {
	for _, lines := range []int{3000, 20000} {
		src := benchModule(lines)
		last := bytes.Count(src, []byte("async def handle_")) - 1
		for _, at := range []struct {
			name string
			n    int
		}{{"start", 1}, {"middle", last / 2}, {"end", last}} {
			for _, kind := range benchEdits {
				b.Run(fmt.Sprintf("lines=%d/%s/%s", lines, at.name, kind.name), func(b *testing.B) {
					doc := NewDocument(src)
					defer doc.Close()
					if _, err := doc.Parse(); err != nil {
						b.Fatal(err)
					}
					edit, inverse := kind.make(src, at.n)
					if kind.undo {
						edit, inverse = inverse, edit
					}
					apply := func(r replacement) {
						doc.Replace(r.start, r.end, []byte(r.text))
						if _, err := doc.Parse(); err != nil {
							b.Fatal(err)
						}
					}
					for b.Loop() {
						if kind.undo {
							b.StopTimer()
							apply(inverse)
							b.StartTimer()
							apply(edit)
						} else {
							apply(edit)
							b.StopTimer()
							apply(inverse)
							b.StartTimer()
						}
					}
				})
			}
		}
	}
}

// lineSnippets are whole lines the random edits insert at the start of a
// line: statements at the top level and indented, and lines that join,
// continue or break the statements around them.
var lineSnippets = []string{"x = 1\n", "async def h(a):\n    await a\n", "    y = await z\n", "@decorator\n", "else:\n    pass\n",
	"except Exception:\n    raise\n", "# comment\n", "\n", "if a:\n", "    \n", "class K:\n", "def f(\n", ")\n", "\"\"\"\n", "x = \\\n",
	"\tz = 2\n", "elif b:\n    pass\n", "finally:\n    pass\n", "match p:\n    case 1:\n        pass\n", "\r\n", "y = 3\r"}

// documentSources are the texts the document tests edit: constructs
// around the start of top-level statements, and real modules.
func documentSources(t *testing.T) []string {
	sources := []string{
		"import asyncio\n\nasync def f(x):\n    await g(x)  # note\n    return [y async for y in z]\n\nclass C(B):\n    def m(self):\n        time.sleep(1)\n",
		"x = (1 +\n  2)\nif x:\n    y = f'{x!r}'\nelse:\n    pass\n",
		"\"\"\"Docstring.\"\"\"\n\n@dec\nasync def f():\n    pass\n# trailing\n\n\n@dec(1)\nclass C:\n    pass\n    # inside\n\ntry:\n    a\nexcept E:\n    b\nfinally:\n    c\n",
		"x = 1 \\\n    + 2\ny = [\n1,\n2]\ns = '''\nz = 3\n'''\nz = 4\n",
		"if a:\r\n    b\r\nelif c:\r\n    d\r\nfor i in x:\r\n    pass\r\nelse:\r\n    e\r\n",
		"\ufeff# coding: utf-8\nwhile x: pass\nelse: pass\nwith a as b: pass\nmatch x:\n    case 1:\n        pass\ntype T = int\n",
		"def f():\n\treturn 1\n\fdef g():\n  return 2\n\n\n\n",
		string(benchModule(300)),
	}
	if !testing.Short() {
		for _, src := range benchSources(t) {
			if len(src) < 20000 {
				sources = append(sources, string(src))
			}
			if len(sources) == 40 {
				break
			}
		}
	}
	return sources
}

// TestDocumentMatchesParse edits documents at random, at their start, in
// their middle and at their end, a few edits between parses, breaking and
// repairing their syntax, undoing edits and now and then sending the
// whole text, now and then with memory allocated ahead, and checks after
// each parse that the document's tree keeps its contract (documentDifference): node
// for node the tree of a parse of the whole text, or for a text with
// errors parsed by statements, that of its parts each on its own.
func TestDocumentMatchesParse(t *testing.T) {
	seed, rounds := randomRounds(t, "DOCUMENT_SEED", 60, 300)
	p := NewParser()
	defer p.Close()
	rng := rand.New(rand.NewPCG(seed, 3))
	parses, byStatements, brokenByStatements, roomsUsed := 0, 0, 0, 0
	for si, text := range documentSources(t) {
		doc := NewDocument([]byte(text))
		if _, err := doc.Parse(); err != nil {
			t.Fatal(err)
		}
		var undo [][]replacement // the inverses of the edits of each round, in order
		broken := false
		for round := range rounds {
			if rng.IntN(3) == 0 {
				// Room allocated ahead, at times too small for the next
				// parse (see Room).
				doc.Furnish(NewRoom(max(len(doc.last.Nodes)+rng.IntN(64)-8, 0), max(len(doc.Text())+rng.IntN(64)-8, 0)))
			}
			var done []replacement
			edit := func(r replacement) {
				src := doc.Text()
				done = append(done, replacement{r.start, r.start + len(r.text), string(src[r.start:r.end])})
				doc.Replace(r.start, r.end, []byte(r.text))
			}
			// Undo more often while the text does not parse, so that
			// most texts parse.
			switch action := rng.IntN(10); {
			case (action < 2 || broken && action < 7) && len(undo) > 0:
				last := undo[len(undo)-1]
				undo = undo[:len(undo)-1]
				for i := len(last) - 1; i >= 0; i-- {
					doc.Replace(last[i].start, last[i].end, []byte(last[i].text))
				}
			case action < 6:
				for range 1 + rng.IntN(3) {
					start := randomOffset(rng, doc.Text())
					end := min(len(doc.Text()), start+rng.IntN(4))
					if rng.IntN(3) == 0 {
						end = start
					}
					edit(replacement{start, end, snippets[rng.IntN(len(snippets))]})
				}
			case action < 8:
				at := lineStart(doc.Text(), randomOffset(rng, doc.Text()))
				edit(replacement{at, at, lineSnippets[rng.IntN(len(lineSnippets))]})
			case action == 8 && rng.IntN(4) == 0:
				// A client that sends the whole text: edited in one
				// place, or emptied.
				src := doc.Text()
				var next []byte
				if rng.IntN(4) > 0 {
					at := lineStart(src, randomOffset(rng, src))
					next = append(append(append(next, src[:at]...), lineSnippets[rng.IntN(len(lineSnippets))]...), src[at:]...)
				}
				done = append(done, replacement{0, len(next), string(src)})
				doc.SetText(next)
			default: // cut or copy a run of lines, and paste it elsewhere
				src := doc.Text()
				from := lineStart(src, randomOffset(rng, src))
				to := from
				for range 1 + rng.IntN(12) {
					to = lineEnd(src, to)
				}
				lines := string(src[from:to])
				if rng.IntN(2) == 0 {
					edit(replacement{from, to, ""})
				}
				at := lineStart(doc.Text(), randomOffset(rng, doc.Text()))
				edit(replacement{at, at, lines})
			}
			if len(done) > 0 {
				undo = append(undo, done)
			}
			statementParses := doc.statementParses
			roomNodes := doc.room.nodes != nil
			got, err := doc.Parse()
			if err != nil {
				t.Fatal(err)
			}
			if d := documentDifference(p, doc, got); d != "" {
				t.Fatalf("source %d, round %d (seed %d): %s\ntext:\n%s", si, round, seed, d, doc.Text())
			}
			broken = got.HasError()
			parses++
			if roomNodes && doc.room.nodes == nil {
				roomsUsed++
			}
			if broken && doc.statementParses > statementParses {
				brokenByStatements++
			}
		}
		byStatements += doc.statementParses
		doc.Close()
	}
	t.Logf("%d parses, %d by statements, %d of them with errors, %d in room allocated ahead", parses, byStatements, brokenByStatements, roomsUsed)
	if brokenByStatements == 0 {
		t.Error("no text with errors was parsed by statements")
	}
	if roomsUsed == 0 {
		t.Error("no parse used room allocated ahead")
	}
}

// documentDifference describes how got, the tree of doc's text, breaks
// the document's contract, or returns "". A tree without errors is the
// tree of a parse of the whole text, and the document's parts are its
// cuts. A tree with errors is either that or, parsed by parts, the parse
// of each part on its own, stitched, with errors in the broken part only,
// where tree-sitter finds errors in the whole text too (some, as a line
// break missing, a flat tree does not show).
func documentDifference(p *Parser, doc *Document, got *Tree) string {
	want, err := p.Parse(doc.Text())
	if err != nil {
		return err.Error()
	}
	if got.HasError() != slices.ContainsFunc(got.Nodes, func(n Node) bool { return n.IsError() || n.IsMissing() }) {
		return "HasError disagrees with the tree's nodes"
	}
	got.indexKinds.Do(got.buildKindIndex)
	sorted := &Tree{Src: got.Src, Nodes: got.Nodes}
	sorted.buildKindIndex()
	if !slices.Equal(got.byKind, sorted.byKind) || !slices.Equal(got.kindStart, sorted.kindStart) {
		return "the kind index differs from one sorted from the nodes"
	}
	d := treeDifference(got, want)
	switch {
	case !got.HasError():
		if d == "" && doc.parts != nil && !slices.Equal(doc.parts, cuts(got)) {
			return fmt.Sprintf("parts %v, want the cuts %v", doc.parts, cuts(got))
		}
		return d
	case d == "" && doc.broken < 0:
		return ""
	case !hasErrors(p, doc.Text()):
		return "errors where a parse of the whole text has none"
	case doc.parts == nil || doc.broken < 0:
		return "errors unlike a parse of the whole text, and no part with errors: " + d
	}
	return partsDifference(p, doc, got)
}

// hasErrors reports whether tree-sitter finds errors in src.
func hasErrors(p *Parser, src []byte) bool {
	tree, err := p.parse(src, nil)
	if err != nil {
		return true
	}
	defer tree.Close()
	return tree.RootNode().HasError()
}

// partsDifference describes how got differs from the parse of each of
// doc's parts on its own, stitched, or returns "".
func partsDifference(p *Parser, doc *Document, got *Tree) string {
	src, cs := doc.Text(), doc.parts
	var ps []part
	first := NodeID(1)
	for k := range len(cs) - 1 {
		if cs[k].node != first {
			return fmt.Sprintf("part %d starts at node %d, want %d", k, cs[k].node, first)
		}
		alone, err := p.Parse(src[cs[k].at:cs[k+1].at])
		if err != nil {
			return err.Error()
		}
		if alone.HasError() != (k == doc.broken) {
			return fmt.Sprintf("part %d of %d has errors: %v; the part with errors is %d", k, len(cs)-1, alone.HasError(), doc.broken)
		}
		ps = append(ps, part{nodes: alone.Nodes[1:], first: 1, shift: cs[k].at})
		first += NodeID(len(alone.Nodes) - 1)
	}
	stitched, _ := stitch(src, ps, nil)
	if d := treeDifference(got, stitched); d != "" {
		return "the parts parsed on their own differ: " + d
	}
	return ""
}

// randomOffset returns an offset in src near its start, its middle or its
// end.
func randomOffset(rng *rand.Rand, src []byte) int {
	zone := len(src)/10 + 1
	switch rng.IntN(3) {
	case 0:
		return min(len(src), rng.IntN(zone))
	case 1:
		return min(len(src), len(src)/2-zone/2+rng.IntN(zone))
	}
	return max(0, len(src)-rng.IntN(zone))
}

func lineStart(src []byte, at int) int { return bytes.LastIndexByte(src[:at], '\n') + 1 }

func lineEnd(src []byte, at int) int {
	if i := bytes.IndexByte(src[at:], '\n'); i >= 0 {
		return at + i + 1
	}
	return len(src)
}
