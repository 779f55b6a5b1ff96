package syntax

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// validSyntax is Python the parser must accept without an error, each
// case with the first Python version that accepts it.
var validSyntax = []struct{ name, since, src string }{
	// PEP 695: type aliases and generics.
	{"type alias", "3.12", "type X = int\n"},
	{"generic type alias", "3.12", "type ListOrSet[T] = list[T] | set[T]\n"},
	{"generic function", "3.12", "def f[T](x: T) -> T:\n    return x\n"},
	{"generic class", "3.12", "class C[T: int, *Ts, **P]:\n    pass\n"},
	{"constrained type parameter", "3.12", "def f[T: (int, str)](x: T) -> T: ...\n"},
	{"generic async function", "3.12", "async def f[T](x: T) -> T:\n    return await x\n"},
	{"type as a name", "3.0", "type = 1\nprint(type(type))\ntype.x = type[0]\n"},
	// PEP 696: defaults of type parameters.
	{"class type parameter default", "3.13", "class Box[T = int]:\n    pass\n"},
	{"function type parameter default", "3.13", "def f[T = int](): ...\n"},
	{"type alias parameter default", "3.13", "type A[T = int] = list[T]\n"},
	{"bound and default", "3.13", "class C[T: int = bool, U = str]: ...\n"},
	{"type variable tuple default", "3.13", "class C[*Ts = *tuple[int, ...]]: ...\n"},
	{"parameter specification default", "3.13", "def f[**P = [int, str]](): ...\n"},
	{"defaults after plain parameters", "3.13", "class C[T, U = int,]: ...\n"},
	// Lines continued inside brackets, whatever their indentation.
	{"attribute continued less indented", "3.0", "def f():\n    (bar.\n    baz)\n    (bar.\nbaz)\n"},
	{"operator continued less indented", "3.0", "if True:\n  print(1+\n1)\n"},
	{"subscript continued less indented", "3.0", "if True:\n    l[i+\n1]\n"},
	{"dictionary continued less indented", "3.0", "def f():\n    return {a:\n  b}\n"},
	{"call continued less indented", "3.0", "def f():\n    g(x=\n1, y=not\n  2)\n    return 1\n"},
	{"nested brackets continued less indented", "3.0", "class A:\n    def f(self):\n        x = [(a,\nb) for a in\n c]\n        return x\n"},
	{"lambda continued less indented", "3.0", "def f():\n    g(lambda:\n1)\n"},
	{"less indented then dedent", "3.0", "def f():\n    if x:\n        y = (1 +\n  2)\n    return y\n"},
	// PEP 701 f-strings.
	{"f-string nested same quotes", "3.12", "f\"{\"a\"}\" + f'{x['k']}'\n"},
	{"f-string nested f-string", "3.12", "f\"{f\"{f\"{x}\"}\"}\"\n"},
	{"f-string multi-line expression", "3.12", "f\"{\n  x\n  +\n  y}\"\n"},
	{"f-string comment", "3.12", "f\"{x  # note\n}\"\n"},
	{"f-string comment in triple quotes", "3.12", "x = f'''{\n    y  # note\n}'''\n"},
	{"f-string backslash in expression", "3.12", "f\"{'\\n'.join(a)}\"\n"},
	{"f-string format specifier", "3.6", "f'{x!r:>{width}.{precision}} {y:%H:%M} {{}} {z=} {w = !s:^9}'\n"},
	{"f-string conditional and lambda", "3.6", "f'{a if b else c} {(lambda: 1)()} {(y := 2)}'\n"},
	{"f-string in block", "3.12", "def f():\n    return f\"{\n\"s1\" if x else\n \"s2\"}\"\n"},
	{"f-string triple quoted in block", "3.6", "def f():\n    return f\"\"\"\n{\"s1\" if x else\n \"s2\"}\"\"\"\n"},
	{"f-string raw and bytes", "3.6", "x = rf'\\d{a}' + fR'{b}' + Rb'\\d' + br'x' + u'x'\n"},
	// PEP 750 template strings.
	{"template string", "3.14", "t\"hello {name}\"\nT'{x!r:>10}' + tr'\\d{y}' + Rt\"{z}\"\n"},
	{"template string nested", "3.14", "t\"{t'{x}'} {f\"{y}\"}\"\n"},
	// PEP 646 star expressions in subscripts and annotations.
	{"star in subscript", "3.11", "x: tuple[*Ts]\ny = a[*b]\nz = a[1, *b]\n"},
	{"star annotation", "3.11", "def f(*args: *Ts): ...\n"},
	{"star in base class", "3.11", "class A(Generic[*Ts]): ...\n"},
	// except* and PEP 758 except without parentheses.
	{"except star", "3.11", "try:\n    pass\nexcept* ValueError as e:\n    pass\nexcept *(TypeError, KeyError):\n    pass\n"},
	{"except tuple without parentheses", "3.14", "try:\n    pass\nexcept A, B:\n    pass\n"},
	{"except star tuple without parentheses", "3.14", "try:\n    pass\nexcept* A, B:\n    pass\n"},
	// Soft keywords used as names.
	{"match as a name", "3.0", "match = re.match(p, s)\nmatch.group(1)\nmatch(x)\nmatch[x] = 1\nprint(match, case)\n"},
	{"case and underscore as names", "3.0", "case = 1\n_ = case\ncase.x = _\n"},
	{"match statement", "3.10", "match x:\n    case [1, 2, *rest] | (3, *rest):\n        pass\n" +
		"    case {\"k\": v, **kw} if v:\n        pass\n    case Point(x=0, y=0) | None:\n        pass\n" +
		"    case -1 | 1+2j | -1-2j | a.b.c | \"a\" \"b\":\n        pass\n    case (1 | 2) as z:\n        pass\n" +
		"    case _:\n        pass\n"},
	{"match with soft keyword subject", "3.10", "match match:\n    case case:\n        pass\nmatch (a, b):\n    case _: pass\nmatch x,:\n    case _: pass\n"},
	{"match on a call", "3.10", "match f(x):\n    case [a, *_]:\n        pass\n"},
	// Line structure.
	{"backslash continuation", "3.0", "x = 1 + \\\n    2\nif a and \\\n        b:\n    pass\n"},
	{"backslash continuation at lower indent", "3.0", "def f():\n    x = 1 + \\\n2\n    return x\n"},
	{"backslash continuation in with", "3.0", "with a as b, \\\n     c as d:\n    pass\n"},
	{"form feed before a definition", "3.0", "\fdef f():\n    pass\n\f\nclass A:\n    x = 1\n\f\n    y = 2\n"},
	{"form feed resets indentation", "3.0", "if x:\n    \f    y\n    z\n"},
	{"tab indentation", "3.0", "if x:\n\tif y:\n\t\tz\n\tw\n"},
	{"spaces then tab", "3.0", "if x:\n  \ta\n  \tb\n"},
	{"tab indentation counted to multiples of eight", "3.0", "if x:\n        a\n       \tb\n"},
	{"backslash continuation after indentation", "3.0", "if True:\n    \\\n        1\n    \\\n2\nelse:\\\n    3\n"},
	{"no final newline", "3.0", "x = 1"},
	{"no final newline in a block", "3.0", "def f():\n    return 1"},
	{"ends in a comment", "3.0", "def f():\n    pass\n# done"},
	{"ends in an indented comment", "3.0", "def f():\n    pass\n    # done"},
	{"ends in a comment after code", "3.0", "x = 1  # done"},
	{"CRLF line endings", "3.0", "def f():\r\n    if x:\r\n        return 1\r\n    return (2 +\r\n3)\r\n"},
	{"CR line endings", "3.0", "def f():\r    if x:\r        return 1\r    return 2\r"},
	{"CR line ending in a comment", "3.0", "def f():  # note\r    return 1\r# done\rx = 2\r"},
	{"empty", "3.0", ""},
	{"blank lines with spaces", "3.0", "def f():\n    x = 1\n  \n        \n    return x\n"},
	{"comment at lower indentation in a block", "3.0", "def f():\n    x = 1\n# note\n    return x\n"},
	// Other constructs of recent versions.
	{"decorator expressions", "3.9", "@buttons[0].clicked.connect\n@(lambda f: f)\ndef f(): ...\n"},
	{"positional-only parameters", "3.8", "def f(a, /, b, *, c): ...\nlambda a, /, b=1, *c, d, **e: 0\n"},
	{"parenthesized context managers", "3.10", "async def f():\n    async with (open(a) as b, open(c) as d,):\n        pass\n"},
	{"star expressions", "3.9", "def f():\n    *a, b = c\n    for x in *a, b:\n        return *a, b\n"},
	{"walrus", "3.10", "if (n := len(a)) > 10: ...\n[y := f(x), y ** 2]\na[b := 1]\n"},
	{"async comprehension", "3.7", "async def f():\n    return [await x async for x in y if await x]\n"},
	{"numbers", "3.6", "x = 1_000 + 0x_FF + 0o17 + 0b1 + 1e-5j + .5 + 1. + 1_0.0_1e1_0 + 0_0\n"},
	{"unicode names", "3.0", "é = 1\nℌ = é\n"},
	{"semicolons", "3.0", "a; b;\nif x: a; b\n"},
	{"annotated assignments", "3.6", "x: int\n(y): int = 1\na.b: list[int] = []\n"},
	{"yield forms", "3.3", "def f():\n    x = yield\n    y = yield from g()\n    await_ = (yield)\n    lambda: (yield)\n"},
	{"print and exec as names", "3.0", "print(x, file=f)\nexec(code, {})\nprint\n"},
	{"global and nonlocal", "3.0", "def f():\n    global a, b\n    c = 1\n    def g():\n        nonlocal c\n"},
	{"star argument after keyword", "3.5", "f(a=1, *b, **c)\nf(*a, *b, **c, **d)\n"},
	{"dictionary and set displays", "3.5", "x = {**a, 'b': 1, **c}\ny = {*a, *b}\n"},
	{"conditional lambda", "3.0", "f = lambda: x if y else z\n"},
	{"del targets", "3.0", "del (a), [b], c.d, e[0]\n"},
	{"string prefixes", "3.3", "x = b'a' B\"b\" rb'e' bR'f'\ny = u'c' R'd' U'e'\n"},
	{"bytes with escapes", "3.0", "x = b'\\N{x}\\u1234\\x00'\n"},
}

