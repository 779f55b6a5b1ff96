package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runCLI(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

func project(t *testing.T, files map[string]string) string {
	dir := t.TempDir()
	for name, content := range files {
		path := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const sleepy = "import asyncio\nimport time\n\nasync def handler():\n    time.sleep(1)\n"

func TestExitStatus(t *testing.T) {
	dir := project(t, map[string]string{"clean.py": "async def f():\n    pass\n", "sub/bad.py": sleepy})
	if code, out, _ := runCLI(t, "", "check", filepath.Join(dir, "clean.py")); code != 0 || !strings.Contains(out, "All checks passed!") {
		t.Errorf("clean file: %d %q", code, out)
	}
	code, out, _ := runCLI(t, "", "check", dir)
	if code != 1 || !strings.Contains(out, "bad.py:5:5: AL201") || !strings.Contains(out, "^^^^^^^^^^^^^") {
		t.Errorf("findings: %d\n%s", code, out)
	}
	if code, _, errOut := runCLI(t, "", "check", "--format", "xml", dir); code != 2 || !strings.Contains(errOut, "unknown output format") {
		t.Errorf("bad format: %d %q", code, errOut)
	}
	if code, _, _ := runCLI(t, "", "check", "--bogus"); code != 2 {
		t.Errorf("bad flag: %d", code)
	}
	if code, _, _ := runCLI(t, "", "check", dir, "--exit-zero"); code != 0 {
		t.Errorf("--exit-zero after the path: %d", code)
	}
}

func TestMissingPath(t *testing.T) {
	code, out, _ := runCLI(t, "", "check", "--format", "concise", filepath.Join(t.TempDir(), "nope.py"))
	if code != 1 || !strings.Contains(out, "nope.py") || !strings.Contains(out, "no such file") {
		t.Errorf("%d %q", code, out)
	}
}

func TestJSONFormat(t *testing.T) {
	dir := project(t, map[string]string{"a.py": sleepy})
	_, out, _ := runCLI(t, "", "check", "--format", "json", dir)
	var findings []map[string]any
	if err := json.Unmarshal([]byte(out), &findings); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(findings) != 1 {
		t.Fatalf("%s", out)
	}
	f := findings[0]
	if f["code"] != "AL201" || f["line"] != 5.0 || f["column"] != 5.0 || f["end_column"] != 18.0 || f["fix"] == nil {
		t.Errorf("%v", f)
	}
}

func TestSelectIgnoreAndConfig(t *testing.T) {
	dir := project(t, map[string]string{
		"a.py":           sleepy + "\ndef g():\n    await x\n",
		"pyproject.toml": "[tool.asynclint]\nignore = [\"AL1\"]\n",
	})
	_, out, _ := runCLI(t, "", "check", "--format", "concise", dir)
	if strings.Contains(out, "AL101") || !strings.Contains(out, "AL201") {
		t.Errorf("config ignore:\n%s", out)
	}
	_, out, _ = runCLI(t, "", "check", "--format", "concise", "--select", "AL101", dir)
	if !strings.Contains(out, "AL101") || strings.Contains(out, "AL201") {
		t.Errorf("--select:\n%s", out)
	}
	bad := project(t, map[string]string{"a.py": sleepy, "pyproject.toml": "[tool.asynclint]\nselct = [\"AL1\"]\n"})
	code, _, errOut := runCLI(t, "", "check", bad)
	if code != 2 || !strings.Contains(errOut, "pyproject.toml") || !strings.Contains(errOut, "selct") {
		t.Errorf("bad config: %d %q", code, errOut)
	}
}

func TestFixAndDiff(t *testing.T) {
	dir := project(t, map[string]string{"a.py": sleepy})
	path := filepath.Join(dir, "a.py")
	code, out, _ := runCLI(t, "", "check", "--diff", "--unsafe-fixes", dir)
	if code != 1 || !strings.Contains(out, "-    time.sleep(1)") || !strings.Contains(out, "+    await asyncio.sleep(1)") {
		t.Errorf("--diff: %d\n%s", code, out)
	}
	code, out, _ = runCLI(t, "", "check", "--fix", "--unsafe-fixes", dir)
	got, _ := os.ReadFile(path)
	if code != 0 || !strings.Contains(out, "Fixed 1 finding") || !strings.Contains(string(got), "import asyncio\n") {
		t.Errorf("--fix: %d %q\n%s", code, out, got)
	}
}

func TestStdinFilename(t *testing.T) {
	code, out, _ := runCLI(t, sleepy, "check", "--stdin-filename", "svc/handler.py", "--format", "concise")
	if code != 1 || !strings.Contains(out, "svc/handler.py:5:5: AL201") {
		t.Errorf("%d %q", code, out)
	}
	code, out, errOut := runCLI(t, sleepy, "check", "--stdin-filename", "h.py", "--fix", "--unsafe-fixes")
	if code != 0 || !strings.Contains(out, "await asyncio.sleep(1)") || strings.Contains(out, "Fixed") || !strings.Contains(errOut, "Fixed 1") {
		t.Errorf("%d\nstdout %q\nstderr %q", code, out, errOut)
	}
}

func TestStatistics(t *testing.T) {
	dir := project(t, map[string]string{"a.py": sleepy, "b.py": sleepy})
	_, out, _ := runCLI(t, "", "check", "--statistics", dir)
	if !strings.Contains(out, "2") || !strings.Contains(out, "AL201") || strings.Contains(out, "a.py") {
		t.Errorf("%s", out)
	}
}

func TestRuleCommands(t *testing.T) {
	code, out, _ := runCLI(t, "", "rule", "al201")
	for _, want := range []string{"# blocking-sleep (AL201)", "## What it does", "## Why is this bad?", "## Example", "Use instead:", "ASYNC251"} {
		if !strings.Contains(out, want) {
			t.Errorf("rule page lacks %q:\n%s", want, out)
		}
	}
	if code != 0 {
		t.Errorf("exit %d", code)
	}
	if code, _, errOut := runCLI(t, "", "rule", "AL999"); code != 2 || !strings.Contains(errOut, "no rule") {
		t.Errorf("unknown rule: %d %q", code, errOut)
	}
	_, out, _ = runCLI(t, "", "rules", "--format", "json")
	var list []map[string]any
	if err := json.Unmarshal([]byte(out), &list); err != nil || len(list) < 4 {
		t.Fatalf("%v %s", err, out)
	}
	if list[0]["code"] != "AL101" || list[0]["family"] != "AL1xx" {
		t.Errorf("%v", list[0])
	}
}

// TestEveryRuleIsDocumented keeps the rule pages complete.
func TestEveryRuleIsDocumented(t *testing.T) {
	_, out, _ := runCLI(t, "", "rules", "--format", "json")
	var list []map[string]any
	json.Unmarshal([]byte(out), &list)
	for _, r := range list {
		_, page, _ := runCLI(t, "", "rule", r["code"].(string))
		if strings.Count(page, "```python") != 2 {
			t.Errorf("%s: page incomplete:\n%s", r["code"], page)
		}
	}
}
