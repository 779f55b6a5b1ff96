package analysis

import (
	"bytes"
	"maps"
	"reflect"
	"slices"
	"strings"
	"sync"

	"github.com/asynclint/asynclint/analysis/config"
	"github.com/asynclint/asynclint/analysis/project"
	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/analysis/source"
	"github.com/asynclint/asynclint/analysis/syntax"
)

// A Summarizer computes what the rest of the project needs to know about a
// module: the facts its rules read, through Pass.Project, when they check
// another module. It summarizes the module's top-level statements each on
// its own, so that the summary of an edited text can keep the parts of the
// statements the edit left alone (SummaryMemo). The engine fills in the
// summary's Module, Path and Package.
type Summarizer struct {
	// Module returns what belongs to the module as a whole: its imports,
	// star imports and __all__.
	Module func(f *semantic.File) *project.Summary
	// Statements returns the parts of top-level statements of f, in order.
	Statements func(f *semantic.File, settings *config.Settings, stmts []syntax.NodeID) []*project.Part
}

// Summarize returns the summary of f, reusing what memo, when not nil,
// kept of the last text summarized with it, and keeping this one's parts
// in it for the next.
func (s *Summarizer) Summarize(f *semantic.File, settings *config.Settings, memo *SummaryMemo) *project.Summary {
	stmts := statements(f.Tree)
	if memo == nil {
		return project.Assemble(s.Module(f), s.Statements(f, settings, stmts))
	}
	return memo.summarize(s, f, settings, stmts)
}

// statements returns the top-level statements of t.
func statements(t *syntax.Tree) []syntax.NodeID {
	var out []syntax.NodeID
	for c := t.FirstChild(0); c != syntax.NoNode; c = t.NextSibling(c) {
		if !t.Nodes[c].IsExtra() {
			out = append(out, c)
		}
	}
	return out
}

// A SummaryMemo keeps the parts of the last text of a file that was
// summarized with it, for the summary of the next text to reuse. It is
// safe for concurrent use.
//
// A statement's part depends on its text and on what it sees of the rest
// of the module through the names it spells: how the module and its
// classes bind them (semantic.InterfaceBindings), and what the other
// statements' parts tell of the functions and classes so named
// (project.Part.Interface). The statements before and after an edit keep
// their parts, moved to their new lines, unless they spell a name whose
// bindings or interface the edit changed.
type SummaryMemo struct {
	mu       sync.Mutex
	settings *config.Settings
	stmts    []memoStatement
	bindings []semantic.InterfaceBinding // the last text's
	stars    []string                    // the modules imported with "from m import *"
	tree     *syntax.Tree                // the last text's, which stmts are of
	module   *project.Summary            // what belongs to the last text's module as a whole
	summary  *project.Summary            // the last text's summary, put together from module and the parts
	// The summary before the last, when the last tells its facts but for
	// the locations an edit moved, and how the lines moved.
	moved *project.Summary
	shift project.Shift
}

// Empty reports whether the memo holds no summary yet.
func (m *SummaryMemo) Empty() bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.tree == nil
}

// A memoStatement is a top-level statement of the last text summarized.
type memoStatement struct {
	node       syntax.NodeID
	start, end int // its source, from the start of its line
	line       int // where it starts
	part       *project.Part
	iface      string          // part.Interface()
	words      map[string]bool // the names it spells but as locals (semantic.FreeWords)
}

// summarize returns the summary of f's module, whose top-level statements
// are stmts, and keeps it for the next text. When the module's imports and
// the parts are as before, the summary is the one before: a copy of it,
// since the caller names the module in it, that shares its assembly (see
// project.Summary.SameAssembly).
func (m *SummaryMemo) summarize(s *Summarizer, f *semantic.File, settings *config.Settings, stmts []syntax.NodeID) *project.Summary {
	m.mu.Lock()
	defer m.mu.Unlock()
	old := m.stmts
	parts, unchanged, shift, shifted := m.parts(s, f, settings, stmts)
	module := s.Module(f)
	sameModule := m.summary != nil && reflect.DeepEqual(module, m.module)
	if !unchanged || !sameModule {
		last := m.summary
		if last != nil && sameTargets(old, parts) {
			m.summary = project.Reassemble(last, module, parts)
		} else {
			m.summary = project.Assemble(module, parts)
		}
		m.module, m.moved = module, nil
		if shifted && sameModule {
			m.moved, m.shift = last, shift
		}
	}
	c := *m.summary
	return &c
}

