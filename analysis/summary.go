package analysis

import (
	"slices"
	"strings"
	"sync"

	"github.com/asynclint/asynclint/analysis/config"
	"github.com/asynclint/asynclint/analysis/project"
	"github.com/asynclint/asynclint/analysis/semantic"
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
	return project.Assemble(s.Module(f), memo.parts(s, f, settings, stmts))
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
// of the module: the names the module and its classes bind, as they bind
// them (semantic.InterfaceBindings), where the statement stands among
// those bindings, and what the other statements' parts tell of their
// functions and classes (project.Part.Interface). A part is reused while
// all of these are as they were, moved to the line where its statement
// now starts.
type SummaryMemo struct {
	mu       sync.Mutex
	settings *config.Settings
	env      []string // the interface bindings of the last text, as names and keys
	iface    string   // the interfaces of its parts, in order
	kept     map[partKey]keptPart
}

// A partKey identifies a statement by what its part depends on, the
// module's bindings aside.
type partKey struct {
	text   string // the statement's source, from the start of its line
	before int    // how many interface bindings come before it
}

// A keptPart is a part of the last text summarized.
type keptPart struct {
	part  *project.Part
	line  int    // where its statement started
	iface string // part.Interface()
}

// parts returns the parts of stmts, f's top-level statements, computing
// only those the memo cannot vouch for, and keeps them for the next text.
func (m *SummaryMemo) parts(s *Summarizer, f *semantic.File, settings *config.Settings, stmts []syntax.NodeID) []*project.Part {
	m.mu.Lock()
	defer m.mu.Unlock()
	t := f.Tree
	bindings := f.InterfaceBindings(true)
	env := make([]string, len(bindings))
	for i, b := range bindings {
		env[i] = b.Name + "\x00" + b.Key
	}
	if settings != m.settings || !slices.Equal(env, m.env) {
		m.settings, m.env, m.kept = settings, env, nil
	}
	keys := make([]partKey, len(stmts))
	lines := make([]int, len(stmts))
	parts := make([]*project.Part, len(stmts))
	ifaces := make([]string, len(stmts))
	var missing, reused []int
	b := 0
	for i, stmt := range stmts {
		start := int(t.Nodes[stmt].Start)
		for b < len(bindings) && int(bindings[b].At) < start {
			b++
		}
		lines[i] = t.Lines().Line(start)
		keys[i] = partKey{text: string(t.Src[t.Lines().Start(lines[i]):t.Nodes[stmt].End]), before: b}
		if k, ok := m.kept[keys[i]]; ok {
			parts[i], ifaces[i] = k.part.Moved(lines[i]-k.line), k.iface
			reused = append(reused, i)
		} else {
			missing = append(missing, i)
		}
	}
	compute := func(which []int) {
		if len(which) == 0 {
			return
		}
		some := make([]syntax.NodeID, len(which))
		for j, i := range which {
			some[j] = stmts[i]
		}
		for j, p := range s.Statements(f, settings, some) {
			parts[which[j]], ifaces[which[j]] = p, p.Interface()
		}
	}
	compute(missing)
	iface := strings.Join(ifaces, "")
	if len(reused) > 0 && iface != m.iface {
		// An edited statement changed what the others may see of it.
		compute(reused)
		iface = strings.Join(ifaces, "")
	}
	m.iface, m.kept = iface, make(map[partKey]keptPart, len(stmts))
	for i, p := range parts {
		m.kept[keys[i]] = keptPart{part: p, line: lines[i], iface: ifaces[i]}
	}
	return parts
}
