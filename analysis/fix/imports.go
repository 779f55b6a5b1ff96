package fix

import (
	"bytes"
	_ "embed"
	"strings"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/analysis/source"
	"github.com/asynclint/asynclint/analysis/syntax"
)

// ImportModule returns the name under which code at node use can refer to
// module, and the edit that adds "import module" when the file lacks it
// (see importEdit for where). ok is false when no name works: the module's
// name is bound to something else where it would be used.
func ImportModule(f *semantic.File, use syntax.NodeID, module string) (name string, edit *analysis.TextEdit, ok bool) {
	scope := f.ScopeOf(use)
	if name := f.ModuleImportName(module); name != "" {
		if f.NameOwner(scope, name) == 0 {
			return name, nil, true
		}
		return "", nil, false
	}
	if f.Binds(scope, module) {
		return "", nil, false
	}
	return module, importEdit(f.Tree, module), true
}

// ImportedName returns the name under which the module imports qualified
// ("to_thread" for "from anyio import to_thread"), when code at node use
// sees that import; else "".
func ImportedName(f *semantic.File, use syntax.NodeID, qualified string) string {
	name := f.ModuleImportName(qualified)
	if name == "" || f.NameOwner(f.ScopeOf(use), name) != 0 {
		return ""
	}
	return name
}

//go:embed stdlib.txt
var stdlibText string

// stdlib holds the top-level modules of the standard library.
var stdlib = func() map[string]bool {
	m := map[string]bool{}
	for _, line := range strings.Split(stdlibText, "\n") {
		if line != "" && !strings.HasPrefix(line, "#") {
			m[line] = true
		}
	}
	return m
}()

// An importSection is where isort's and ruff's default profile put an
// import: __future__ imports, then the standard library, then the rest,
// then relative imports.
type importSection int

const (
	futureSection importSection = iota
	stdlibSection
	otherSection
	relativeSection
)

// importKey orders import statements as isort's default profile does:
// by section, plain "import m" before "from m import n" within one, then
// by module name, ignoring case.
type importKey struct {
	section importSection
	from    bool
	module  string
}

func (a importKey) less(b importKey) bool {
	if a.section != b.section {
		return a.section < b.section
	}
	if a.from != b.from {
		return !a.from
	}
	return a.module < b.module
}

func sectionOf(module string) importSection {
	switch head, _, _ := strings.Cut(module, "."); {
	case module == "__future__":
		return futureSection
	case strings.HasPrefix(module, "."):
		return relativeSection
	case stdlib[head]:
		return stdlibSection
	}
	return otherSection
}

// keyOf returns the sort key of an import statement.
func keyOf(t *syntax.Tree, stmt syntax.NodeID) importKey {
	k := t.Kind(stmt)
	if k == syntax.FutureImportStatement {
		return importKey{section: futureSection, from: true, module: "__future__"}
	}
	var name syntax.NodeID
	if k == syntax.ImportStatement {
		name = t.NamedChild(stmt, 0)
		if t.Kind(name) == syntax.AliasedImport {
			name = t.ChildByField(name, syntax.FieldName)
		}
	} else {
		name = t.ChildByField(stmt, syntax.FieldModuleName)
	}
	module := strings.Join(strings.Fields(t.Text(name)), "")
	return importKey{section: sectionOf(module), from: k != syntax.ImportStatement, module: strings.ToLower(module)}
}

// importEdit returns the edit that adds "import module" to the imports at
// the top of the file where an import sorter (isort, ruff's I001) with its
// default settings would put it: in the module's section (the standard
// library, or the third-party one), among that section's plain imports
// in alphabetical order, before its "from" imports; a new section gets a
// blank line between it and the next. A file without imports gets it after
// its leading comments, docstring and __future__ imports, followed by the
// blank lines an import sorter leaves before code.
func importEdit(t *syntax.Tree, module string) *analysis.TextEdit {
	key := importKey{section: sectionOf(module), module: strings.ToLower(module)}
	text := "import " + module + "\n"
	imports, at := topImports(t)
	pinned := pinnedLinesEnd(t)
	at = max(at, pinned)
	var prev syntax.NodeID = syntax.NoNode
	for _, stmt := range imports {
		next := keyOf(t, stmt)
		if key.less(next) {
			start, ok := lineStartBefore(t, stmt)
			if !ok {
				break
			}
			start = max(start, pinned)
			if next.section != key.section && (prev == syntax.NoNode || keyOf(t, prev).section != key.section) {
				text += "\n" // a section of its own
			}
			return &analysis.TextEdit{Start: start, End: start, NewText: text}
		}
		prev = stmt
	}
	if prev != syntax.NoNode {
		at = t.LineStart(t.LineOf(int(t.Nodes[prev].End)) + 1)
		if keyOf(t, prev).section != key.section {
			text = "\n" + text
		}
	} else {
		text += blankLinesNeeded(t, at)
	}
	if src := t.Src; at == len(src) && at > 0 && src[at-1] != '\n' {
		text = "\n" + text
	}
	return &analysis.TextEdit{Start: at, End: at, NewText: text}
}