// Moved reports how the lines of the module's text moved between the
// texts last and s summarize, the memo's last two summaries, when s tells
// the facts last does but for the locations the edit moved.
func (m *SummaryMemo) Moved(last, s *project.Summary) (project.Shift, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.moved == nil || !m.moved.Assembled(last) || !m.summary.Assembled(s) {
		return project.Shift{}, false
	}
	return m.shift, true
}

// parts returns the parts of stmts, f's top-level statements, computing
// only those the memo cannot vouch for, keeps them for the next text, and
// reports whether they are those of the last text, or those of the last
// text with their locations moved by shift. The caller holds m.mu.
func (m *SummaryMemo) parts(s *Summarizer, f *semantic.File, settings *config.Settings, stmts []syntax.NodeID) (parts []*project.Part, unchanged bool, shift project.Shift, shifted bool) {
	t := f.Tree
	now := make([]memoStatement, len(stmts))
	for i, stmt := range stmts {
		line := t.Lines().Line(int(t.Nodes[stmt].Start))
		now[i] = memoStatement{node: stmt, start: t.Lines().Start(line), end: int(t.Nodes[stmt].End), line: line}
	}
	bindings := f.InterfaceBindings()
	old := m.stmts
	stars := f.StarImports()
	if settings != m.settings || !slices.Equal(stars, m.stars) {
		// A star import may bind any name the module does not.
		old = nil
	}
	// The statements before the edit and after it are those whose texts
	// begin and end both the old and the new list. Where either text has
	// syntax errors, the same text may parse otherwise: they must also be
	// the same nodes.
	errors := t.HasError() || m.tree != nil && m.tree.HasError()
	same := func(o, n *memoStatement) bool {
		return bytes.Equal(m.tree.Src[o.start:o.end], t.Src[n.start:n.end]) &&
			(!errors || m.tree.SameNodes(o.node, m.tree.Nodes[o.node].After, t, n.node))
	}
	before, after := 0, 0
	for before < len(old) && before < len(now) && same(&old[before], &now[before]) {
		before++
	}
	for after < len(old)-before && after < len(now)-before && same(&old[len(old)-1-after], &now[len(now)-1-after]) {
		after++
	}
	edited := make([]bool, len(now))
	for i := before; i < len(now)-after; i++ {
		edited[i] = true
	}
	compute := func(which []bool) {
		var idx []int
		var some []syntax.NodeID
		for i, yes := range which {
			if yes {
				idx, some = append(idx, i), append(some, stmts[i])
			}
		}
		for j, p := range s.Statements(f, settings, some) {
			st := &now[idx[j]]
			st.part, st.iface = p, p.Interface()
			st.words = map[string]bool{}
			f.FreeWords(st.node, st.words)
		}
	}
	compute(edited)
	if old == nil {
		m.settings, m.stmts, m.bindings, m.stars, m.tree = settings, now, bindings, stars, t
		return partsOf(now), false, project.Shift{}, false
	}
	// The names whose bindings or interface changed.
	changed := semantic.Rebound(m.bindings, bindings)
	oldEdited, nowEdited := old[before:len(old)-after], now[before:len(now)-after]
	if interfaces(oldEdited) != interfaces(nowEdited) {
		for _, st := range oldEdited {
			addNames(changed, st.part)
		}
		for _, st := range nowEdited {
			addNames(changed, st.part)
		}
	}
	spread := semantic.Spread(f.InterfaceBindings())
	spread(changed)
	// The others keep their parts unless they spell a changed name; a part
	// computed again that tells the others something new changes its names
	// in turn.
	kept := func(i int) *memoStatement {
		if i < before {
			return &old[i]
		}
		return &old[len(old)-len(now)+i]
	}
	for i := range now {
		if !edited[i] {
			k := kept(i)
			now[i].part, now[i].iface, now[i].words = k.part.Moved(project.Shift{By: now[i].line - k.line}), k.iface, k.words
		}
	}
	for {
		again := make([]bool, len(now))
		any := false
		names := slices.Collect(maps.Keys(changed)) // looked for in each statement's words
		for i := range now {
			if !edited[i] && semantic.SpellsAny(now[i].words, names) {
				again[i], edited[i], any = true, true, true
			}
		}
		if !any {
			break
		}
		compute(again)
		for i, yes := range again {
			if yes && now[i].iface != kept(i).iface {
				addNames(changed, kept(i).part)
				addNames(changed, now[i].part)
			}
		}
		spread(changed)
	}
	unchanged = len(now) == len(old)
	for i := 0; unchanged && i < len(now); i++ {
		unchanged = now[i].part == old[i].part || reflect.DeepEqual(now[i].part, old[i].part)
	}
	if !unchanged {
		shift, shifted = m.shifted(t, old, now, edited)
	}
	m.settings, m.stmts, m.bindings, m.stars, m.tree = settings, now, bindings, stars, t
	return partsOf(now), unchanged, shift, shifted
}

