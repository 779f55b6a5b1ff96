package project

import (
	"slices"
	"testing"
)

// guarded is a module where serve blocks unless run_async is true, begin
// calls serve with run_async=True, outer passes its own run_async on, and
// both calls begin and outer.
func guarded() *Summary {
	offAsync := Reach{Guard: []Condition{{Param: "run_async", Truthy: false}}}
	return &Summary{Module: "app.server", Path: "app/server.py", Functions: map[string]*Function{
		"serve": {Name: "serve", Params: []Param{{Name: "app", Positional: true}, {Name: "run_async", Positional: true, Default: Falsy}},
			Blocking: []BlockingCall{{API: "time.sleep", Loc: at(3), Reach: offAsync}}},
		"begin": {Name: "begin", Calls: []Call{{Target: Target{Local: true, Name: "serve"}, Loc: at(6),
			Args: Arguments{List: []Argument{{Keyword: "run_async", Value: Truthy}}}}}},
		"outer": {Name: "outer", Params: []Param{{Name: "run_async", Positional: true}},
			Calls: []Call{{Target: Target{Local: true, Name: "serve"}, Loc: at(9),
				Args: Arguments{List: []Argument{{Position: 1, Param: "run_async"}}}}}},
		"both": {Name: "both", Calls: []Call{
			{Target: Target{Local: true, Name: "begin"}, Loc: at(12)},
			{Target: Target{Local: true, Name: "outer"}, Loc: at(13)},
		}},
	}}
}

func TestConstantArgumentsSkipBlockingCalls(t *testing.T) {
	s := guarded()
	x := NewIndex([]*Summary{s}, Options{})
	facts := func(name string) *Facts { return x.For(s).Function(Target{Local: true, Name: name}) }

	serve := facts("serve")
	if want := []Condition{{Param: "run_async", Truthy: false}}; !slices.Equal(serve.Requires, want) {
		t.Errorf("serve requires %v, want %v", serve.Requires, want)
	}
	for _, c := range []struct {
		args   Arguments
		blocks bool
	}{
		{Arguments{}, true}, // the default, False
		{Arguments{List: []Argument{{Keyword: "run_async", Value: Truthy}}}, false},
		{Arguments{List: []Argument{{Position: 1, Value: Truthy}}}, false},
		{Arguments{List: []Argument{{Position: 1, Value: Falsy}}}, true},
		{Arguments{List: []Argument{{Keyword: "run_async", Param: "x"}}}, true},
		{Arguments{List: []Argument{{Keyword: "run_async"}}}, true}, // passed, not known: not the default
		{Arguments{Open: true}, true},                               // **kwargs may pass anything
	} {
		if got := serve.BlocksWith(c.args); got != c.blocks {
			t.Errorf("serve blocks with %+v: %v, want %v", c.args, got, c.blocks)
		}
	}
	if begin := facts("begin"); begin.Chain != nil {
		t.Errorf("begin calls serve with run_async=True, yet blocks: %+v", begin.Chain)
	}
	outer := facts("outer")
	if outer.Chain == nil || outer.BlocksWith(Arguments{List: []Argument{{Position: 0, Value: Truthy}}}) {
		t.Errorf("outer = %+v: should block unless its run_async is true", outer)
	}
	if got, want := callees(x, s, ":both"), []string{"outer", "serve", "time.sleep"}; !slices.Equal(got, want) {
		t.Errorf("chain of both = %q, want %q: begin does not block", got, want)
	}
}

func TestReachOfAMethod(t *testing.T) {
	params := []Param{{Name: "self", Positional: true}, {Name: "wait", Positional: true}}
	requires := []Condition{{Param: "wait", Truthy: true}}
	if _, ok := (Arguments{List: []Argument{{Position: 0, Value: Falsy}}}).pass(params, requires); ok {
		t.Error("the first positional argument of a method call fills the parameter after self")
	}
}
