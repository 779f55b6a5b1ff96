package semantic

import (
	"maps"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/asynclint/asynclint/analysis/syntax"
)

func build(t *testing.T, src string) *File {
	t.Helper()
	p := syntax.NewParser()
	defer p.Close()
	tree, err := p.Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return Build(tree)
}

// calleeOnLine returns the callee of the outermost call on a 1-based line.
func calleeOnLine(f *File, line int) syntax.NodeID {
	for i := range f.Tree.Nodes {
		id := syntax.NodeID(i)
		if f.Tree.Kind(id) == syntax.Call && f.Tree.LineOf(int(f.Tree.Nodes[id].Start)) == line {
			return f.Tree.ChildByField(id, syntax.FieldFunction)
		}
	}
	return syntax.NoNode
}

func TestQualifiedName(t *testing.T) {
	src := `import time as t, os.path
import a.b.c as d
from time import sleep
from time import sleep as nap
from . import sibling
from ..pkg.mod import thing
from asyncio import *
import requests


t.sleep(1)
os.path.exists(p)
d.f()
sleep(1)
nap(1)
sibling.go()
thing()
open(p)
requests.Session().get(u)


def params(time, sleep=None):
    time.sleep(1)
    sleep(1)
    nap(1)


def local():
    t = object()
    t.sleep(1)

    def inner():
        t.sleep(1)
    return [t.sleep(x) for x in y]


class C:
    nap = None
    x = nap(1)

    def method(self):
        nap(1)


def uses_global():
    global t
    t.sleep(1)


fn = lambda sleep: sleep(1)
gen = (sleep(x) for sleep in fs)
walrus = [(nap2 := x) for x in y]
`
	f := build(t, src)
	lines := strings.Split(src, "\n")
	want := map[int]string{
		11: "time.sleep", 12: "os.path.exists", 13: "a.b.c.f", 14: "time.sleep", 15: "time.sleep",
		16: ".sibling.go", 17: "..pkg.mod.thing", 18: "", 19: "",
		23: "", 24: "", 25: "time.sleep",
		30: "", 33: "", 34: "",
		39: "", 42: "time.sleep",
		47: "time.sleep",
		50: "", 51: "",
	}
	for line, q := range want {
		callee := calleeOnLine(f, line)
		if callee == syntax.NoNode {
			t.Errorf("line %d (%s): no call", line, lines[line-1])
			continue
		}
		if got := f.QualifiedName(callee); got != q {
			t.Errorf("line %d (%s): QualifiedName = %q, want %q", line, strings.TrimSpace(lines[line-1]), got, q)
		}
	}
}

func TestBuiltinsWithoutStarImport(t *testing.T) {
	f := build(t, "open(p)\nfrom m import open as o\no(p)\n")
	if got := f.QualifiedName(calleeOnLine(f, 1)); got != "builtins.open" {
		t.Errorf("open: %q", got)
	}
	if got := f.QualifiedName(calleeOnLine(f, 3)); got != "m.open" {
		t.Errorf("o: %q", got)
	}
}

func TestConflictingImportsResolveToNothing(t *testing.T) {
	f := build(t, "try:\n    import ujson as json\nexcept ImportError:\n    import json\njson.loads(s)\n")
	if got := f.QualifiedName(calleeOnLine(f, 5)); got != "" {
		t.Errorf("got %q", got)
	}
}

