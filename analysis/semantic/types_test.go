package semantic

import (
	"strings"
	"testing"

	"github.com/asynclint/asynclint/analysis/syntax"
)

var testTypes = &Types{
	Returns: map[string]string{
		"httpx.Client": "httpx.Client", "pathlib.Path": "pathlib.Path",
		"requests.session": "requests.Session", "builtins.open": "io.IOBase",
	},
	Annotations: map[string]string{"io.TextIOWrapper": "io.IOBase"},
}

// lastUse returns the last identifier of the file named name.
func lastUse(f *File, name string) syntax.NodeID {
	found := syntax.NoNode
	for i := range f.Tree.Nodes {
		id := syntax.NodeID(i)
		if f.Tree.Kind(id) == syntax.Identifier && f.Tree.Text(id) == name {
			found = id
		}
	}
	return found
}

func TestTypeOf(t *testing.T) {
	header := "import httpx, io, requests\nfrom pathlib import Path\nfrom typing import Optional, Union\nimport typing as tp\n"
	for _, c := range []struct {
		name, src, want string
	}{
		{"parameter", "def f(c: httpx.Client):\n    c", "httpx.Client"},
		{"optional", "def f(c: Optional[httpx.Client] = None):\n    c", "httpx.Client"},
		{"typing module", "def f(c: tp.Optional[httpx.Client]):\n    c", "httpx.Client"},
		{"or none", "def f(c: httpx.Client | None):\n    c", "httpx.Client"},
		{"none or", "def f(c: None | httpx.Client):\n    c", "httpx.Client"},
		{"none or or none", "def f(c: None | httpx.Client | None):\n    c", "httpx.Client"},
		{"union", "def f(c: Union[httpx.Client, None]):\n    c", "httpx.Client"},
		{"union first none", "def f(c: Union[None, httpx.Client]):\n    c", "httpx.Client"},
		{"union of two", "def f(c: Union[httpx.Client, Path]):\n    c", ""},
		{"or other", "def f(c: httpx.Client | int):\n    c", ""},
		{"a type some call returns", "def f(s: requests.Session):\n    s", "requests.Session"},
		{"annotation only", "def f(w: io.TextIOWrapper):\n    w", "io.IOBase"},
		{"annotation's constructor", "w = io.TextIOWrapper(b)\nw", ""},
		{"annotated local", "def f():\n    c: httpx.Client = make()\n    c", "httpx.Client"},
		{"annotated local, unknown type", "def f():\n    c: Client = httpx.Client()\n    c", "httpx.Client"},
		{"annotated module variable", "c: Optional[httpx.Client] = None\ndef f():\n    c", "httpx.Client"},
		{"rebound to another type", "c = httpx.Client()\nc: int = 4\ndef f():\n    c", ""},
		{"declared only", "def f():\n    c: httpx.Client\n    c", "httpx.Client"},
		{"unpacked tuple", "(p1, p2) = (Path('a'), httpx.Client())\np2", "httpx.Client"},
		{"unpacked without parentheses", "a, b = open(p), Path(q)\na", "io.IOBase"},
		{"unpacked list", "[a, b] = [Path(p), open(q)]\nb", "io.IOBase"},
		{"nested unpacking", "a, (b, c) = x, (Path(p), open(q))\nb", "pathlib.Path"},
		{"unpacked, sizes differ", "a, b = Path(p), open(q), x\na", ""},
		{"starred", "a, *b = Path(p), open(q)\na", ""},
		{"unpacked from a call", "a, b = pair()\na", ""},
		{"with target", "with httpx.Client() as c:\n    c", "httpx.Client"},
	} {
		f := build(t, header+c.src+"\n")
		lines := strings.Split(c.src, "\n")
		name := strings.TrimSpace(lines[len(lines)-1]) // the last line names what to type
		if got := f.TypeOf(lastUse(f, name), testTypes); got != c.want {
			t.Errorf("%s: TypeOf = %q, want %q", c.name, got, c.want)
		}
	}
}
