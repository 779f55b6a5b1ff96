package syntax

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// pythonCommand returns the interpreter that judges what is valid Python:
// $ASYNCLINT_PYTHON, or python3.
func pythonCommand() string {
	if p := os.Getenv("ASYNCLINT_PYTHON"); p != "" {
		return p
	}
	return "python3"
}

// compilesScript reads file paths, one a line, and prints those that
// python compiles.
const compilesScript = `
import sys, warnings
warnings.simplefilter("ignore")
for line in sys.stdin:
    path = line.rstrip("\n")
    try:
        with open(path, "rb") as f:
            compile(f.read(), path, "exec", dont_inherit=True)
    except Exception:
        continue
    print(path)
`

// TestCorpusParses parses every .py file under $ASYNCLINT_PARSE_CORPUS
// (directories separated by the list separator) and fails for each file
// with a syntax error that python (see pythonCommand) compiles. Files both
// reject are only counted: they are test data with deliberate errors, or
// syntax newer than the interpreter at hand.
func TestCorpusParses(t *testing.T) {
	dirs := filepath.SplitList(os.Getenv("ASYNCLINT_PARSE_CORPUS"))
	if len(dirs) == 0 {
		t.Skip("set ASYNCLINT_PARSE_CORPUS to directories of Python files")
	}
	p := NewParser()
	defer p.Close()
	files := 0
	var broken []string                 // in walk order
	firstError := map[string]Position{} // of each broken file
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".py") {
				return err
			}
			src, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			tree, err := p.Parse(src)
			if err != nil {
				return err
			}
			files++
			if e := tree.FirstError(); e != NoNode {
				broken = append(broken, path)
				firstError[path] = tree.Position(int(tree.Nodes[e].Start))
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	var compiled []string
	if len(broken) > 0 {
		cmd := exec.Command(pythonCommand(), "-c", compilesScript)
		cmd.Stdin = strings.NewReader(strings.Join(broken, "\n") + "\n")
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("%s: %v", pythonCommand(), err)
		}
		if out := strings.TrimSuffix(string(out), "\n"); out != "" {
			compiled = strings.Split(out, "\n")
		}
	}
	t.Logf("%d files, %d with syntax errors, %d of them compiled by %s", files, len(broken), len(compiled), pythonCommand())
	for _, path := range compiled {
		pos := firstError[path]
		t.Errorf("%s:%d:%d: %s compiles it, the parser finds a syntax error", path, pos.Line, pos.Column, pythonCommand())
	}
	if testing.Verbose() {
		rejected := map[string]bool{}
		for _, path := range broken {
			rejected[path] = true
		}
		for _, path := range compiled {
			delete(rejected, path)
		}
		for _, path := range broken {
			if rejected[path] {
				t.Logf("%s: %s rejects it too", path, pythonCommand())
			}
		}
	}
}
