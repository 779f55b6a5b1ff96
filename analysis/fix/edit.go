// Package fix builds and applies the edits of fixes: inserting await,
// adding an import where an import sorter would put it, choosing a fresh
// name, deleting an argument or a line.
package fix

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/config"
	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/analysis/syntax"
)

// Apply applies as many of the fixes as can be applied together: a fix
// whose edits overlap an edit already accepted is left for a later round.
// It returns the new source and how many fixes were applied.
func Apply(src []byte, fixes []*analysis.Fix) ([]byte, int) {
	var accepted []analysis.TextEdit // sorted by Start
	applied := 0
	for _, fix := range fixes {
		if fix == nil || !validEdits(fix.Edits, len(src)) || overlapsAny(fix.Edits, accepted) {
			continue
		}
		for _, e := range fix.Edits {
			i := sort.Search(len(accepted), func(i int) bool { return accepted[i].Start > e.Start })
			accepted = slices.Insert(accepted, i, e)
		}
		applied++
	}
	var b strings.Builder
	b.Grow(len(src))
	pos := 0
	for _, e := range accepted {
		b.Write(src[pos:e.Start])
		b.WriteString(e.NewText)
		pos = e.End
	}
	b.Write(src[pos:])
	return []byte(b.String()), applied
}

func validEdits(edits []analysis.TextEdit, size int) bool {
	for i, e := range edits {
		if e.Start < 0 || e.End < e.Start || e.End > size {
			return false
		}
		for _, o := range edits[:i] {
			if overlap(e, o) {
				return false
			}
		}
	}
	return len(edits) > 0
}

// overlapsAny reports whether one of edits overlaps one of accepted,
// which are sorted by Start and overlap none of each other: only the
// edits on either side of where one would go can overlap it, so that a
// fix is checked in logarithmic time, not in time linear in the fixes
// accepted before it.
func overlapsAny(edits, accepted []analysis.TextEdit) bool {
	for _, e := range edits {
		i := sort.Search(len(accepted), func(i int) bool { return accepted[i].Start >= e.Start })
		if i > 0 && overlap(e, accepted[i-1]) || i < len(accepted) && overlap(e, accepted[i]) {
			return true
		}
	}
	return false
}

// overlap reports whether two edits touch the same text; two insertions at
// the same offset also conflict, since their order would be arbitrary.
func overlap(a, b analysis.TextEdit) bool {
	return a.Start < b.End && b.Start < a.End || a.Start == b.Start
}

// StatementIndent returns the indentation of the line on which statement id
// starts, and whether the statement is the first thing on that line (a
// rewrite that adds lines needs that).
func StatementIndent(t *syntax.Tree, id syntax.NodeID) (string, bool) {
	start := int(t.Nodes[id].Start)
	lineStart := t.LineStart(t.LineOf(start))
	prefix := t.Src[lineStart:start]
	for _, b := range prefix {
		if b != ' ' && b != '\t' {
			return "", false
		}
	}
	return string(prefix), true
}

// FreshName returns base, or base with a numeric suffix, such that no
// identifier in the subtree of scopeNode (or visible to it) is spelled that
// way, so a name the fix introduces cannot capture or shadow another. A
// name a star import may bring is taken only when the subtree does not
// spell it: every name may be, and the new binding shadows it only there.
func FreshName(f *semantic.File, scopeNode syntax.NodeID, base string) string {
	t := f.Tree
	used := map[string]bool{}
	end := t.Nodes[scopeNode].After
	for i := scopeNode; i < end; i++ {
		if t.Kind(i) == syntax.Identifier {
			used[t.Text(i)] = true
		}
	}
	scope := f.OwnedScope(scopeNode)
	for n := 0; ; n++ {
		name := base
		if n > 0 {
			name = fmt.Sprintf("%s%d", base, n)
		}
		if !used[name] && (scope == semantic.NoScope || f.NameOwner(scope, name) == semantic.NoScope) {
			return name
		}
	}
}

// AwaitCall returns the edits that make call an awaited expression: the
// call's text from its start up to offset cut becomes head, and tail is
// added after it. The result is parenthesised where await would otherwise
// bind to less than the call: as the object of an attribute, a subscript or
// a call.
func AwaitCall(t *syntax.Tree, call syntax.NodeID, cut int, head, tail string) []analysis.TextEdit {
	n := &t.Nodes[call]
	parent := n.Parent
	if parent != syntax.NoNode {
		switch pk, f := t.Kind(parent), n.Field; {
		case pk == syntax.Attribute && f == syntax.FieldObject,
			pk == syntax.Subscript && f == syntax.FieldValue,
			pk == syntax.Call && f == syntax.FieldFunction:
			head, tail = "("+head, tail+")"
		}
	}
	edits := []analysis.TextEdit{{Start: int(n.Start), End: cut, NewText: head}}
	if tail != "" {
		edits = append(edits, analysis.TextEdit{Start: int(n.End), End: int(n.End), NewText: tail})
	}
	return edits
}

// CanAwait reports whether an await can be inserted at node id: it runs in
// an async def, directly or through list, set and dict comprehensions
// (nested ones only from Python 3.11). In a generator expression an await
// would turn it into an async generator, and in a class body it is a
// SyntaxError.
func CanAwait(f *semantic.File, id syntax.NodeID, s *config.Settings) bool {
	depth := 0
	for sc := f.ScopeOf(id); sc != semantic.NoScope; sc = f.Scopes[sc].Parent {
		switch scope := &f.Scopes[sc]; scope.Kind {
		case semantic.FunctionScope:
			return scope.Async && (depth <= 1 || s.TargetVersion.AtLeast(3, 11))
		case semantic.ComprehensionScope:
			depth++
		default:
			return false
		}
	}
	return false
}

// Awaited reports whether expression id, parentheses aside, is the operand
// of an await: a fix must not add a second await to it.
func Awaited(t *syntax.Tree, id syntax.NodeID) bool {
	return t.Kind(t.Parent(t.OuterParens(id))) == syntax.Await
}