func TestScopes(t *testing.T) {
	src := `async def coro(x=default()):
    a = [y for y in first()]
    b = lambda: inner()
    class K:
        body()
    def plain():
        nested()
    return gen(z for z in outer_iter())
`
	f := build(t, src)
	cases := []struct {
		line    int
		running bool // runs on the coroutine's frame
		kind    ScopeKind
	}{
		{1, false, ModuleScope},
		{2, true, FunctionScope},
		{3, false, LambdaScope},
		{5, true, ClassScope},
		{7, false, FunctionScope},
		{8, true, FunctionScope},
	}
	for _, c := range cases {
		callee := calleeOnLine(f, c.line)
		if got := f.InCoroutine(callee); got != c.running {
			t.Errorf("line %d: InCoroutine = %v", c.line, got)
		}
		if got := f.Scopes[f.ScopeOf(callee)].Kind; got != c.kind {
			t.Errorf("line %d: scope kind %d, want %d", c.line, got, c.kind)
		}
	}
	// The first iterable of a comprehension runs in the enclosing scope;
	// the rest runs inside it.
	for i := range f.Tree.Nodes {
		id := syntax.NodeID(i)
		if f.Tree.Kind(id) != syntax.Identifier {
			continue
		}
		switch f.Tree.Text(id) {
		case "first", "outer_iter":
			if k := f.Scopes[f.ScopeOf(id)].Kind; k != FunctionScope {
				t.Errorf("%s evaluated in scope kind %d", f.Tree.Text(id), k)
			}
		case "z":
			if k := f.Scopes[f.ScopeOf(id)].Kind; k != GeneratorScope {
				t.Errorf("z in scope kind %d", k)
			}
		}
	}
}

func TestBindingValues(t *testing.T) {
	f := build(t, "import requests\ns = requests.Session()\nwith open(p) as fh:\n    pass\ndef f(c: httpx.Client): pass\n")
	values := map[string]string{}
	for _, b := range f.Bindings {
		switch {
		case b.Value != syntax.NoNode:
			values[b.Name] = f.Tree.Text(b.Value)
		case b.Annotation != syntax.NoNode:
			values[b.Name] = f.Tree.Text(b.Annotation)
		}
	}
	if values["s"] != "requests.Session()" || values["fh"] != "open(p)" || values["c"] != "httpx.Client" {
		t.Errorf("%v", values)
	}
}

func TestBuildAfterRelease(t *testing.T) {
	// The two files have the same nodes: what the first remembered of its
	// callee must not show through in the second.
	first := build(t, "from time import sleep\nsleep(1)\n")
	if got := first.QualifiedName(calleeOnLine(first, 2)); got != "time.sleep" {
		t.Fatalf("first file: %q", got)
	}
	first.Release()
	f := build(t, "from time import sleeq\nsleep(1)\n")
	if got := f.QualifiedName(calleeOnLine(f, 2)); got != "" {
		t.Errorf("second file: QualifiedName = %q, want \"\"", got)
	}
	if got := len(f.Lookup(calleeOnLine(f, 2))); got != 0 {
		t.Errorf("second file: %d bindings of sleep, want 0", got)
	}
}

func TestMethodThroughGenericBase(t *testing.T) {
	f := build(t, `class Mixin(Generic[T]):
    def convert(self, exc): ...


class Socket(Mixin[int], Base):
    def send(self):
        self.convert(None)
`)
	def, dynamic := f.Definition(calleeOnLine(f, 7))
	if def == syntax.NoNode || f.DefinitionName(def) != "Mixin.convert" || !dynamic {
		t.Errorf("self.convert() resolves to %v (dynamic %v), want Mixin.convert", def, dynamic)
	}
}

// TestSpreadSkipsParameters: a parameter named as a module's name does
// not spell it, a default value does.
func TestSpreadSkipsParameters(t *testing.T) {
	checkSpread(t, "raw = 1\n\n\ndef takes(raw, *rest, **more):\n    pass\n\n\n"+
		"def defaults(x=raw):\n    pass\n\n\ndef typed(raw: int, other: int = 0):\n    pass\n\n\nalias = defaults\n",
		"raw", map[string]bool{"defaults": true, "alias": true, "takes": false, "typed": false})
}

// TestSpreadThroughClasses: a class attribute bound to a value that
// spells a changed name changes the class, and what spells the class.
func TestSpreadThroughClasses(t *testing.T) {
	checkSpread(t, "import queue\n\n\nclass Worker:\n    jobs = queue.Queue()\n\n\nworker = Worker()\n\n\nother = jobs\n",
		"queue", map[string]bool{"Worker": true, "worker": true, "jobs": false, "other": false})
}

