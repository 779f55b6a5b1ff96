// Package analysis defines the interface between asynclint's rules and the
// programs that run them: a Rule inspects one file through a Pass and
// reports Diagnostics, each with an optional Fix made of TextEdits. A
// Suite lists the rules a program runs, with the summary of each module
// that lets them see across modules.
package analysis

import (
	"fmt"
	"strings"

	"github.com/asynclint/asynclint/analysis/config"
	"github.com/asynclint/asynclint/analysis/project"
	"github.com/asynclint/asynclint/analysis/ruledoc"
	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/analysis/source"
	"github.com/asynclint/asynclint/analysis/syntax"
)

// A Rule describes one check: its identity, its documentation and the
// function that runs it.
type Rule struct {
	Code     string   // stable code, such as "AL201"
	Name     string   // kebab-case name, such as "blocking-sleep"
	Summary  string   // one line: what the rule flags
	Severity Severity // how bad a finding is
	Default  bool     // enabled when the configuration does not select rules
	FixKind  FixKind  // the fix the rule can offer
	SameAs   []string // codes of other tools that flag the same thing
	// Doc is the rule's page in Markdown: what it does, why that is a bug,
	// an example and what to use instead (see package ruledoc).
	Doc string
	// Covers lists the APIs a catalog-driven rule knows, for its page.
	Covers []string
	// CitesLines is set for a rule whose messages cite line numbers,
	// which an edit above its findings changes.
	CitesLines bool
	// FreshNames is set for a rule whose fixes bind names chosen to be
	// free in the module (fix.FreshName), which an edit binding a name
	// elsewhere may change.
	FreshNames bool
	// Run reports the findings that depend on their statement and on what
	// it sees of the rest of the module through the names it spells: when
	// the file is checked again statement by statement, it runs over the
	// statements to check again.
	Run func(*Pass)
	// Whole, when set, reports the findings that depend on code anywhere
	// in the file: it runs over the whole file on every check.
	Whole func(*Pass)
}

// Family returns the rule's family, the first three characters of its code
// followed by "xx" ("AL2xx").
func (r *Rule) Family() string { return r.Code[:3] + "xx" }

// Names reports whether code is the rule's own code or that of another
// tool that flags the same thing.
func (r *Rule) Names(code string) bool {
	if strings.EqualFold(code, r.Code) {
		return true
	}
	for _, other := range r.SameAs {
		if strings.EqualFold(code, other) {
			return true
		}
	}
	return false
}

// Page returns the rule's page in Markdown.
func (r *Rule) Page() string {
	return ruledoc.Page(ruledoc.Rule{
		Code: r.Code, Name: r.Name, Summary: r.Summary, Fix: r.FixKind.String(),
		Default: r.Default, SameAs: r.SameAs, Doc: r.Doc, Covers: r.Covers,
	})
}

// Severity says how bad a rule's findings are.
type Severity int

const (
	// Warning marks code that runs but misbehaves.
	Warning Severity = iota
	// Error marks code that Python refuses to compile.
	Error
)

func (s Severity) String() string {
	if s == Error {
		return "error"
	}
	return "warning"
}

// FixKind says which fix, if any, a rule offers.
type FixKind int

const (
	FixNone FixKind = iota
	FixSafe
	FixUnsafe
	FixSometimes // safe in some cases and unsafe in others
)

func (k FixKind) String() string {
	return [...]string{"none", "safe", "unsafe", "sometimes"}[k]
}

// Applicability says whether a fix keeps the program's meaning.
type Applicability int

const (
	// Safe fixes keep the meaning and are applied by --fix.
	Safe Applicability = iota
	// Unsafe fixes may change behaviour; --unsafe-fixes applies them.
	Unsafe
)

func (a Applicability) String() string {
	if a == Safe {
		return "safe"
	}
	return "unsafe"
}

// A TextEdit replaces the bytes [Start, End) of the file with NewText.
type TextEdit struct {
	Start, End int
	NewText    string
}

// A Fix is a set of non-overlapping edits to the file that resolve a
// diagnostic.
type Fix struct {
	Message       string
	Applicability Applicability
	Edits         []TextEdit
}

// Related is another location that explains a diagnostic, such as one hop
// of a call chain. Path is empty for the diagnostic's own file.
type Related struct {
	Path       string
	Start, End source.Position
	Message    string
}

// A Diagnostic is one finding in a file, located by byte offsets. Rule is
// nil for an internal error of the analysis.
type Diagnostic struct {
	Rule       *Rule
	Start, End int
	Message    string
	Fix        *Fix
	Related    []Related
}

// A Pass is one rule applied to one file.
type Pass struct {
	Rule     *Rule
	File     *semantic.File
	Settings *config.Settings
	// Project is the rest of the project as the file's module sees it,
	// through the summaries of the Suite; nil for a file checked on its
	// own.
	Project *project.View
	Report  func(Diagnostic)

	memo map[any]any // shared by the passes over one file
}

// NewPass returns the pass of rule r over file, whose diagnostics go to
// report; passes made with the same memo share the work of Memo.
func NewPass(r *Rule, file *semantic.File, settings *config.Settings, view *project.View, memo map[any]any, report func(Diagnostic)) *Pass {
	return &Pass{Rule: r, File: file, Settings: settings, Project: view, Report: report, memo: memo}
}

// Memo returns the result of compute for key, computing it once per file,
// so that rules of one family can share the work of finding candidates.
// Keys are values of an unexported type of the calling package.
func (p *Pass) Memo(key any, compute func() any) any {
	if v, ok := p.memo[key]; ok {
		return v
	}
	v := compute()
	p.memo[key] = v
	return v
}

// Function returns what the project knows of the function that callee
// names, or nil.
func (p *Pass) Function(callee syntax.NodeID) *project.Facts {
	if p.Project == nil {
		return nil
	}
	target := p.File.CallTarget(callee)
	if target.Name == "" {
		return nil
	}
	return p.Project.Function(target)
}

// Tree returns the syntax tree of the file.
func (p *Pass) Tree() *syntax.Tree { return p.File.Tree }

// Reportf reports a diagnostic over node id with an optional fix.
func (p *Pass) Reportf(id syntax.NodeID, fix *Fix, format string, args ...any) {
	n := &p.File.Tree.Nodes[id]
	p.Report(Diagnostic{
		Rule:    p.Rule,
		Start:   int(n.Start),
		End:     int(n.End),
		Message: fmt.Sprintf(format, args...),
		Fix:     fix,
	})
}
