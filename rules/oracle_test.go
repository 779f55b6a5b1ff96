package rules

import (
	"bytes"
	"cmp"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/check"
	"github.com/asynclint/asynclint/analysis/config"
	"github.com/asynclint/asynclint/analysis/syntax"
	"github.com/asynclint/asynclint/internal/testenv"
)

var (
	oracleN    = flag.Int("oracle.n", 0, "programs TestAgreesWithCPython generates (default 2000, or $ASYNCLINT_ORACLE_N)")
	oracleSeed = flag.Uint64("oracle.seed", 1, "seed of TestAgreesWithCPython's program generator")
)

const (
	defaultPrograms = 2000
	batchScript     = "testdata/oracle/compile_batch.py"
	// A failure prints at most maxShown disagreements, chosen among at
	// most maxShrunk programs made as small as they can be.
	maxShown  = 10
	maxShrunk = 20
)

// msgAsyncComprehension is the message CPython 3.8 and 3.9 give without a
// line number.
const msgAsyncComprehension = "asynchronous comprehension outside of an asynchronous function"

// cpythonCodes maps CPython's messages for what the AL1xx rules report to
// the rule that reports it.
var cpythonCodes = map[string]string{
	"'await' outside function":               "AL101",
	"'await' outside async function":         "AL101",
	"'async for' outside async function":     "AL101",
	"'async with' outside async function":    "AL101",
	msgAsyncComprehension:                    "AL101",
	"'yield from' inside async function":     "AL102",
	"'return' with value in async generator": "AL103",
}

// An oracleMode is a way to compile: plain, or as the asyncio REPL does with
// ast.PyCF_ALLOW_TOP_LEVEL_AWAIT.
type oracleMode int

const (
	moduleMode oracleMode = iota
	topLevelMode
	numModes
)

// oracleModeNames are the names compile_batch.py knows.
var oracleModeNames = [numModes]string{"default", "top-level-await"}

func (m oracleMode) String() string {
	if m == topLevelMode {
		return "top-level await"
	}
	return "module"
}

// An oraclePython is one interpreter and what it said about each source.
type oraclePython struct {
	path    string
	version [3]int
	results [][numModes]cpyResult // nil before 3.8
}

func (py *oraclePython) String() string {
	return fmt.Sprintf("CPython %d.%d.%d", py.version[0], py.version[1], py.version[2])
}

// settings returns the settings matching py in mode m.
func (py *oraclePython) settings(m oracleMode) *config.Settings {
	return &config.Settings{
		TargetVersion: config.Version{Major: py.version[0], Minor: py.version[1]},
		TopLevelAwait: m == topLevelMode,
	}
}

// cpyResult is what compile() said about one source in one mode.
type cpyResult struct {
	OK     bool   `json:"ok"`
	Msg    string `json:"msg"`
	Lineno int    `json:"lineno"` // 0 when CPython gives none
}

// modeled reports whether the rules have an opinion on r.
func (r cpyResult) modeled() bool { return r.OK || cpythonCodes[r.Msg] != "" }

func (r cpyResult) String() string {
	if r.OK {
		return "compiles"
	}
	return fmt.Sprintf("SyntaxError: %s (line %d)", r.Msg, r.Lineno)
}

// findPythons returns python3 on PATH and pyenv's CPython 3.8 and later,
// each interpreter once.
func findPythons() []string {
	var paths []string
	seen := map[string]bool{}
	add := func(path, real string) {
		if !seen[real] {
			seen[real] = true
			paths = append(paths, path)
		}
	}
	if p, err := exec.LookPath("python3"); err == nil {
		// pyenv's shim is a script: ask the interpreter where it lives.
		out, err := exec.Command(p, "-c", "import os, sys; print(os.path.realpath(sys.executable))").Output()
		if err == nil {
			add(p, strings.TrimSpace(string(out)))
		}
	}
	matches, _ := filepath.Glob("/root/.pyenv/versions/3.*/bin/python3")
	for _, m := range matches {
		var minor int
		version := filepath.Base(filepath.Dir(filepath.Dir(m)))
		if _, err := fmt.Sscanf(version, "3.%d", &minor); err != nil || minor < 8 {
			continue
		}
		if real, err := filepath.EvalSymlinks(m); err == nil {
			add(m, real)
		}
	}
	return paths
}