// pinnedLinesEnd returns the offset after the lines that only work where
// they are: a shebang on line 1, and a coding declaration on line 1 or 2.
// Nothing may be inserted above it.
func pinnedLinesEnd(t *syntax.Tree) int {
	end := 0
	if bytes.HasPrefix(t.Src, []byte("#!")) {
		end = t.LineStart(2)
	}
	if line := source.CodingLine(t.Src); line > 0 {
		end = max(end, t.LineStart(line+1))
	}
	return end
}

// topImports returns the import statements at the top of the module,
// before its first other statement, and the offset after its leading
// comments and docstring, where imports would start.
func topImports(t *syntax.Tree) ([]syntax.NodeID, int) {
	var imports []syntax.NodeID
	at, statements := 0, 0
	lineAfter := func(id syntax.NodeID) int { return t.LineStart(t.LineOf(int(t.Nodes[id].End)) + 1) }
	for c := range t.Children(0) {
		switch k := t.Kind(c); {
		case k == syntax.Comment:
			if statements == 0 && at == int(t.Nodes[c].Start) {
				at = lineAfter(c) // shebang, coding line, licence header
			}
			continue
		case k == syntax.ImportStatement || k == syntax.ImportFromStatement || k == syntax.FutureImportStatement:
			imports = append(imports, c)
		case k == syntax.ExpressionStatement && statements == 0 && isDocstring(t, c):
			at = lineAfter(c)
		default:
			return imports, at
		}
		statements++
	}
	return imports, at
}

// lineStartBefore returns the start of the line of stmt, or of the
// comment lines right above it, which belong to it; ok is false when
// stmt does not start its line.
func lineStartBefore(t *syntax.Tree, stmt syntax.NodeID) (int, bool) {
	if _, ok := StatementIndent(t, stmt); !ok {
		return 0, false
	}
	line := t.LineOf(int(t.Nodes[stmt].Start))
	for line > 1 && strings.HasPrefix(strings.TrimSpace(t.LineText(line-1)), "#") {
		line--
	}
	return t.LineStart(line), true
}

// blankLinesNeeded returns the newlines that make the blank lines after a
// first import at offset at what isort leaves before code: two before a
// def or class, one before anything else.
func blankLinesNeeded(t *syntax.Tree, at int) string {
	want := 1
	var next syntax.NodeID = syntax.NoNode
	for c := range t.NamedChildren(0) {
		if int(t.Nodes[c].Start) >= at {
			next = c
			break
		}
	}
	if next == syntax.NoNode {
		return ""
	}
	switch t.Kind(next) {
	case syntax.FunctionDefinition, syntax.ClassDefinition, syntax.DecoratedDefinition:
		want = 2
	case syntax.Comment:
		return "" // a comment ends the header or begins the code: leave it as it is
	}
	blank := 0
	for line := t.LineOf(at); line < t.LineOf(int(t.Nodes[next].Start)); line++ {
		if strings.TrimSpace(t.LineText(line)) == "" {
			blank++
		}
	}
	return strings.Repeat("\n", max(want-blank, 0))
}

func isDocstring(t *syntax.Tree, stmt syntax.NodeID) bool {
	first := t.FirstChild(stmt)
	return first != syntax.NoNode && t.Kind(first) == syntax.String && t.NextSibling(first) == syntax.NoNode
}

// UnusedImports returns the edits that delete the imports that edits turned
// unused: those of after (the file once fixed) that bind one name, had a
// use in before (the file as it was) and have none now. It keeps an import
// that anything could still reach by name: one listed in __all__ or
// spelled in a string, whose name another statement binds too, or any in a
// module that defines __getattr__ or calls globals(), locals(), vars(),
// eval() or exec(). It keeps one that is alone in its block, or shares its
// line with another statement.
func UnusedImports(before, after *semantic.File) []analysis.TextEdit {
	used := map[string]bool{}
	for _, imp := range singleImports(before) {
		if imp.uses > 0 {
			used[imp.key] = true
		}
	}
	if len(used) == 0 || reachesNamesDynamically(after) {
		return nil
	}
	t := after.Tree.Whole()
	spelled := stringsSpelled(t)
	var edits []analysis.TextEdit
	for _, imp := range singleImports(after) {
		if imp.uses > 0 || !used[imp.key] || spelled[imp.name] || imp.bindings > 1 {
			continue
		}
		stmt, block := imp.stmt, t.Parent(imp.stmt)
		if block != 0 && statementCount(t, block) == 1 {
			continue
		}
		if edit, ok := DeleteLines(t, stmt, int(t.Nodes[stmt].End)); ok && !t.HasComment(block, edit.Start, edit.End) {
			edits = append(edits, withSeparator(t, edit, block != 0 && t.NamedChild(block, 0) == stmt))
		}
	}
	return edits
}

