package project

import (
	"slices"
	"testing"
)

// hopLines returns the lines of the hops of a function's chain.
func hopLines(v *View, target string) []int {
	f := v.Function(targetOf(target))
	if f == nil {
		return nil
	}
	var out []int
	for _, h := range f.Chain {
		out = append(out, h.Start.Line)
	}
	return out
}

// movedConfig is config with a helper that sleeps (line 7), called by
// load_config (line 3), and a loader calling io's read_file (line 10),
// its locations moved by shifts.
func movedConfig(shifts ...Shift) *Summary {
	move := func(l Location) Location {
		for _, sh := range shifts {
			l = sh.location(l)
		}
		return l
	}
	loader := &Function{Name: "loader", Calls: []Call{{Target: Target{Name: "app.io.read_file"}, Loc: move(at(10))}}}
	helper := sleepingHelper()
	helper.Blocking[0].Loc = move(helper.Blocking[0].Loc)
	s := configCallingHelper(helper, loader)
	s.Functions["load_config"].Calls[0].Loc = move(s.Functions["load_config"].Calls[0].Loc)
	return s
}

// TestViewsMoveLines views config as it is edited: lines added keep the
// index's facts, whose locations in config the view moves, up to the
// first hop of a chain in another module; other facts, another index or
// too many shifts derive them again.
func TestViewsMoveLines(t *testing.T) {
	handlers, config, io := threeModules()
	x := NewIndex([]*Summary{handlers, config, io}, Options{})
	texts := []*Summary{movedConfig()}
	shifts := map[*Summary]Shift{}
	moved := func(last, s *Summary) (Shift, bool) {
		sh, ok := shifts[s]
		return sh, ok && last == texts[len(texts)-2]
	}
	edit := func(s *Summary, sh Shift) *Summary {
		texts = append(texts, s)
		shifts[s] = sh
		return s
	}
	var views Views
	first := views.Of(x, texts[0], moved)
	if got, want := hopLines(first, ":loader"), []int{10, 2}; !slices.Equal(got, want) {
		t.Fatalf("before the edits: chain of loader on lines %v, want %v", got, want)
	}
	// Two lines added after line 1, then one removed after line 8.
	added, removed := Shift{After: 1, By: 2}, Shift{After: 8, By: -1}
	second := views.Of(x, edit(movedConfig(added), added), moved)
	third := views.Of(x, edit(movedConfig(added, removed), removed), moved)
	if second.x != first.x || third.x != first.x {
		t.Error("the facts were derived again for lines that moved")
	}
	for _, tc := range []struct {
		view           *View
		loader, config []int
	}{
		{second, []int{12, 2}, []int{5, 9}},
		{third, []int{11, 2}, []int{5, 8}},
	} {
		if got := hopLines(tc.view, ":loader"); !slices.Equal(got, tc.loader) {
			t.Errorf("chain of loader on lines %v, want %v (io's hop as io has it)", got, tc.loader)
		}
		if got := hopLines(tc.view, ":load_config"); !slices.Equal(got, tc.config) {
			t.Errorf("chain of load_config on lines %v, want %v", got, tc.config)
		}
	}
	if got := hopLines(third.x.For(handlers), "app.config.load_config"); !slices.Equal(got, []int{3, 7}) {
		t.Errorf("from another module: chain of load_config on lines %v, want the index's, [3 7]", got)
	}

	// Against the view of the edited text derived again, the moved view
	// tells the same facts, locations included.
	same := func(a, b *Facts) bool {
		return a == nil && b == nil || a != nil && b != nil && slices.Equal(a.Chain, b.Chain)
	}
	fresh := x.With(texts[2]).For(texts[2])
	if names, ok := third.Refacted(fresh, same); !ok || len(names) != 0 {
		t.Errorf("moved view against the facts derived again: Refacted = %q, %t; want none, true", names, ok)
	}

	if v := views.Of(x, edit(configCallingHelper(&Function{Name: "helper"}), Shift{}), nil); v.x == first.x || len(v.shifts) != 0 {
		t.Error("other facts: the view kept the facts derived before")
	}
	base := views.Of(x, edit(movedConfig(), Shift{}), nil)
	down := Shift{After: 0, By: 1}
	var downs []Shift
	for i := range maxShifts {
		downs = append(downs, down)
		if v := views.Of(x, edit(movedConfig(downs...), down), moved); v.x != base.x {
			t.Fatalf("shift %d: the facts were derived again", i+1)
		}
	}
	if v := views.Of(x, edit(movedConfig(append(downs, down)...), down), moved); v.x == base.x || len(v.shifts) != 0 {
		t.Errorf("after %d shifts: the view still moves the facts derived before", maxShifts)
	}
	if v := views.Of(NewIndex([]*Summary{handlers, config, io}, Options{}), edit(movedConfig(), Shift{}), moved); len(v.shifts) != 0 {
		t.Error("another index: the view moves the facts of the one before")
	}
}