// invalidSyntax is Python that the parser must report an error in.
var invalidSyntax = []struct{ name, src string }{
	{"unclosed parenthesis", "x = (1,\n"},
	{"missing operand", "x = 1 +\n"},
	{"dedent inside an expression", "def f():\n    x = 1 +\ny = 2\n"},
	{"default before colon", "class C[T = int: str]: ...\n"},
	{"keyword as name", "class = 1\n"},
	{"missing colon", "def f()\n    pass\n"},
	{"unterminated string", "x = 'abc\n"},
	{"empty type parameters", "class C[]: ...\n"},
}

func TestValidSyntaxParses(t *testing.T) {
	for _, c := range validSyntax {
		tree := parse(t, c.src)
		if e := tree.FirstError(); e != NoNode {
			n := &tree.Nodes[e]
			t.Errorf("%s: syntax error at %v: %q\n%s", c.name, tree.Position(int(n.Start)), c.src[n.Start:n.End], sexp(tree, 0))
		}
	}
}

func TestInvalidSyntaxHasErrors(t *testing.T) {
	for _, c := range invalidSyntax {
		if tree := parse(t, c.src); !tree.HasError() {
			t.Errorf("%s: no syntax error in %q\n%s", c.name, c.src, sexp(tree, 0))
		}
	}
}

