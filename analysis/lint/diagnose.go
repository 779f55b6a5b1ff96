package lint

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"unicode/utf8"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/config"
	"github.com/asynclint/asynclint/analysis/report"
	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/analysis/syntax"
)

// EnabledRules returns the rules among all that cfg enables for path.
func EnabledRules(cfg *config.Config, all []*analysis.Rule, path string) []*analysis.Rule {
	var rules []*analysis.Rule
	for _, r := range all {
		if cfg.Enabled(r.Code, r.Default, path) {
			rules = append(rules, r)
		}
	}
	return rules
}

// Diagnose runs rules over file (a module of its Project, if set) with
// cfg's settings and returns the diagnostics that remain after noqa
// comments and the parts of the file that do not parse are taken out. A
// skip-file comment is the caller's to honour.
func Diagnose(file *semantic.File, cfg *config.Config, rules []*analysis.Rule) []analysis.Diagnostic {
	settings := cfg.Settings
	return filter(file.Tree, analysis.CheckFile(file, rules, &settings), analysis.ParseSuppressions(file.Tree))
}

// A Note is a problem with the file itself at a byte offset.
type Note struct {
	Offset  int
	Message string
}

// SyntaxNotes returns the notes about a file's syntax: invalid UTF-8, and
// the first part that does not parse.
func SyntaxNotes(tree *syntax.Tree) []Note {
	var notes []Note
	if !utf8.Valid(tree.Src) {
		notes = append(notes, Note{invalidUTF8Offset(tree.Src), "file is not valid UTF-8; Python will refuse to import it"})
	}
	if e := tree.FirstError(); e != syntax.NoNode {
		notes = append(notes, Note{int(tree.Nodes[e].Start), syntaxErrorMessage(tree, e)})
	}
	return notes
}

// filter drops diagnostics silenced by noqa comments and those inside a
// part of the file that does not parse, where the tree is a guess.
func filter(t *syntax.Tree, diags []analysis.Diagnostic, supp *analysis.Suppressions) []analysis.Diagnostic {
	if len(diags) == 0 {
		return diags
	}
	var broken [][2]int
	for i := range t.Nodes {
		if n := &t.Nodes[i]; n.IsError() {
			broken = append(broken, [2]int{int(n.Start), int(n.End)})
		}
	}
	kept := diags[:0]
next:
	for _, d := range diags {
		if d.Rule != nil && supp.Suppressed(d.Rule, t.LineOf(d.Start)) {
			continue
		}
		for _, b := range broken {
			if b[0] <= d.Start && d.Start < b[1] {
				continue next
			}
		}
		kept = append(kept, d)
	}
	return kept
}

// syntaxErrorMessage describes the first unparsable part of a file.
func syntaxErrorMessage(t *syntax.Tree, e syntax.NodeID) string {
	n := &t.Nodes[e]
	if n.IsMissing() {
		return fmt.Sprintf("cannot parse: expected %q; checks inside the broken part are skipped", t.Kind(e).String())
	}
	text := t.Text(e)
	if i := bytes.IndexAny([]byte(text), "\r\n"); i >= 0 {
		text = text[:i]
	}
	if len(text) > 40 {
		text = text[:40] + "..."
	}
	return fmt.Sprintf("cannot parse: unexpected %q; checks inside the broken part are skipped", text)
}

func invalidUTF8Offset(src []byte) int {
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return 0
}

func sortFindings(fs []report.Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := &fs[i], &fs[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Start.Line != b.Start.Line {
			return a.Start.Line < b.Start.Line
		}
		if a.Start.Column != b.Start.Column {
			return a.Start.Column < b.Start.Column
		}
		return a.Code < b.Code
	})
}

// writeAtomic replaces path by a file with data, so that an interrupted
// run never leaves a half-written source file.
func writeAtomic(path string, data []byte, perm os.FileMode) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".asynclint-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(perm); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// errNUL rejects sources with NUL bytes, which CPython refuses too.
var errNUL = errors.New("file contains a NUL byte: not Python source; skipped")
