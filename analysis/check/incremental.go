package check

import (
	"bytes"
	"reflect"
	"slices"
	"sort"
	"strings"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/config"
	"github.com/asynclint/asynclint/analysis/project"
	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/analysis/source"
	"github.com/asynclint/asynclint/analysis/syntax"
)

// A check of a text is reused for the next text of the same file by its
// top-level statements. A statement's findings depend on the statement
// and on what it sees of the rest of the module: the names the module
// binds and the facts the project gives of the functions it calls. When
// an edit leaves the module's imports alone, the findings of the
// statements it did not touch are kept, moved with their statements, and
// the rules run only over the statements it changed
// (syntax.Tree.Within) and over those that spell a name whose meaning it
// changed: bound otherwise, or naming a function or class whose summary
// or facts changed (a helper that no longer blocks changes the facts of
// the functions that call it, and those of their callers). A finding
// that cannot simply move is found again, by running the rules over its
// statement too: one with a fix or a related location in the edited
// text, whose message cites a line that moved, or whose fix binds a fresh
// name when the edit binds a name. So are the statements that bind a name
// the edit spells, since a definition's findings may depend on its uses.
// What rules report from the whole file (analysis.Rule.Whole) is found
// again in every check. A statement the edit did not touch is one whose
// text is the same and, where either text has syntax errors, whose nodes
// are the same too: tree-sitter's error recovery may parse the same text
// otherwise by what is around it. Findings inside a part that does not
// parse are dropped after, in the check that reuses as in a whole one.

// A baseline is what a later check of the same file may reuse.
type baseline struct {
	tree     *syntax.Tree
	rules    []*analysis.Rule
	settings *config.Settings
	summary  *project.Summary // nil for a file checked on its own
	view     *project.View    // the project the check saw; nil likewise
	bindings []semantic.InterfaceBinding
	raw      []analysis.Diagnostic // what the rules' Run found, before filtering
}

// A reuse is what a check keeps of its baseline: the findings moved into
// the new text, and the statements over which the rules run again.
type reuse struct {
	kept  []analysis.Diagnostic
	spans [][2]syntax.NodeID // the statements' nodes in the new tree
	bytes [][2]int           // and their text
}

// regions returns the boundaries of the top-level statements of t: the
// first from 0, each other from its start, and last the end of the text.
func regions(t *syntax.Tree) (bounds []int, nodes []syntax.NodeID) {
	bounds = []int{0}
	for c := t.FirstChild(0); c != syntax.NoNode; c = t.NextSibling(c) {
		if len(nodes) > 0 {
			bounds = append(bounds, int(t.Nodes[c].Start))
		}
		nodes = append(nodes, c)
	}
	return append(bounds, len(t.Src)), nodes
}

