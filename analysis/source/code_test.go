package source

import (
	"encoding/json"
	"os"
	"os/exec"
	"testing"

	"github.com/asynclint/asynclint/internal/testenv"
)

// TestCode checks what Code leaves of a text: a space for each comment and
// for the contents of each string literal, its prefix left; f-strings and
// t-strings whole, and the rest from a literal left open.
func TestCode(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"x = 1  # a comment\ny = 2\n", "x = 1   \ny = 2\n"},
		{"s = 'a # b' + \"c\"\n", "s =   +  \n"},
		{"d = '''one\ntwo'''\n", "d =  \n"},
		{`e = 'it\'s' + r"\"" + x` + "\n", "e =   + r  + x\n"},
		{"f = f'{g(\"h\")}' + b'i'\n", "f = f'{g(\"h\")}' + b \n"},
		{"t = Rb'j' + t'{k}'\n", "t = Rb  + t'{k}'\n"},
		{"u = 'open\nv = 1\n", "u = 'open\nv = 1\n"},
		{"w = 1 # end", "w = 1  "},
	} {
		if got := string(Code([]byte(tc.src))); got != tc.want {
			t.Errorf("Code(%q) = %q, want %q", tc.src, got, tc.want)
		}
	}
}

// namesScript prints, as JSON, each file of CPython's standard library
// (up to 400, in order, of less than 200 KB, in UTF-8) with the names its
// tokens spell, in order: the names of its code, which Code must keep.
const namesScript = `
import io, json, os, sysconfig, tokenize
root = sysconfig.get_paths()["stdlib"]
out = {}
for dirpath, dirnames, filenames in sorted(os.walk(root)):
    dirnames.sort()
    for name in sorted(filenames):
        path = os.path.join(dirpath, name)
        if len(out) == 400 or not name.endswith(".py") or os.path.getsize(path) > 200_000:
            continue
        try:
            src = open(path, "rb").read()
            src.decode("utf-8")
            names = [t.string for t in tokenize.tokenize(io.BytesIO(src).readline) if t.type == tokenize.NAME]
        except Exception:
            continue
        out[path] = names
print(json.dumps(out))
`

// TestCodeKeepsEveryName has CPython tokenize files of its standard
// library and checks that Code keeps every name of their code, in order:
// the scan that decides which files to parse reads nothing else.
func TestCodeKeepsEveryName(t *testing.T) {
	python := testenv.Tool(t, "python3", "https://www.python.org")
	out, err := exec.Command(python, "-c", namesScript).Output()
	if err != nil {
		t.Fatal(err)
	}
	var files map[string][]string
	if err := json.Unmarshal(out, &files); err != nil {
		t.Fatal(err)
	}
	if len(files) < 100 {
		t.Fatalf("only %d files tokenized", len(files))
	}
	for path, names := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		code := Code(src)
		next := 0 // the next name to find among the words of code
		for i := 0; i < len(code) && next < len(names); {
			j := i
			for j < len(code) && IsWordByte(code[j]) {
				j++
			}
			if j > i && string(code[i:j]) == names[next] {
				next++
			}
			i = max(j, i+1)
		}
		if next < len(names) {
			t.Errorf("%s: Code lost the name %q (name %d of %d)", path, names[next], next+1, len(names))
		}
	}
}
