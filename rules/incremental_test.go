package rules

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/check"
	"github.com/asynclint/asynclint/analysis/config"
	"github.com/asynclint/asynclint/analysis/project"
	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/analysis/syntax"
)

// TestIncrementalCheckMatchesFullCheck edits a module made of the rules'
// test files at random, as a person does (typing in a name, typing a line
// a character at a time, inserting a line, pasting a function, deleting a
// block of lines, undoing), and checks after each edit that the check
// reusing the last one finds what a check of the whole tree finds, fixes
// and related locations included, and that the summary reusing the parts
// of the last one is the summary of the whole tree. The trees are the
// document's, parsed by statements where it can, errors included, and now
// and then a parse of the whole text, whose errors may spread over
// statements.
func TestIncrementalCheckMatchesFullCheck(t *testing.T) {
	files, err := filepath.Glob("testdata/*/*.py")
	if err != nil || len(files) == 0 {
		t.Fatal("no test files", err)
	}
	var parts []string
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if text := string(data); !strings.Contains(text, "skip-file") && strings.HasSuffix(text, "\n") && parses(text) {
			parts = append(parts, text)
		}
	}
	edits := 2000
	if testing.Short() {
		edits = 200
	}
	seed := uint64(17)
	if v := os.Getenv("INCREMENTAL_SEED"); v != "" {
		// Another sequence of edits, as when looking for a failure.
		n, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			t.Fatalf("INCREMENTAL_SEED=%q: %v", v, err)
		}
		seed = n
	}
	rnd := rand.New(rand.NewPCG(seed, 3))
	for round := range 4 {
		rnd.Shuffle(len(parts), func(i, j int) { parts[i], parts[j] = parts[j], parts[i] })
		text := strings.Join(parts[:40], "\n")
		checkEdits(t, rnd, text, parts, edits/4, fmt.Sprint("round ", round))
	}
}

func checkEdits(t *testing.T, rnd *rand.Rand, text string, parts []string, edits int, name string) {
	settings := config.DefaultSettings()
	// The module in a project, as the server sees the module being edited.
	index := project.NewIndex(nil, project.Options{})
	view := func(s *project.Summary) *project.View {
		s.Module, s.Path = "app.module", "app/module.py"
		return index.With(s).For(s)
	}
	opts := &check.Options{Rules: Suite().Rules, Settings: settings, Project: func(f *semantic.File) *project.View {
		return view(Summarize(f, settings))
	}}
	var memo analysis.SummaryMemo
	var views project.Views // as the server keeps the view of the file edited
	var edit string         // the last edit, for messages
	reusing := func(f *semantic.File) *project.View {
		s := Summarizer.Summarize(f, settings, &memo)
		if want := Summarize(f, settings); !reflect.DeepEqual(s, want) {
			t.Fatalf("%s, %s: the summary reusing parts differs from the summary of the whole text:\n got %s\nwant %s",
				name, edit, describeSummary(s), describeSummary(want))
		}
		s.Module, s.Path = "app.module", "app/module.py"
		return views.Of(index, s, memo.Moved)
	}
	doc := syntax.NewDocument([]byte(text))
	defer doc.Close()
	whole := syntax.NewParser()
	defer whole.Close()
	tree, err := doc.Parse()
	if err != nil {
		t.Fatal(err)
	}
	last := check.Run(tree, opts)
	var undo func() (int, int, string) // the last edit's inverse; an edit that breaks the syntax is often undone
	var typing []string                // the characters of a line being typed, one an edit
	at := 0                            // where the next one goes
	broken := 0                        // the checks of texts with errors
	for i := range edits {
		src := doc.Text()
		var start, end int
		var repl string
		switch {
		case len(typing) > 0:
			start, end, repl = at, at, typing[0]
			typing = typing[1:]
			at++
		case undo != nil && (rnd.IntN(4) == 0 || tree.HasError() && rnd.IntN(2) == 0):
			start, end, repl = undo()
		case rnd.IntN(5) == 0:
			start, end, repl, typing = typedLine(rnd, src)
			at = start + len(repl) - 1 // before the line break
		default:
			start, end, repl = randomEdit(rnd, src, parts)
		}
		old := string(src[start:end])
		undo = func() (int, int, string) { return start, start + len(repl), old }
		doc.Replace(start, end, []byte(repl))
		if tree, err = doc.Parse(); err != nil {
			t.Fatal(err)
		}
		edit = fmt.Sprintf("edit %d (%q at %d..%d)", i, repl, start, end)
		if rnd.IntN(8) == 0 {
			if tree, err = whole.Parse(doc.Text()); err != nil {
				t.Fatal(err)
			}
		}
		if tree.HasError() {
			broken++
		}
		incremental := *opts
		incremental.Last, incremental.Project = last, reusing
		last = check.Run(tree, &incremental)
		full := check.Run(tree, opts)
		if got, want := describe(last.Diagnostics), describe(full.Diagnostics); !reflect.DeepEqual(got, want) {
			t.Fatalf("%s, edit %d (%q at %d..%d): the incremental check differs from a full check\n%s",
				name, i, repl, start, end, difference(got, want))
		}
	}
	if broken == 0 {
		t.Errorf("%s: no text with errors was checked", name)
	}
}