// shifted reports whether the parts of now, the statements of t, are those
// of old, the last text's, with their locations moved by one shift: as
// when an edit adds or removes lines, and nothing else the parts tell.
// The parts of the statements edited are computed again; the others were
// moved with their statements. The caller holds m.mu.
func (m *SummaryMemo) shifted(t *syntax.Tree, old, now []memoStatement, edited []bool) (project.Shift, bool) {
	by := t.Lines().Count() - m.tree.Lines().Count()
	if len(now) != len(old) || by == 0 {
		return project.Shift{}, false
	}
	// The lines after the first one the edit changed move, and that one
	// too when the edit begins it, or when what it keeps of the line is
	// also the start of what the edit put after it, as the indentation
	// of a line inserted before another.
	start, _ := source.Changed(m.tree.Src, t.Src)
	line := m.tree.Lines().Line(start)
	for _, after := range []int{line, line - 1} {
		if sh := (project.Shift{After: after, By: by}); m.movedBy(sh, old, now, edited) {
			return sh, true
		}
	}
	return project.Shift{}, false
}

// movedBy reports whether the parts of now are those of old moved by sh.
func (m *SummaryMemo) movedBy(sh project.Shift, old, now []memoStatement, edited []bool) bool {
	for i := range now {
		if edited[i] {
			if !reflect.DeepEqual(old[i].part.Moved(sh), now[i].part) {
				return false
			}
			continue
		}
		// A statement kept moved with its lines: by the shift's if it
		// starts after its line, else not at all, and the last of those
		// must end before the lines that move.
		switch moved := now[i].line - old[i].line; {
		case old[i].line > sh.After:
			if moved != sh.By {
				return false
			}
		case moved != 0:
			return false
		case (i+1 == len(old) || old[i+1].line > sh.After) && m.tree.Lines().Line(old[i].end) > sh.After:
			return false
		}
	}
	return true
}

// sameTargets reports whether parts use the call targets of the parts of
// old, part by part.
func sameTargets(old []memoStatement, parts []*project.Part) bool {
	if len(old) != len(parts) {
		return false
	}
	for i, p := range parts {
		if !slices.Equal(old[i].part.Targets, p.Targets) {
			return false
		}
	}
	return true
}

// partsOf returns the parts of stmts.
func partsOf(stmts []memoStatement) []*project.Part {
	parts := make([]*project.Part, len(stmts))
	for i := range stmts {
		parts[i] = stmts[i].part
	}
	return parts
}

// interfaces returns the interfaces of the parts of stmts, in order.
func interfaces(stmts []memoStatement) string {
	var b strings.Builder
	for _, st := range stmts {
		b.WriteString(st.iface)
	}
	return b.String()
}

// addNames adds the names of p's interface to names.
func addNames(names map[string]bool, p *project.Part) {
	for _, name := range p.Names() {
		names[name] = true
	}
}