// reuse returns what the check of file, whose module's bindings are
// bindings and which view shows, can keep of b; nil when the rules must
// run over the whole file.
func (b *baseline) reuse(file *semantic.File, bindings []semantic.InterfaceBinding, view *project.View, rules []*analysis.Rule, settings *config.Settings) *reuse {
	tree := file.Tree
	if b == nil || settings != b.settings || !slices.Equal(rules, b.rules) ||
		(view == nil) != (b.summary == nil) || source.FirstNewline(tree.Src) == "\r\n" {
		return nil
	}
	oldB, oldNodes := regions(b.tree)
	newB, newNodes := regions(tree)
	if len(oldNodes) == 0 || len(newNodes) == 0 {
		return nil
	}
	oldSrc, newSrc := b.tree.Src, tree.Src
	region := func(bs []int, src []byte, k int) []byte { return src[bs[k]:bs[k+1]] }
	p := 0
	for p < len(oldNodes) && p < len(newNodes) && bytes.Equal(region(oldB, oldSrc, p), region(newB, newSrc, p)) {
		p++
	}
	s := 0
	for s < len(oldNodes)-p && s < len(newNodes)-p &&
		bytes.Equal(region(oldB, oldSrc, len(oldNodes)-1-s), region(newB, newSrc, len(newNodes)-1-s)) {
		s++
	}
	if (tree.HasError() || b.tree.HasError()) && !sameStatements(b.tree, tree, oldNodes, newNodes, p, s) {
		return nil
	}
	oldLo, oldHi := oldB[p], oldB[len(oldNodes)-s]
	newHi := newB[len(newNodes)-s]
	delta := newHi - oldHi
	if containsGlobal(b.tree, oldNodes[p:len(oldNodes)-s]) || containsGlobal(tree, newNodes[p:len(newNodes)-s]) {
		return nil
	}
	m := &move{lo: oldLo, hi: oldHi, delta: delta, loLine: b.tree.Position(oldLo).Line, hiLine: b.tree.Position(oldHi).Line,
		lineDelta: tree.Position(newHi).Line - b.tree.Position(oldHi).Line}
	// The module-level names the edit binds, and those whose meaning
	// changed for the statements outside it: bound otherwise, or naming
	// a function or class whose facts changed.
	changed := changedNames(b.bindings, bindings, oldLo, oldHi, newHi)
	stale := rebound(b.bindings, bindings, oldLo, oldHi, newHi)
	if view != nil {
		m.path = view.Summary().Path
		if !sameModule(b.summary, view.Summary()) || !m.refacted(b.view, view, stale) {
			return nil
		}
		redefined(b.summary, view.Summary(), changed, stale)
	}
	moved := m.lineDelta != 0

	// The statements of the new text to check again: those the edit
	// changed, those that spell a name whose meaning changed, and those
	// with a finding that cannot move.
	again := make([]bool, len(newNodes))
	for k := p; k < len(newNodes)-s; k++ {
		again[k] = true
	}
	statementAt := func(at int) int { return sort.Search(len(newNodes), func(k int) bool { return newB[k+1] > at }) }
	// What a name bound to a value that spells them stands for may have
	// changed with them, even where the edit bound both.
	semantic.Spread(bindings)(stale)
	if len(stale) > maxStale {
		return nil
	}
	// A statement that spells such a name only as a local is left alone.
	for name := range stale {
		asked := -1 // the statement last asked about name
		for at := range source.Occurrences(newSrc, name) {
			if k := statementAt(at); (at < oldLo || at >= newHi) && !again[k] && k != asked {
				again[k], asked = file.SpellsFree(newNodes[k], name), k
			}
		}
	}
	if count(again) > len(again)/2 {
		return nil // most of the file: a whole check costs no more
	}
	// What a definition's findings say may depend on its uses: whether a
	// coroutine function is awaited, run as a task. A statement that binds
	// a name the edit spells, or spelled, is checked again.
	words := map[string]bool{}
	source.Words(oldSrc[oldLo:oldHi], words)
	source.Words(newSrc[oldLo:newHi], words)
	for _, mb := range bindings {
		if at := int(mb.At); (at < oldLo || at >= newHi) && words[mb.Name] {
			again[statementAt(at)] = true
		}
	}
	// statement returns the statement of an old finding outside the
	// edit, in the old text and in the new.
	statement := func(d *analysis.Diagnostic) (old, now int) {
		old = min(sort.Search(len(oldNodes), func(k int) bool { return oldB[k+1] > d.Start }), len(oldNodes)-1)
		if d.Start >= oldHi {
			return old, old + len(newNodes) - len(oldNodes)
		}
		return old, old
	}
	for i := range b.raw {
		d := &b.raw[i]
		if d.Start >= oldLo && d.Start < oldHi {
			continue
		}
		old, now := statement(d)
		if d.Rule == nil || d.End > oldB[old+1] || !m.movesFix(d.Fix) || !m.movesRelated(d.Related) ||
			d.Rule.CitesLines && moved && d.Start >= oldHi || d.Rule.FreshNames && d.Fix != nil && len(changed) > 0 {
			again[now] = true
		}
	}
	r := &reuse{}
	for i := range b.raw {
		d := b.raw[i]
		if d.Start >= oldLo && d.Start < oldHi {
			continue
		}
		if _, now := statement(&d); again[now] {
			continue
		}
		if d.Start >= oldHi {
			d.Start += delta
			d.End += delta
		}
		d.Fix, d.Related = m.fix(d.Fix), m.related(d.Related)
		r.kept = append(r.kept, d)
	}
	for k, yes := range again {
		if !yes {
			continue
		}
		span := [2]syntax.NodeID{newNodes[k], tree.Nodes[newNodes[k]].After}
		text := [2]int{newB[k], newB[k+1]}
		if n := len(r.spans); n > 0 && r.spans[n-1][1] == span[0] {
			r.spans[n-1][1], r.bytes[n-1][1] = span[1], text[1]
			continue
		}
		r.spans, r.bytes = append(r.spans, span), append(r.bytes, text)
	}
	return r
}