// TestSyntaxCasesAgreeWithPython checks the cases above with python:
// those of the versions it supports must compile, the invalid ones not.
func TestSyntaxCasesAgreeWithPython(t *testing.T) {
	out, err := exec.Command(pythonCommand(), "-c", "import sys; print('%d.%d' % sys.version_info[:2])").Output()
	if err != nil {
		t.Skip("no " + pythonCommand())
	}
	version := strings.TrimSpace(string(out))
	dir := t.TempDir()
	var valid, invalid []string
	for _, c := range validSyntax {
		if versionLess(version, c.since) {
			continue
		}
		path := filepath.Join(dir, c.name+".py")
		if err := os.WriteFile(path, []byte(c.src), 0o666); err != nil {
			t.Fatal(err)
		}
		valid = append(valid, path)
	}
	for _, c := range invalidSyntax {
		path := filepath.Join(dir, "invalid "+c.name+".py")
		if err := os.WriteFile(path, []byte(c.src), 0o666); err != nil {
			t.Fatal(err)
		}
		invalid = append(invalid, path)
	}
	cmd := exec.Command(pythonCommand(), "-c", compilesScript)
	cmd.Stdin = strings.NewReader(strings.Join(append(valid, invalid...), "\n") + "\n")
	out, err = cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v", pythonCommand(), err)
	}
	compiled := map[string]bool{}
	for _, path := range strings.Split(string(out), "\n") {
		compiled[path] = true
	}
	for _, path := range valid {
		if !compiled[path] {
			t.Errorf("python%s does not compile %s", version, filepath.Base(path))
		}
	}
	for _, path := range invalid {
		if compiled[path] {
			t.Errorf("python%s compiles %s", version, filepath.Base(path))
		}
	}
}

// versionLess reports whether version a ("3.11") is before b.
func versionLess(a, b string) bool {
	var amaj, amin, bmaj, bmin int
	fmt.Sscanf(a, "%d.%d", &amaj, &amin)
	fmt.Sscanf(b, "%d.%d", &bmaj, &bmin)
	return amaj < bmaj || amaj == bmaj && amin < bmin
}

// randomRounds returns the seed and the number of rounds of a randomised
// test: seed 1 and rounds by default; the seed the environment variable
// env gives, and more rounds, to explore further.
func randomRounds(t *testing.T, env string, rounds, more int) (uint64, int) {
	v := os.Getenv(env)
	if v == "" {
		return 1, rounds
	}
	seed, err := strconv.ParseUint(v, 10, 64)
	if err != nil {
		t.Fatalf("%s=%q: %v", env, v, err)
	}
	return seed, more
}