// checkSpread spreads a change of name over the bindings of src, and
// checks which of want's names changed with it.
func checkSpread(t *testing.T, src, name string, want map[string]bool) {
	t.Helper()
	changed := map[string]bool{name: true}
	Spread(build(t, src).InterfaceBindings())(changed)
	for other, w := range want {
		if changed[other] != w {
			t.Errorf("%s changed with %s: %v, want %v", other, name, changed[other], w)
		}
	}
}

// TestDefinitionKeysRemembered: the keys of definitions remembered from
// one text are those of the next, where the definitions moved.
func TestDefinitionKeysRemembered(t *testing.T) {
	const defs = "@cache\ndef load(raw, *rest, timeout: float = 1.0) -> bytes:\n    pass\n\n\nclass Store(Base):\n    async def get(self, key):\n        pass\n"
	first := build(t, defs)
	first.InterfaceBindings()
	moved := build(t, "import time\n\n\n"+defs)
	want := moved.InterfaceBindings()
	again := build(t, "import time\n\n\n"+defs)
	again.headers = first.headers
	if got := again.InterfaceBindings(); !slices.Equal(got, want) {
		t.Errorf("with the keys remembered: %+v\nwant %+v", got, want)
	}
	if len(first.headers) != 3 {
		t.Errorf("%d headers remembered, want 3", len(first.headers))
	}
}

// TestReleasedFileSurvivesCollections: the File released last is the
// next Build's, with the keys it remembered, after garbage collections
// too, which come every few edits of a long module.
func TestReleasedFileSurvivesCollections(t *testing.T) {
	const defs = "def load(raw):\n    pass\n\n\nclass Store:\n    pass\n"
	first := build(t, defs)
	tree := first.Tree
	first.InterfaceBindings()
	first.Release()
	runtime.GC()
	runtime.GC()
	again := Build(tree)
	defer again.Release()
	if again != first || len(again.headers) != 2 {
		t.Errorf("after two collections: the same File %v, %d headers remembered, want 2", again == first, len(again.headers))
	}
}

// TestFreeWords: a statement's free words leave out the names it spells
// only as locals, parameters, strings and comments; SpellsFree agrees.
func TestFreeWords(t *testing.T) {
	f := build(t, "def f(raw, n=limit):\n    data = raw  # data\n    return [x for x in data] + helper('raw')\n\n\n"+
		"class A:\n    def m(self):\n        global total\n        return total\n\n\nbroken = (\n")
	want := []map[string]bool{
		{"f": true, "limit": true, "helper": true},
		{"A": true, "total": true},
	}
	stmts := []syntax.NodeID{}
	for c := f.Tree.FirstChild(0); c != syntax.NoNode; c = f.Tree.NextSibling(c) {
		stmts = append(stmts, c)
	}
	for i, stmt := range stmts {
		words := map[string]bool{}
		f.FreeWords(stmt, words)
		if i < len(want) && !maps.Equal(words, want[i]) {
			t.Errorf("statement %d: free words %v, want %v", i, words, want[i])
		}
		for _, name := range []string{"f", "raw", "data", "limit", "helper", "x", "A", "self", "total", "broken", "m"} {
			if got := f.SpellsFree(stmt, name); got != words[name] {
				t.Errorf("statement %d: SpellsFree(%s) = %v, FreeWords has it: %v", i, name, got, words[name])
			}
		}
	}
	if len(stmts) != 3 {
		t.Fatalf("%d statements, want 3", len(stmts))
	}
}

// TestRebound: the owners whose bindings differ between two texts, a
// class for its methods.
func TestRebound(t *testing.T) {
	const before = "import time\n\nlimit = 1\n\n\nclass A:\n    def get(self):\n        pass\n\n\ndef f():\n    pass\n\n\nlimit = 2\n"
	after := strings.Replace(strings.Replace(before, "def get(self)", "def get(self, key)", 1), "import time\n", "import time\nimport os\n", 1)
	got := Rebound(build(t, before).InterfaceBindings(), build(t, after).InterfaceBindings())
	if want := map[string]bool{"os": true, "A": true}; !maps.Equal(got, want) {
		t.Errorf("Rebound = %v, want %v", got, want)
	}
}
