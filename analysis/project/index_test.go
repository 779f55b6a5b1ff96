package project

import (
	"slices"
	"strings"
	"testing"

	"github.com/asynclint/asynclint/analysis/source"
)

// at is a location on a line.
func at(line int) Location {
	return Location{Start: source.Position{Line: line, Column: 5}, End: source.Position{Line: line, Column: 20}}
}

// threeModules is handlers -> config -> io, where io opens a file.
func threeModules() (handlers, config, io *Summary) {
	io = &Summary{Module: "app.io", Path: "app/io.py", Functions: map[string]*Function{
		"read_file": {Name: "read_file", Blocking: []BlockingCall{{API: "open", Loc: at(2)}}},
	}}
	config = &Summary{Module: "app.config", Path: "app/config.py",
		Imports: map[string]string{"read_file": "app.io.read_file"},
		Functions: map[string]*Function{
			"load_config": {Name: "load_config", Calls: []Call{{Target: Target{Name: "app.io.read_file"}, Loc: at(5)}}},
			"unused":      {Name: "unused"},
		}}
	handlers = &Summary{Module: "app.handlers", Path: "app/handlers.py",
		Imports:   map[string]string{"load_config": "app.config.load_config"},
		Targets:   []Target{{Name: "app.config.load_config"}},
		Functions: map[string]*Function{"handle": {Name: "handle", Async: true}}}
	return handlers, config, io
}

// callees returns the callees along a function's chain, or nil when it
// does not block.
func callees(x *Index, from *Summary, target string) []string {
	f := x.For(from).Function(targetOf(target))
	if f == nil {
		return nil
	}
	var out []string
	for _, h := range f.Chain {
		out = append(out, h.Callee)
	}
	return out
}

func TestChainsAcrossModules(t *testing.T) {
	handlers, config, io := threeModules()
	x := NewIndex([]*Summary{handlers, config, io}, Options{})
	if got, want := callees(x, handlers, "app.config.load_config"), []string{"read_file", "open"}; !slices.Equal(got, want) {
		t.Errorf("chain of load_config = %q, want %q", got, want)
	}
}

// configCallingHelper is config edited so that load_config calls a helper
// of its own, with the functions more beside them.
func configCallingHelper(helper *Function, more ...*Function) *Summary {
	functions := map[string]*Function{
		"load_config": {Name: "load_config", Calls: []Call{{Target: Target{Local: true, Name: "helper"}, Loc: at(3)}}},
		"helper":      helper,
	}
	for _, fn := range more {
		functions[fn.Name] = fn
	}
	return &Summary{Module: "app.config", Path: "app/config.py", Functions: functions}
}

// sleepingHelper is a helper that blocks in time.sleep.
func sleepingHelper() *Function {
	return &Function{Name: "helper", Blocking: []BlockingCall{{API: "time.sleep", Loc: at(7)}}}
}

func TestWithReplacesOneModule(t *testing.T) {
	handlers, config, io := threeModules()
	x := NewIndex([]*Summary{handlers, config, io}, Options{})

	// The new config calls a helper of its own that sleeps, and no longer
	// defines unused.
	edited := configCallingHelper(sleepingHelper())
	y := x.With(edited)
	if got, want := callees(y, handlers, "app.config.load_config"), []string{"helper", "time.sleep"}; !slices.Equal(got, want) {
		t.Errorf("with the edit: chain of load_config = %q, want %q", got, want)
	}
	if y.For(handlers).Function(targetOf("app.config.unused")) != nil {
		t.Error("with the edit: unused is still a function of config")
	}
	if got, want := callees(x, handlers, "app.config.load_config"), []string{"read_file", "open"}; !slices.Equal(got, want) {
		t.Errorf("the index itself changed: chain of load_config = %q, want %q", got, want)
	}
	if x.For(handlers).Function(targetOf("app.config.unused")) == nil {
		t.Error("the index itself lost unused")
	}
}

