package check_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/asynclint/asynclint/analysis/check"
	"github.com/asynclint/asynclint/analysis/syntax"
	"github.com/asynclint/asynclint/internal/testenv"
	"github.com/asynclint/asynclint/rules"
)

var allRules = &check.Options{Rules: rules.Suite().Rules}

// fixAll runs the fix loop with every rule and unsafe fixes.
func fixAll(p *syntax.Parser, src []byte) ([]byte, error) {
	fixed, _, err := check.Fix(p, src, allRules, true)
	return fixed, err
}

// fuzzSeeds returns the rules' test files and the inputs kept in
// testdata/fuzz/FuzzFix, each one a source.
func fuzzSeeds(t testing.TB) [][]byte {
	t.Helper()
	var seeds [][]byte
	files, _ := filepath.Glob("../../rules/testdata/*/*.py")
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		seeds = append(seeds, data)
	}
	kept, _ := filepath.Glob("testdata/fuzz/FuzzFix/*")
	for _, name := range kept {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		src, err := decodeFuzzInput(data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		seeds = append(seeds, src)
	}
	return seeds
}

// decodeFuzzInput decodes a file of the fuzzing corpus holding one []byte.
func decodeFuzzInput(data []byte) ([]byte, error) {
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	if len(lines) != 2 || lines[0] != "go test fuzz v1" {
		return nil, errors.New("not a fuzzing input of one value")
	}
	literal, ok := strings.CutPrefix(lines[1], "[]byte(")
	if !ok || !strings.HasSuffix(literal, ")") {
		return nil, errors.New("not a []byte")
	}
	s, err := strconv.Unquote(strings.TrimSuffix(literal, ")"))
	return []byte(s), err
}

// FuzzFix runs the fix loop over arbitrary sources. Its oracle is that
// fixes never break code that compiled: the fixed source has no more
// syntax errors than the input, counting what CPython rejects though
// tree-sitter accepts it (syntax.Tree.RejectedCount), so none where the
// input had none; and fixing it again changes nothing, as the loop runs
// until nothing more applies. TestFixedSeedsCompile checks the seeds
// with CPython itself.
func FuzzFix(f *testing.F) {
	for _, src := range fuzzSeeds(f) {
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		p := syntax.NewParser()
		defer p.Close()
		before, err := p.Parse(src)
		if err != nil {
			return // too large to parse: nothing to fix
		}
		fixed, err := fixAll(p, src)
		var tooComplex *syntax.TooComplexError
		if errors.As(err, &tooComplex) {
			return // the fixes would make it too large to parse
		}
		if err != nil {
			t.Fatal(err)
		}
		after, err := p.Parse(fixed)
		if err != nil {
			t.Fatal(err)
		}
		if after.RejectedCount() > before.RejectedCount() {
			t.Fatalf("fixes added syntax errors (%d, before %d):\n%s", after.RejectedCount(), before.RejectedCount(), fixed)
		}
		again, err := fixAll(p, fixed)
		if err == nil && !bytes.Equal(again, fixed) {
			t.Fatalf("fixing again changes the result:\n%s\nto:\n%s", fixed, again)
		}
	})
}

// TestFixedSeedsCompile fixes each seed of FuzzFix and has CPython compile
// the input and the result: each result compiles where its input does.
func TestFixedSeedsCompile(t *testing.T) {
	python := testenv.Tool(t, "python3", "https://www.python.org")
	p := syntax.NewParser()
	defer p.Close()
	type pair struct {
		Input, Output []byte // base64 in JSON: sources need not be UTF-8
	}
	var pairs []pair
	for _, src := range fuzzSeeds(t) {
		fixed, err := fixAll(p, src)
		if err != nil {
			continue // not parsed, or not fixed: nothing to compare
		}
		if !bytes.Equal(fixed, src) {
			pairs = append(pairs, pair{src, fixed})
		}
	}
	if len(pairs) == 0 {
		t.Fatal("no seed has a fix")
	}
	data, err := json.Marshal(pairs)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(python, "-c", compileBoth)
	cmd.Stdin = bytes.NewReader(data)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	t.Logf("%d seeds fixed", len(pairs))
}

// compileBoth reads pairs of sources as JSON, and fails naming each pair
// whose input compiles and output does not.
const compileBoth = `
import base64, json, sys

def compiles(src):
    try:
        compile(src, "<fixed>", "exec", dont_inherit=True)
        return True
    except (SyntaxError, ValueError):
        return False

broken = 0
for pair in json.load(sys.stdin):
    before, after = base64.b64decode(pair["Input"]), base64.b64decode(pair["Output"])
    if compiles(before) and not compiles(after):
        try:
            compile(after, "<fixed>", "exec", dont_inherit=True)
        except (SyntaxError, ValueError) as e:
            print("the fix broke the code:", e, after.decode("utf-8", "replace"), sep="\n")
        broken += 1
sys.exit(1 if broken else 0)
`