// compileBatch compiles every source in every mode with the interpreter at
// path, in one process.
func compileBatch(path string, sources []string) (*oraclePython, error) {
	req, err := json.Marshal(map[string]any{"sources": sources, "modes": oracleModeNames})
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(path, batchScript)
	cmd.Stdin = bytes.NewReader(req)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("%s %s: %v\n%s", path, batchScript, err, stderr.Bytes())
	}
	var resp struct {
		Version []int
		Results [][]cpyResult
	}
	if err := json.Unmarshal(out, &resp); err != nil || len(resp.Version) != 3 {
		return nil, fmt.Errorf("%s %s: bad output %.200q: %v", path, batchScript, out, err)
	}
	py := &oraclePython{path: path, version: [3]int(resp.Version)}
	if resp.Results == nil {
		return py, nil
	}
	if len(resp.Results) != len(sources) {
		return nil, fmt.Errorf("%s: %d results for %d sources", path, len(resp.Results), len(sources))
	}
	py.results = make([][numModes]cpyResult, len(sources))
	for i, r := range resp.Results {
		if len(r) != int(numModes) {
			return nil, fmt.Errorf("%s: %d results for source %d, want %d", path, len(r), i, numModes)
		}
		py.results[i] = [numModes]cpyResult(r)
	}
	return py, nil
}

// compileAll runs compileBatch for every path concurrently.
func compileAll(paths []string, sources []string) ([]*oraclePython, []error) {
	pys := make([]*oraclePython, len(paths))
	errs := make([]error, len(paths))
	var wg sync.WaitGroup
	for i, path := range paths {
		wg.Go(func() { pys[i], errs[i] = compileBatch(path, sources) })
	}
	wg.Wait()
	return pys, errs
}

// An oracleFinding is one AL1xx diagnostic.
type oracleFinding struct {
	line          int
	code, message string
}

func (f oracleFinding) String() string {
	return fmt.Sprintf("line %d %s: %s", f.line, f.code, f.message)
}

var oracleRules = []*analysis.Rule{awaitOutsideAsync, yieldFromInAsync, returnInAsyncGenerator}

func oracleLint(tree *syntax.Tree, s *config.Settings) []oracleFinding {
	var fs []oracleFinding
	for _, d := range check.Run(tree, &check.Options{Rules: oracleRules, Settings: s}).Diagnostics {
		fs = append(fs, oracleFinding{tree.LineOf(d.Start), d.Rule.Code, d.Message})
	}
	return fs
}

// An oracleVerdict says how the rules disagree with CPython.
type oracleVerdict int

const (
	verdictAgree oracleVerdict = iota
	verdictFalsePositive
	verdictMissed
	verdictWrongLine
)

// judgeFindings compares the findings with CPython's result r. CPython
// reports only its first error, so with several errors its line must be
// among ours, reported by the rule that models its message.
func judgeFindings(r cpyResult, version [3]int, ours []oracleFinding) (oracleVerdict, string) {
	if r.OK {
		if len(ours) > 0 {
			return verdictFalsePositive, "CPython compiles it, asynclint reports errors"
		}
		return verdictAgree, ""
	}
	code := cpythonCodes[r.Msg]
	if len(ours) == 0 {
		return verdictMissed, "CPython rejects it, asynclint reports nothing"
	}
	// CPython 3.8 and 3.9 locate comprehension errors on line 0.
	anyLine := r.Lineno <= 0 && version[1] < 10 && r.Msg == msgAsyncComprehension
	for _, f := range ours {
		if f.code == code && (anyLine || f.line == r.Lineno) {
			return verdictAgree, ""
		}
	}
	if anyLine {
		return verdictWrongLine, "asynclint reports no " + code
	}
	return verdictWrongLine, fmt.Sprintf("asynclint reports no %s on line %d", code, r.Lineno)
}