// typedLines are lines typed a character at a time: most texts on the
// way have errors.
var typedLines = []string{"value = normalize(raw)", "await asyncio.sleep(1)", "time.sleep(1)", `data = {"k": [1, (2, 3)]}`,
	"return await fetch(url, timeout=3)", "async with lock: pass", "if ready: x = '''a'''", `print(f"{x!r}")`}

// typedLine returns the edit that opens a new line at the start of a line
// of src, indented as that line, and the characters of a line to type on
// it.
func typedLine(rnd *rand.Rand, src []byte) (start, end int, text string, chars []string) {
	at := rnd.IntN(len(src) + 1)
	for at > 0 && src[at-1] != '\n' {
		at--
	}
	indent := 0
	for at+indent < len(src) && src[at+indent] == ' ' {
		indent++
	}
	for _, c := range typedLines[rnd.IntN(len(typedLines))] {
		chars = append(chars, string(c))
	}
	return at, at, strings.Repeat(" ", indent) + "\n", chars
}

// describeSummary returns s as text, functions and classes in order of
// their names.
func describeSummary(s *project.Summary) string {
	var b strings.Builder
	fmt.Fprintf(&b, "imports %v star %v all %v targets %v\n", s.Imports, s.StarImports, s.All, s.Targets)
	for _, name := range slices.Sorted(maps.Keys(s.Functions)) {
		fmt.Fprintf(&b, "  def %+v\n", *s.Functions[name])
	}
	for _, name := range slices.Sorted(maps.Keys(s.Classes)) {
		fmt.Fprintf(&b, "  class %s %+v\n", name, *s.Classes[name])
	}
	return b.String()
}

// parses reports whether text parses without errors.
func parses(text string) bool {
	doc := syntax.NewDocument([]byte(text))
	defer doc.Close()
	tree, err := doc.Parse()
	return err == nil && !tree.HasError()
}