// withSeparator extends the deletion of whole lines over the blank line
// after them when a blank line precedes them, so that an import that was a
// section of its own takes the blank line that set it apart; at the start
// of the file or of a block, over all the blank lines after it.
func withSeparator(t *syntax.Tree, edit analysis.TextEdit, startsBlock bool) analysis.TextEdit {
	starts := edit.Start == 0 || startsBlock
	if !starts && strings.TrimSpace(t.LineText(t.LineOf(edit.Start)-1)) != "" {
		return edit
	}
	for edit.End < len(t.Src) {
		line := t.LineOf(edit.End)
		if strings.TrimSpace(t.LineText(line)) != "" {
			break
		}
		edit.End = t.LineStart(line + 1)
		if !starts {
			break
		}
	}
	return edit
}

// statementCount counts the statements of a block, comments aside.
func statementCount(t *syntax.Tree, block syntax.NodeID) int {
	n := 0
	for c := range t.NamedChildren(block) {
		if t.Kind(c) != syntax.Comment {
			n++
		}
	}
	return n
}

// singleImport is an import statement that binds one name.
type singleImport struct {
	stmt     syntax.NodeID
	name     string
	key      string // the name, what it stands for and the statement's text
	uses     int    // reads of the name outside the statement
	bindings int    // bindings of the name in the whole file
}

func singleImports(f *semantic.File) []singleImport {
	t := f.Tree.Whole()
	counts := map[string]int{}
	for i := range f.Bindings {
		counts[f.Bindings[i].Name]++
	}
	var out []singleImport
	for i := range f.Bindings {
		b := &f.Bindings[i]
		if b.Kind != semantic.ImportBinding {
			continue
		}
		stmt := t.Parent(b.Node)
		if t.Kind(stmt) == syntax.AliasedImport {
			stmt = t.Parent(stmt)
		}
		if k := t.Kind(stmt); k != syntax.ImportStatement && k != syntax.ImportFromStatement || bindsMore(t, stmt) {
			continue
		}
		imp := singleImport{stmt: stmt, name: b.Name, key: b.Name + "\x00" + b.Qualified + "\x00" + t.Text(stmt),
			bindings: counts[b.Name]}
		for use := range f.Uses(semantic.BindingID(i)) {
			if !inImport(t, use) {
				imp.uses++
			}
		}
		out = append(out, imp)
	}
	return out
}

// inImport reports whether the identifier id is part of an import
// statement, where it names a module or what is imported, not a use.
func inImport(t *syntax.Tree, id syntax.NodeID) bool {
	for p := t.Parent(id); p != syntax.NoNode; p = t.Parent(p) {
		switch t.Kind(p) {
		case syntax.ImportStatement, syntax.ImportFromStatement, syntax.FutureImportStatement:
			return true
		case syntax.DottedName, syntax.AliasedImport:
		default:
			return false
		}
	}
	return false
}

// bindsMore reports whether an import statement binds more than one name
// (or imports *).
func bindsMore(t *syntax.Tree, stmt syntax.NodeID) bool {
	names := 0
	for c := range t.NamedChildren(stmt) {
		if c == t.ChildByField(stmt, syntax.FieldModuleName) || t.Kind(c) == syntax.Comment {
			continue
		}
		if t.Kind(c) == syntax.WildcardImport {
			return true
		}
		names++
	}
	return names != 1
}

// reachesNamesDynamically reports whether a module may look its names up
// at run time: it defines __getattr__ or calls a builtin that reads or
// runs its namespace.
func reachesNamesDynamically(f *semantic.File) bool {
	t := f.Tree.Whole()
	for id := range t.OfKind(syntax.Identifier) {
		switch t.TextView(id) {
		case "__getattr__":
			return true
		case "globals", "locals", "vars", "eval", "exec":
			if f.IsBuiltin(id) {
				return true
			}
		}
	}
	return false
}

// stringsSpelled returns the names the string literals of a file spell, as
// a whole ("sleep" in __all__) or as the start of a dotted name
// ("time.struct_time" in an annotation).
func stringsSpelled(t *syntax.Tree) map[string]bool {
	spelled := map[string]bool{}
	for id := range t.OfKind(syntax.String) {
		text := t.Text(id)
		text = strings.Trim(strings.TrimLeft(text, "rRbBuUfF"), `'"`)
		head, _, _ := strings.Cut(text, ".")
		spelled[head] = true
	}
	return spelled
}