func TestWithExtendsChainsOfOtherModules(t *testing.T) {
	handlers, config, io := threeModules()
	x := NewIndex([]*Summary{handlers, config, io}, Options{})
	edited := &Summary{Module: "app.handlers", Path: "app/handlers.py", Functions: map[string]*Function{
		"handle":  {Name: "handle", Async: true},
		"wrapper": {Name: "wrapper", Calls: []Call{{Target: Target{Name: "app.config.load_config"}, Loc: at(9)}}},
		"outer":   {Name: "outer", Calls: []Call{{Target: Target{Local: true, Name: "wrapper"}, Loc: at(12)}}},
	}}
	y := x.With(edited)
	if got, want := callees(y, edited, ":outer"), []string{"wrapper", "load_config", "read_file", "open"}; !slices.Equal(got, want) {
		t.Errorf("chain of outer = %q, want %q", got, want)
	}
	if f := y.For(edited).Function(targetOf(":handle")); f == nil || !f.Async || f.Chain != nil {
		t.Errorf("handle = %+v, want a coroutine that does not block", f)
	}

	short := NewIndex([]*Summary{handlers, config, io}, Options{MaxDepth: 3})
	if got := callees(short.With(edited), edited, ":outer"); got != nil {
		t.Errorf("with a depth of 3: chain of outer = %q, want none", got)
	}
}

// TestRefacted edits config twice in one project: the functions of config
// whose facts changed are reported, and views of unrelated indexes are
// not compared.
func TestRefacted(t *testing.T) {
	handlers, config, io := threeModules()
	x := NewIndex([]*Summary{handlers, config, io}, Options{})
	blocking := configCallingHelper(sleepingHelper(), &Function{Name: "unused"})
	quiet := configCallingHelper(&Function{Name: "helper"})
	before, after := x.With(blocking).For(blocking), x.With(quiet).For(quiet)
	same := func(a, b *Facts) bool { return (a == nil) == (b == nil) && (a == nil || len(a.Chain) == len(b.Chain)) }
	names, ok := before.Refacted(after, same)
	slices.Sort(names)
	if want := []string{"helper", "load_config", "unused"}; !ok || !slices.Equal(names, want) {
		t.Errorf("Refacted = %q, %v; want %q, true", names, ok, want)
	}
	// The index's own view of the module, before its first edit.
	y := NewIndex([]*Summary{handlers, blocking, io}, Options{})
	names, ok = y.For(blocking).Refacted(y.With(quiet).For(quiet), same)
	slices.Sort(names)
	if want := []string{"helper", "load_config", "unused"}; !ok || !slices.Equal(names, want) {
		t.Errorf("Refacted from the index's view = %q, %v; want %q, true", names, ok, want)
	}
	if names, ok := before.Refacted(before, same); !ok || names != nil {
		t.Errorf("Refacted of the view itself = %q, %v; want none, true", names, ok)
	}
	if _, ok := before.Refacted(NewIndex([]*Summary{handlers, quiet, io}, Options{}).For(quiet), same); ok {
		t.Error("Refacted compared views of two indexes")
	}
}

func TestDigest(t *testing.T) {
	handlers, config, io := threeModules()
	before := NewIndex([]*Summary{handlers, config, io}, Options{}).Digest(handlers)
	if again := NewIndex([]*Summary{io, handlers, config}, Options{}).Digest(handlers); again != before {
		t.Error("the digest depends on the order of the modules")
	}
	quiet := &Summary{Module: "app.io", Path: "app/io.py", Functions: map[string]*Function{"read_file": {Name: "read_file"}}}
	if after := NewIndex([]*Summary{handlers, config, quiet}, Options{}).Digest(handlers); after == before {
		t.Error("the digest of handlers did not change when io stopped blocking")
	}
}

// targetOf reads a target as its String method spells it.
func targetOf(s string) Target {
	if name, ok := strings.CutPrefix(s, ":"); ok {
		return Target{Local: true, Name: name}
	}
	return Target{Name: s}
}