// randomEdit returns an edit of src: text to put in place of src[start:end].
func randomEdit(rnd *rand.Rand, src []byte, parts []string) (start, end int, text string) {
	lineStart := func(at int) int {
		for at > 0 && src[at-1] != '\n' {
			at--
		}
		return at
	}
	at := lineStart(rnd.IntN(len(src) + 1))
	switch rnd.IntN(5) {
	case 0: // a character typed after a name
		for i := rnd.IntN(len(src)); i < len(src); i++ {
			if c := src[i]; i > 0 && (c == ' ' || c == '(' || c == '.') && wordChar(src[i-1]) {
				return i, i, string(rune('a' + rnd.IntN(26)))
			}
		}
		return len(src), len(src), "x"
	case 1: // a line, indented as the one after it
		indent := 0
		for at+indent < len(src) && src[at+indent] == ' ' {
			indent++
		}
		lines := []string{"x = 1", "await asyncio.sleep(1)", "time.sleep(1)", "return", "pass", "if x:", "# comment", "global x", "from time import *"}
		return at, at, strings.Repeat(" ", indent) + lines[rnd.IntN(len(lines))] + "\n"
	case 2: // a function pasted from another file
		part := parts[rnd.IntN(len(parts))]
		lines := strings.SplitAfter(part, "\n")
		from := rnd.IntN(len(lines))
		return at, at, strings.Join(lines[from:min(len(lines), from+1+rnd.IntN(40))], "")
	case 3: // a block of lines deleted
		end = at
		for n := rnd.IntN(30) + 1; n > 0 && end < len(src); n-- {
			for end < len(src) && src[end] != '\n' {
				end++
			}
			if end < len(src) {
				end++
			}
		}
		return at, end, ""
	default: // a line deleted
		end = at
		for end < len(src) && src[end] != '\n' {
			end++
		}
		return at, min(end+1, len(src)), ""
	}
}

