package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteWorkspace(t *testing.T) {
	dir := t.TempDir()
	mods, err := writeWorkspace(dir, []int{400, 2000}, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(mods) != 2 {
		t.Fatalf("%d modules, want 2", len(mods))
	}
	for _, m := range mods {
		n := strings.Count(m.text, "\n")
		if n < m.lines || n > m.lines+60 {
			t.Errorf("%s has %d lines, want about %d", m.name, n, m.lines)
		}
		for _, want := range []string{"async def ", "class OrderService", "    time.sleep(", "\"\"\"", "# ", "from app.util import"} {
			if !strings.Contains(m.text, want) {
				t.Errorf("%s has no %q", m.name, want)
			}
		}
		assertPython(t, m.text)
		uses, err := os.ReadFile(filepath.Join(dir, "app", "uses_"+strings.TrimPrefix(m.name, "app.")+".py"))
		if err != nil || !strings.Contains(string(uses), "from "+m.name+" import") {
			t.Errorf("no module imports %s: %v", m.name, err)
		}
		assertPython(t, string(uses))
	}
	for _, name := range []string{"pyproject.toml", "app/__init__.py", "app/util.py", "app/models.py"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Error(err)
		}
	}
}

func TestGeneratorIsSeeded(t *testing.T) {
	a, b := newGenerator(5).module(500), newGenerator(5).module(500)
	if a != b {
		t.Error("the same seed gave two modules")
	}
	if newGenerator(5).module(500) == newGenerator(6).module(500) {
		t.Error("two seeds gave the same module")
	}
}