// sameStatements reports whether the first p and the last s top-level
// statements of old and now, whose texts are the same, are the same
// nodes. Where a tree has errors, the same text need not parse the same:
// tree-sitter's error recovery reads it by what is around it.
func sameStatements(old, now *syntax.Tree, oldNodes, newNodes []syntax.NodeID, p, s int) bool {
	// first returns the first node of statement k, or the end of the nodes.
	first := func(t *syntax.Tree, nodes []syntax.NodeID, k int) syntax.NodeID {
		if k == len(nodes) {
			return syntax.NodeID(len(t.Nodes))
		}
		return nodes[k]
	}
	oldEnd, newEnd := first(old, oldNodes, p), first(now, newNodes, p)
	oldFrom, newFrom := first(old, oldNodes, len(oldNodes)-s), first(now, newNodes, len(newNodes)-s)
	return oldEnd == newEnd && old.SameNodes(1, oldEnd, now, 1) &&
		len(old.Nodes)-int(oldFrom) == len(now.Nodes)-int(newFrom) && old.SameNodes(oldFrom, syntax.NodeID(len(old.Nodes)), now, newFrom)
}

// A move says how the text outside an edit moved: bytes lo to hi, lines
// loLine to hiLine, of the old text were replaced, moving what followed
// by delta bytes and lineDelta lines.
type move struct {
	lo, hi         int
	delta          int
	loLine, hiLine int
	lineDelta      int
	path           string // the file's, as related locations name it
}

// movesFix reports whether fix, if any, edits only text outside the edit.
func (m *move) movesFix(fix *analysis.Fix) bool {
	if fix == nil {
		return true
	}
	for _, e := range fix.Edits {
		if e.End > m.lo && e.Start < m.hi {
			return false
		}
	}
	return true
}

// fix returns fix moved with the text.
func (m *move) fix(fix *analysis.Fix) *analysis.Fix {
	if fix == nil || m.delta == 0 {
		return fix
	}
	moved := *fix
	moved.Edits = slices.Clone(fix.Edits)
	for i := range moved.Edits {
		if moved.Edits[i].Start >= m.hi {
			moved.Edits[i].Start += m.delta
			moved.Edits[i].End += m.delta
		}
	}
	return &moved
}

// movesRelated reports whether the related locations in the file lie on
// lines outside the edit.
func (m *move) movesRelated(related []analysis.Related) bool {
	for _, r := range related {
		if r.Path == m.path && r.End.Line >= m.loLine && r.Start.Line <= m.hiLine {
			return false
		}
	}
	return true
}

// related returns related moved with the text.
func (m *move) related(related []analysis.Related) []analysis.Related {
	if m.lineDelta == 0 || !slices.ContainsFunc(related, func(r analysis.Related) bool { return r.Path == m.path && r.Start.Line > m.hiLine }) {
		return related
	}
	moved := slices.Clone(related)
	for i := range moved {
		if r := &moved[i]; r.Path == m.path && r.Start.Line > m.hiLine {
			r.Start.Line += m.lineDelta
			r.End.Line += m.lineDelta
		}
	}
	return moved
}

// within reports whether diagnostic d starts in one of spans of text.
func (r *reuse) within(d *analysis.Diagnostic) bool {
	i := sort.Search(len(r.bytes), func(i int) bool { return r.bytes[i][1] > d.Start })
	return i < len(r.bytes) && r.bytes[i][0] <= d.Start || i == len(r.bytes) && i > 0 && d.Start == r.bytes[i-1][1]
}

// containsGlobal reports whether a global statement, which binds names of
// the module from a function, is among nodes or their subtrees.
func containsGlobal(t *syntax.Tree, nodes []syntax.NodeID) bool {
	if len(nodes) == 0 {
		return false
	}
	for range t.Within([][2]syntax.NodeID{{nodes[0], t.Nodes[nodes[len(nodes)-1]].After}}).OfKind(syntax.GlobalStatement) {
		return true
	}
	return false
}

// rebound returns the module-level names that the edited text binds
// otherwise, before (old, from oldLo to oldHi) and after (now, from oldLo
// to newHi).
func rebound(old, now []semantic.InterfaceBinding, oldLo, oldHi, newHi int) map[string]bool {
	within := func(bs []semantic.InterfaceBinding, lo, hi int) []semantic.InterfaceBinding {
		var out []semantic.InterfaceBinding
		for _, b := range bs {
			if int(b.At) >= lo && int(b.At) < hi {
				out = append(out, b)
			}
		}
		return out
	}
	return semantic.Rebound(within(old, oldLo, oldHi), within(now, oldLo, newHi))
}