func wordChar(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// describe returns the diagnostics in words, all they carry.
func describe(diags []analysis.Diagnostic) []string {
	var out []string
	for _, d := range diags {
		code := "internal"
		if d.Rule != nil {
			code = d.Rule.Code
		}
		s := fmt.Sprintf("%d-%d %s %s", d.Start, d.End, code, d.Message)
		if d.Fix != nil {
			s += fmt.Sprintf(" fix %q %v %v", d.Fix.Message, d.Fix.Applicability, d.Fix.Edits)
		}
		for _, r := range d.Related {
			s += fmt.Sprintf(" related %+v", r)
		}
		out = append(out, s)
	}
	return out
}

// difference lists what got and want do not share.
func difference(got, want []string) string {
	in := func(list []string) map[string]int {
		m := map[string]int{}
		for _, s := range list {
			m[s]++
		}
		return m
	}
	g, w := in(got), in(want)
	var b strings.Builder
	for _, s := range got {
		if g[s] > w[s] {
			fmt.Fprintf(&b, "+ %s\n", s)
		}
	}
	for _, s := range want {
		if w[s] > g[s] {
			fmt.Fprintf(&b, "- %s\n", s)
		}
	}
	if b.Len() == 0 {
		return "(the same findings in another order)"
	}
	return b.String()
}

// TestHelperEditChecksItsCallers edits a helper so that it no longer
// blocks: the statements that reach it through the module's calls are
// checked again, the statements that do not keep their findings, and the
// result is a full check's.
func TestHelperEditChecksItsCallers(t *testing.T) {
	const before = "import time\n\n\ndef helper():\n    time.sleep(1)\n\n\ndef wrap():\n    helper()\n\n\nasync def one():\n    wrap()\n\n\n" +
		"async def two():\n    print()\n\n\nasync def three():\n    print()\n\n\nasync def four():\n    print()\n"
	after := strings.Replace(before, "time.sleep(1)", "pass", 1)
	var seen []string
	blocking := &analysis.Rule{Code: "AL100", Run: func(p *analysis.Pass) {
		t := p.File.Tree
		for c := range t.OfKind(syntax.Call) {
			seen = append(seen, t.Text(c))
			if f := p.Function(t.ChildByField(c, syntax.FieldFunction)); f != nil && f.Chain != nil {
				p.Reportf(c, nil, "blocks")
			}
		}
	}}
	opts, parse := moduleCheck(t, blocking, Summarizer)
	last := check.Run(parse(before), opts)
	if got := describe(last.Diagnostics); len(got) != 2 {
		t.Fatalf("before the edit: %q, want helper() and wrap() blocking", got)
	}
	seen = nil
	incremental := *opts
	incremental.Last = last
	got := check.Run(parse(after), &incremental)
	if want := []string{"helper()", "wrap()"}; !slices.Equal(seen, want) {
		t.Errorf("the rule looked at %q, want %q: the callers of the helper and of its callers", seen, want)
	}
	if got, want := describe(got.Diagnostics), describe(check.Run(parse(after), opts).Diagnostics); !reflect.DeepEqual(got, want) {
		t.Errorf("the incremental check differs from a full check\n%s", difference(got, want))
	}
}

// TestDeletedClassSummarizesItsUsers deletes a class: the summary memo
// summarizes again the statements that spell the class, or a name bound
// to a value that spells it, not those that only spell the names of its
// methods, and the summary is that of the whole text.
func TestDeletedClassSummarizesItsUsers(t *testing.T) {
	const class = "class Store:\n    def save(self):\n        pass\n\n\n"
	const rest = "store = Store()\n\n\ndef keep():\n    store.save()\n\n\ndef direct():\n    Store().save()\n\n\n" +
		"def other(doc):\n    doc.save()\n\n\nclass Doc:\n    def save(self):\n        pass\n"
	var summarized []string
	summarizer := recordingSummarizer(&summarized)
	settings := config.DefaultSettings()
	p := syntax.NewParser()
	defer p.Close()
	var memo analysis.SummaryMemo
	for _, src := range []string{class + rest, rest} {
		tree, err := p.Parse([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		f := semantic.Build(tree)
		summarized = nil
		got := summarizer.Summarize(f, settings, &memo)
		if want := Summarize(f, settings); !reflect.DeepEqual(got, want) {
			t.Fatalf("the summary reusing parts differs from the summary of the whole text:\n got %s\nwant %s", describeSummary(got), describeSummary(want))
		}
		f.Release()
	}
	if want := []string{"store = Store()", "def keep():", "def direct():"}; !slices.Equal(summarized, want) {
		t.Errorf("summarized again %q, want %q", summarized, want)
	}
}

// TestNewGlobalSparesLocals binds at module level a name that functions
// use as a local: the check and the summary memo look again only at the
// statements that refer to the module's name, and both are those of the
// whole text.
func TestNewGlobalSparesLocals(t *testing.T) {
	const before = "import time\n\n\ndef local():\n    raw = time.sleep\n    raw(1)\n\n\ndef param(raw):\n    raw(1)\n\n\n" +
		"def uses():\n    raw(1)\n\n\nasync def nested():\n    def inner(raw):\n        raw(1)\n    inner(1)\n"
	after := strings.Replace(before, "import time\n", "import time\n\nraw = time.sleep\n", 1)
	var checked, summarized []string
	calls := &analysis.Rule{Code: "AL100", Run: func(p *analysis.Pass) {
		t := p.File.Tree
		for c := range t.OfKind(syntax.Call) {
			checked = append(checked, t.Text(c))
		}
	}}
	opts, parse := moduleCheck(t, calls, recordingSummarizer(&summarized))
	last := check.Run(parse(before), opts)
	checked, summarized = nil, nil
	incremental := *opts
	incremental.Last = last
	check.Run(parse(after), &incremental)
	if want := []string{"raw(1)"}; !slices.Equal(checked, want) {
		t.Errorf("the rule looked at %q, want %q: the use of the module's raw", checked, want)
	}
	if want := []string{"raw = time.sleep", "def uses():"}; !slices.Equal(summarized, want) {
		t.Errorf("summarized again %q, want %q", summarized, want)
	}
}

// moduleCheck returns the options of a check with rule of app/module.py
// in a project of its own, whose summaries, made with summarizer and a
// memo, must be those of the whole text, and a function that parses a
// text of the module.
func moduleCheck(t *testing.T, rule *analysis.Rule, summarizer *analysis.Summarizer) (*check.Options, func(string) *syntax.Tree) {
	settings := config.DefaultSettings()
	index := project.NewIndex(nil, project.Options{})
	memo := new(analysis.SummaryMemo)
	views := new(project.Views)
	opts := &check.Options{Rules: []*analysis.Rule{rule}, Settings: settings, Project: func(f *semantic.File) *project.View {
		s := summarizer.Summarize(f, settings, memo)
		if want := Summarize(f, settings); !reflect.DeepEqual(s, want) {
			t.Fatalf("the summary reusing parts differs from the summary of the whole text:\n got %s\nwant %s", describeSummary(s), describeSummary(want))
		}
		s.Module, s.Path = "app.module", "app/module.py"
		return views.Of(index, s, memo.Moved)
	}}
	p := syntax.NewParser()
	t.Cleanup(p.Close)
	return opts, func(src string) *syntax.Tree {
		tree, err := p.Parse([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		return tree
	}
}

// recordingSummarizer is Summarizer, adding to summarized the first line
// of each statement it summarizes.
func recordingSummarizer(summarized *[]string) *analysis.Summarizer {
	return &analysis.Summarizer{Module: Summarizer.Module, Statements: func(f *semantic.File, s *config.Settings, stmts []syntax.NodeID) []*project.Part {
		for _, stmt := range stmts {
			*summarized = append(*summarized, strings.SplitN(f.Tree.Text(stmt), "\n", 2)[0])
		}
		return Summarizer.Statements(f, s, stmts)
	}}
}

// TestTopLevelAwaitEditedElsewhere removes the await at the top level
// that made a module a coroutine: before Python 3.11 its async
// comprehension at module level is then rejected, though the edit left
// the comprehension's statement alone.
func TestTopLevelAwaitEditedElsewhere(t *testing.T) {
	const before = "import asyncio\n\n\nasync def f(x):\n    return x\n\n\nawait asyncio.sleep(1)\n\n\nresults = [await f(x) for x in range(3)]\n"
	after := strings.Replace(before, "await asyncio.sleep(1)", "asyncio.sleep(1)", 1)
	opts, parse := moduleCheck(t, awaitOutsideAsync, Summarizer)
	opts.Settings.TargetVersion = config.Version{Major: 3, Minor: 10}
	incremental := *opts
	incremental.Last = check.Run(parse(before), opts)
	got, want := describe(check.Run(parse(after), &incremental).Diagnostics), describe(check.Run(parse(after), opts).Diagnostics)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("the incremental check differs from a full check\n%s", difference(got, want))
	}
	if !slices.ContainsFunc(want, func(d string) bool { return strings.Contains(d, "asynchronous comprehension at module level") }) {
		t.Errorf("a full check found %q, want the comprehension rejected", want)
	}
}

// TestMovedLinesMoveChains adds lines above a blocking helper, and
// nothing else: the view of the module keeps the index's facts, moving
// the locations of their chains, and the coroutine calling the helper
// cites it where it now is, as a full check does.
func TestMovedLinesMoveChains(t *testing.T) {
	const before = "import time\n\n\nasync def handler():\n    helper()\n\n\ndef helper():\n    time.sleep(1)\n"
	opts, parse := moduleCheck(t, blockingViaCall, Summarizer)
	last := check.Run(parse(before), opts)
	text := before
	for i, edit := range []struct{ old, new string }{
		{"\n\ndef helper", "\n\n\n\ndef helper"},                  // blank lines between the two
		{"helper():\n    time", "helper():\n    x = 1\n    time"}, // a line in the helper, before its call
		{"handler():\n", "handler():\n    # waits\n"},             // a line in the coroutine
	} {
		text = strings.Replace(text, edit.old, edit.new, 1)
		incremental := *opts
		incremental.Last = last
		last = check.Run(parse(text), &incremental)
		fresh, _ := moduleCheck(t, blockingViaCall, Summarizer) // whose view is made from the text alone
		got, want := describe(last.Diagnostics), describe(check.Run(parse(text), fresh).Diagnostics)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("edit %d: the incremental check differs from a full check\n%s", i, difference(got, want))
		}
		if line := strings.Count(text[:strings.Index(text, "time.sleep")], "\n") + 1; len(want) != 1 || !strings.Contains(want[0], fmt.Sprintf("Line:%d ", line)) {
			t.Errorf("edit %d: a full check found %q, want the call of helper citing time.sleep on line %d", i, want, line)
		}
	}
}