// An oracleCase is one program to compare.
type oracleCase struct {
	name string
	src  string
}

// A disagreement is a program on which CPython and the rules differ.
type disagreement struct {
	c       *oracleCase
	src     string // c.src, or a smaller program that disagrees the same way
	py      *oraclePython
	mode    oracleMode
	cpy     cpyResult
	ours    []oracleFinding
	verdict oracleVerdict
	why     string
}

// TestAgreesWithCPython checks AL101-AL103 against the compilers they
// imitate: every program, generated or written by hand, is compiled by each
// CPython 3.8+ found, once as a module and once with top-level await
// allowed, and the rules must report an error exactly when CPython raises
// one of the SyntaxErrors they model, on the line CPython gives. Programs
// that raise other SyntaxErrors are not compared.
func TestAgreesWithCPython(t *testing.T) {
	paths := findPythons()
	if len(paths) == 0 {
		testenv.Missing(t, "no python3 on PATH")
	}
	start := time.Now()
	cases := slices.Clone(oracleEdgeCases)
	g := newProgGenerator(*oracleSeed)
	for i := range programCount(t) {
		cases = append(cases, oracleCase{name: fmt.Sprintf("generated program %d", i), src: g.program()})
	}
	sources := make([]string, len(cases))
	for i, c := range cases {
		sources[i] = c.src
	}

	var pys []*oraclePython
	var errs []error
	done := make(chan struct{})
	go func() { pys, errs = compileAll(paths, sources); close(done) }()
	p := syntax.NewParser()
	defer p.Close()
	trees := make([]*syntax.Tree, len(sources))
	for i, src := range sources {
		tree, err := p.Parse([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		trees[i] = tree
	}
	<-done
	for _, err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	pys = slices.DeleteFunc(pys, func(py *oraclePython) bool {
		if py != nil && py.results == nil {
			t.Logf("%s (%s): older than 3.8, skipped", py, py.path)
		}
		return py == nil || py.results == nil
	})
	slices.SortFunc(pys, func(a, b *oraclePython) int { return slices.Compare(a.version[:], b.version[:]) })
	if len(pys) == 0 {
		t.Skip("no CPython 3.8 or later")
	}

	var all []*disagreement
	used := make([]bool, len(cases)) // compared at least once
	for _, py := range pys {
		for m := range numModes {
			settings := py.settings(m)
			compared, rejected := 0, 0
			discarded := map[string][]string{} // case names by message
			for i := range cases {
				c, r := &cases[i], py.results[i][m]
				if !r.modeled() {
					discarded[r.Msg] = append(discarded[r.Msg], c.name)
					continue
				}
				used[i] = true
				compared++
				if !r.OK {
					rejected++
				}
				ours := oracleLint(trees[i], settings)
				if v, why := judgeFindings(r, py.version, ours); v != verdictAgree {
					all = append(all, &disagreement{c: c, src: c.src, py: py, mode: m, cpy: r, ours: ours, verdict: v, why: why})
				}
			}
			t.Logf("%s, %s: compared %d programs (%d rejected by CPython), discarded %d%s",
				py, m, compared, rejected, len(cases)-compared, summarizeDiscards(discarded))
		}
	}
	for i, c := range oracleEdgeCases {
		if !used[i] {
			t.Errorf("edge case %q: no CPython compiles it or raises an AL1xx error for it", c.name)
		}
	}
	if len(all) > 0 {
		reportDisagreements(t, p, all)
	}
	t.Logf("%d programs (%d hand-written), %d interpreters, %v", len(cases), len(oracleEdgeCases), len(pys), time.Since(start).Round(time.Millisecond))
}

// programCount returns how many programs to generate: -oracle.n,
// $ASYNCLINT_ORACLE_N or the default.
func programCount(t *testing.T) int {
	if *oracleN > 0 {
		return *oracleN
	}
	if s := os.Getenv("ASYNCLINT_ORACLE_N"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			t.Fatalf("ASYNCLINT_ORACLE_N=%q: want a count", s)
		}
		return n
	}
	return defaultPrograms
}

// summarizeDiscards lists the messages of discarded programs, most frequent
// first, with the first programs of each.
func summarizeDiscards(discarded map[string][]string) string {
	if len(discarded) == 0 {
		return ""
	}
	msgs := make([]string, 0, len(discarded))
	for msg := range discarded {
		msgs = append(msgs, msg)
	}
	slices.SortFunc(msgs, func(a, b string) int {
		return cmp.Or(len(discarded[b])-len(discarded[a]), strings.Compare(a, b))
	})
	var b strings.Builder
	for _, msg := range msgs {
		names := discarded[msg]
		fmt.Fprintf(&b, "\n\t%q ×%d: %s", msg, len(names), strings.Join(names[:min(3, len(names))], "; "))
		if len(names) > 3 {
			b.WriteString("; …")
		}
	}
	return b.String()
}

// reportDisagreements prints at most maxShown disagreements. It groups them
// by program, shrinks one program of each kind of disagreement (and then
// the shortest others, up to maxShrunk), and merges programs that shrink to
// the same one.
func reportDisagreements(t *testing.T, p *syntax.Parser, all []*disagreement) {
	t.Helper()
	type group struct {
		d     *disagreement // the first, whose program is shrunk
		where []*disagreement
	}
	var groups []*group
	byCase := map[*oracleCase]*group{}
	for _, d := range all {
		g := byCase[d.c]
		if g == nil {
			g = &group{d: d}
			byCase[d.c] = g
			groups = append(groups, g)
		}
		g.where = append(g.where, d)
	}
	slices.SortStableFunc(groups, func(a, b *group) int { return cmp.Compare(len(a.d.src), len(b.d.src)) })
	var sample []*group
	kinds := map[string]bool{}
	for _, g := range groups {
		if k := fmt.Sprint(g.d.verdict, g.d.cpy.Msg); !kinds[k] && len(sample) < maxShrunk {
			kinds[k] = true
			sample = append(sample, g)
		}
	}
	for _, g := range groups {
		if len(sample) < maxShrunk && !slices.Contains(sample, g) {
			sample = append(sample, g)
		}
	}
	ds := make([]*disagreement, len(sample))
	for i, g := range sample {
		ds[i] = g.d
	}
	shrinkDisagreements(p, ds)

	var merged []*group
	index := map[string]*group{}
	for _, g := range sample {
		d := g.d
		k := fmt.Sprint(d.src, d.verdict, d.cpy, d.ours)
		if m := index[k]; m != nil {
			for _, w := range g.where {
				if !slices.ContainsFunc(m.where, func(x *disagreement) bool { return x.py == w.py && x.mode == w.mode }) {
					m.where = append(m.where, w)
				}
			}
			continue
		}
		index[k] = g
		merged = append(merged, g)
	}
	slices.SortStableFunc(merged, func(a, b *group) int { return cmp.Compare(len(a.d.src), len(b.d.src)) })

	var b strings.Builder
	fmt.Fprintf(&b, "%d disagreements with CPython in %d programs; %d distinct among %d shrunk, the first %d shown:\n",
		len(all), len(groups), len(merged), len(sample), min(maxShown, len(merged)))
	for _, g := range merged[:min(maxShown, len(merged))] {
		d := g.d
		fmt.Fprintf(&b, "\n--- %s: %s\n", oracleWhere(g.where), d.why)
		for i, line := range strings.Split(strings.TrimSuffix(d.src, "\n"), "\n") {
			fmt.Fprintf(&b, "%4d | %s\n", i+1, line)
		}
		fmt.Fprintf(&b, "%-13s %s\n", fmt.Sprintf("CPython %d.%d:", d.py.version[0], d.py.version[1]), d.cpy)
		if len(d.ours) == 0 {
			fmt.Fprintf(&b, "%-13s nothing\n", "asynclint:")
		}
		for i, f := range d.ours {
			label := "asynclint:"
			if i > 0 {
				label = ""
			}
			fmt.Fprintf(&b, "%-13s %s\n", label, f)
		}
		if d.src != d.c.src {
			fmt.Fprintf(&b, "(shrunk from %s)\n", d.c.name)
		} else {
			fmt.Fprintf(&b, "(%s)\n", d.c.name)
		}
	}
	t.Error(b.String())
}

// oracleWhere lists the interpreters and modes of ds compactly:
// "CPython 3.8.18, 3.9.18 (module); 3.10.13 (module, top-level await)".
func oracleWhere(ds []*disagreement) string {
	modes := map[*oraclePython][]string{}
	var pys []*oraclePython
	for _, d := range ds {
		if modes[d.py] == nil {
			pys = append(pys, d.py)
		}
		if m := d.mode.String(); !slices.Contains(modes[d.py], m) {
			modes[d.py] = append(modes[d.py], m)
		}
	}
	slices.SortFunc(pys, func(a, b *oraclePython) int { return slices.Compare(a.version[:], b.version[:]) })
	var parts []string
	for i := 0; i < len(pys); {
		slices.Sort(modes[pys[i]])
		ms := strings.Join(modes[pys[i]], ", ")
		var vs []string
		for ; i < len(pys) && strings.Join(modes[pys[i]], ", ") == ms; i++ {
			vs = append(vs, strings.TrimPrefix(pys[i].String(), "CPython "))
		}
		parts = append(parts, strings.Join(vs, ", ")+" ("+ms+")")
	}
	return "CPython " + strings.Join(parts, "; ")
}

// shrinkDisagreements makes each disagreement's program smaller while it
// disagrees the same way, removing one block (a line with the lines
// indented under it) or replacing it with pass at a time. Each round
// compiles all candidates in one process per interpreter.
func shrinkDisagreements(p *syntax.Parser, ds []*disagreement) {
	pending := slices.Clone(ds)
	for round := 0; len(pending) > 0 && round < 60; round++ {
		type candidate struct {
			d   *disagreement
			src string
		}
		byPath := map[string][]candidate{}
		for _, d := range pending {
			for _, src := range shrinkCandidates(d.src) {
				byPath[d.py.path] = append(byPath[d.py.path], candidate{d, src})
			}
		}
		var paths []string
		var batches [][]candidate
		for path, cs := range byPath {
			paths = append(paths, path)
			batches = append(batches, cs)
		}
		var wg sync.WaitGroup
		pys := make([]*oraclePython, len(paths))
		for i, path := range paths {
			srcs := make([]string, len(batches[i]))
			for j, c := range batches[i] {
				srcs[j] = c.src
			}
			wg.Go(func() { pys[i], _ = compileBatch(path, srcs) })
		}
		wg.Wait()

		improved := map[*disagreement]bool{}
		for i, py := range pys {
			if py == nil || py.results == nil {
				continue
			}
			for j, c := range batches[i] {
				d, r := c.d, py.results[j][c.d.mode]
				if !r.modeled() || len(c.src) >= len(d.src) {
					continue
				}
				tree, err := p.Parse([]byte(c.src))
				if err != nil {
					continue
				}
				ours := oracleLint(tree, d.py.settings(d.mode))
				if v, why := judgeFindings(r, d.py.version, ours); v == d.verdict {
					d.src, d.cpy, d.ours, d.why = c.src, r, ours, why
					improved[d] = true
				}
			}
		}
		pending = slices.DeleteFunc(pending, func(d *disagreement) bool { return !improved[d] })
	}
}

// shrinkCandidates returns the programs src becomes without one of its
// blocks, or with a block replaced by pass, shortest first.
func shrinkCandidates(src string) []string {
	lines := strings.Split(strings.TrimSuffix(src, "\n"), "\n")
	indent := func(s string) int { return len(s) - len(strings.TrimLeft(s, " ")) }
	var out []string
	seen := map[string]bool{}
	for i, line := range lines {
		end := i + 1
		for end < len(lines) && indent(lines[end]) > indent(line) {
			end++
		}
		for _, mid := range [][]string{nil, {strings.Repeat(" ", indent(line)) + "pass"}} {
			r := strings.Join(slices.Concat(lines[:i], mid, lines[end:]), "\n") + "\n"
			if r != src && !seen[r] {
				seen[r] = true
				out = append(out, r)
			}
		}
	}
	slices.SortStableFunc(out, func(a, b string) int { return cmp.Compare(len(a), len(b)) })
	return out
}

// oracleEdgeCases are the cases the rules' doc comments and CPython's
// symbol table make interesting. Each must compile, or raise an AL1xx
// error, on at least one version.
var oracleEdgeCases = []oracleCase{
	{"lambda in async def", "async def main():\n    f = lambda: await x\n"},
	{"lambda default in async def", "async def main():\n    f = lambda v=await x: v\n"},
	{"genexp in lambda", "f = lambda: (await v for v in y)\n"},
	{"comprehension in lambda in async def", "async def main():\n    f = lambda: [await v for v in y]\n"},
	{"class body in async def", "async def main():\n    class C:\n        v = await x\n"},
	{"class bases in async def", "async def main():\n    class C(await x, flag=await y):\n        pass\n"},
	{"method default in class in async def", "async def main():\n    class C:\n        def m(self, v=await x):\n            return v\n"},
	{"lambda default in class in async def", "async def main():\n    class C:\n        f = lambda v=await x: v\n"},
	{"comprehension in class in async def", "async def main():\n    class C:\n        v = [await v for v in y]\n"},
	{"plain def in async def", "async def main():\n    def inner():\n        await x\n"},
	{"async def in plain def", "def outer():\n    async def inner():\n        await x\n"},
	{"default of def in async def", "async def main():\n    def inner(v=await x):\n        return v\n"},
	{"default of async def in def", "def outer():\n    async def inner(v=await x):\n        return v\n"},
	{"decorator in async def", "async def main():\n    @register(await x)\n    def inner():\n        pass\n"},
	{"decorator in def", "def outer():\n    @register(await x)\n    async def inner():\n        pass\n"},
	{"comprehension in def", "def f():\n    return [await v for v in y]\n"},
	{"genexp in def", "def f():\n    return (await v for v in y)\n"},
	{"async genexp in def", "def f():\n    return (v async for v in y)\n"},
	{"genexp first iterable in def", "def f():\n    return (v for v in await y)\n"},
	{"comprehension first iterable in async def", "async def f():\n    return [v for v in await y]\n"},
	{"async comprehension as first iterable in def", "def f():\n    return [w for w in [v async for v in y]]\n"},
	{"async comprehension as first iterable in async def", "async def f():\n    return [w for w in [v async for v in y]]\n"},
	{"second iterable in async def", "async def f():\n    return [v for w in z for v in await w]\n"},
	{"condition in async def", "async def f():\n    return {v for v in y if await v}\n"},
	{"async comprehension in comprehension in async def", "async def f():\n    return [[v async for v in y] for w in z]\n"},
	{"await comprehension in comprehension in async def", "async def f():\n    return {w: [await v for v in y] for w in z}\n"},
	{"async comprehension in genexp in async def", "async def f():\n    return ([await v for v in y] for w in z)\n"},
	{"async comprehension in genexp in def", "def f():\n    return ([v async for v in y] for w in z)\n"},
	{"async genexp in comprehension in def", "def f():\n    return [(v async for v in y) for w in z]\n"},
	{"genexp in class body", "class C:\n    g = (await v for v in y)\n"},
	{"genexp first iterable in class body", "class C:\n    g = (v for v in await y)\n"},
	{"module await", "import asyncio\nawait asyncio.sleep(1)\n"},
	{"module async for and with", "if ready:\n    async with lock:\n        async for v in y:\n            pass\n"},
	{"module comprehension", "results = [await v for v in y]\n"},
	{"module nested comprehension", "results = [[await v for v in y] for w in z]\n"},
	{"module dict comprehension", "index = {v: v async for v in y}\n"},
	{"module genexp first iterable", "g = (v for v in await y)\n"},
	{"module class body", "class C:\n    v = await x\n"},
	{"module lambda", "f = lambda: await x\n"},
	{"f-string in def", "def f():\n    return f\"{await x}\"\n"},
	{"f-string in async def", "async def f():\n    return f\"{await x}\"\n"},
	{"dead code after return", "def f():\n    return\n    await x\n"},
	{"dead code under if 0", "def f():\n    if 0:\n        await x\n"},
	{"sync generator: return, then await", "def f():\n    yield 1\n    return 2\n    await x\n"},
	{"sync generator: await, then return", "def f():\n    await x\n    yield 1\n    return 2\n"},
	{"sync generator: return, then async for", "def f():\n    yield 1\n    return 2\n    async for v in y:\n        pass\n"},
	{"sync generator: return, then async comprehension", "def f():\n    yield 1\n    return 2\n    [v async for v in y]\n"},
	{"async generator returns a value", "async def f():\n    yield 1\n    return 2\n"},
	{"async generator returns", "async def f():\n    yield 1\n    return\n"},
	{"return value, yield in nested def", "async def f():\n    def g():\n        yield 1\n    return 2\n"},
	{"return value, yield in lambda", "async def f():\n    g = lambda: (yield)\n    return 2\n"},
	{"yield from in async def", "async def f():\n    yield from y\n"},
	{"yield from in def in async def", "async def f():\n    def g():\n        yield from y\n    return g\n"},
	{"yield from in lambda in async def", "async def f():\n    g = lambda: (yield from y)\n"},
	{"yield from as first iterable in async def", "async def f():\n    return [v for v in (yield from y)]\n"},
	{"async with in def", "def f():\n    async with y as v:\n        pass\n"},
	{"async with, then async comprehension in def", "def f():\n    async with y:\n        pass\n    return [v async for v in y]\n"},
	{"async comprehension, then await in def", "def f():\n    rows = [v async for v in y]\n    await x\n"},
	{"sync generator: return, then async genexp", "def f():\n    yield 1\n    return 2\n    g = (await v for v in y)\n"},
	{"await in an f-string format spec", "def f():\n    return f\"{x:{await y}}\"\n"},
	{"await in a module annotation", "timeout: await y = 1\n"},
	{"await in a class annotation in async def", "async def f():\n    class C:\n        x: await y\n"},
	// CPython never compiles the annotations of local variables.
	{"await in a local annotation", "def f():\n    x: await y = 1\n"},
	{"async comprehension in a local annotation", "def f():\n    rows: [v async for v in y] = []\n"},
	{"await in an attribute annotation in a def", "def f(self):\n    self.x: await y = 1\n"},
	// Nor, before 3.10, annotations under "from __future__ import
	// annotations"; from 3.10 an await in them is another SyntaxError.
	{"future annotations: await in a parameter annotation", "from __future__ import annotations\n\n\ndef f(x: await y) -> None:\n    pass\n"},
	{"future annotations: await in a module annotation", "from __future__ import annotations\n\ntimeout: await y = 1\n"},
	{"yield in a first iterable makes an async generator", "async def f():\n    rows = [w for w in (yield)]\n    return rows\n"},
	{"yield in a lambda default makes an async generator", "async def f():\n    g = lambda v=(yield): v\n    return g\n"},
}