// changedNames returns the module-level names that the edited text binds,
// before (old, from oldLo to oldHi) and after (now, from oldLo to newHi).
func changedNames(old, now []semantic.InterfaceBinding, oldLo, oldHi, newHi int) map[string]bool {
	names := map[string]bool{}
	for _, b := range old {
		if int(b.At) >= oldLo && int(b.At) < oldHi {
			names[b.Name] = true
		}
	}
	for _, b := range now {
		if int(b.At) >= oldLo && int(b.At) < newHi {
			names[b.Name] = true
		}
	}
	return names
}

// sameModule reports whether the summaries of a module before and after
// an edit agree on what belongs to the module as a whole: its name, its
// imports, its star imports and __all__.
func sameModule(old, now *project.Summary) bool {
	return old == now || old.Module == now.Module && old.Path == now.Path && old.Package == now.Package &&
		reflect.DeepEqual(old.Imports, now.Imports) && slices.Equal(old.StarImports, now.StarImports) && slices.Equal(old.All, now.All)
}

// redefined adds to stale the names of the functions and classes whose
// summaries differ, locations aside, before and after an edit. Only those
// of the names the edit binds (changed) may differ: the others come from
// statements it left alone.
func redefined(old, now *project.Summary, changed, stale map[string]bool) {
	if old == now {
		return
	}
	compare := func(name string) {
		if head, _, _ := strings.Cut(name, "."); changed[head] && !stale[head] && !sameFunction(old.Functions[name], now.Functions[name]) {
			stale[head] = true
		}
	}
	for name := range old.Functions {
		compare(name)
	}
	for name := range now.Functions {
		if old.Functions[name] == nil {
			compare(name)
		}
	}
	for name := range changed {
		if !reflect.DeepEqual(old.Classes[name], now.Classes[name]) {
			stale[name] = true
		}
	}
}

// refacted adds to stale the names of the functions of the module whose
// facts in the project differ, their moved locations aside, between the
// views before (old) and after (now) an edit, as when a helper another
// calls no longer blocks. It reports false when other facts may differ.
func (m *move) refacted(old, now *project.View, stale map[string]bool) bool {
	names, ok := old.Refacted(now, m.sameFacts)
	for _, name := range names {
		head, _, _ := strings.Cut(name, ".")
		stale[head] = true
	}
	return ok
}

// sameFacts reports whether a, the facts of a function before the edit,
// are b, after it, once the locations in the file are moved with the
// text.
func (m *move) sameFacts(a, b *project.Facts) bool {
	if a == nil || b == nil {
		return a == b
	}
	if a.Name != b.Name || a.Async != b.Async || a.AsyncGen != b.AsyncGen || a.Wrapped != b.Wrapped ||
		a.Generator != b.Generator || a.NoCleanup != b.NoCleanup || !slices.Equal(a.Params, b.Params) ||
		!slices.Equal(a.Requires, b.Requires) || len(a.Chain) != len(b.Chain) {
		return false
	}
	for i, hop := range a.Chain {
		if hop.Path == m.path && hop.Start.Line > m.hiLine {
			hop.Start.Line += m.lineDelta
			hop.End.Line += m.lineDelta
		}
		if hop != b.Chain[i] {
			return false
		}
	}
	return true
}

// sameFunction reports whether a and b are the same facts, locations
// aside.
func sameFunction(a, b *project.Function) bool {
	if a == nil || b == nil {
		return a == b
	}
	return reflect.DeepEqual(unlocated(a), unlocated(b))
}

// unlocated returns a copy of fn without locations.
func unlocated(fn *project.Function) project.Function {
	c := *fn
	c.Loc = project.Location{}
	c.Blocking = slices.Clone(fn.Blocking)
	for i := range c.Blocking {
		c.Blocking[i].Loc = project.Location{}
	}
	c.Calls = slices.Clone(fn.Calls)
	for i := range c.Calls {
		c.Calls[i].Loc = project.Location{}
	}
	return c
}

// maxStale bounds the names whose meaning an edit changed that a check
// looks for in the text, each in one search: past it, they are spelled
// in most statements, and the whole file is checked.
const maxStale = 64

// count returns how many of marks are set.
func count(marks []bool) int {
	n := 0
	for _, yes := range marks {
		if yes {
			n++
		}
	}
	return n
}
