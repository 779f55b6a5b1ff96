package project

import (
	"slices"
	"sync"
)

// Views keeps the view of the project from the last text of a module
// viewed, for the next text's: while a file is edited, the index's facts
// of its functions are derived again (Index.With) only when its summary
// tells other facts, not when it tells the same, as while a line is typed,
// nor when only its locations moved with lines added or removed, which
// the view then moves as it gives them. It is safe for concurrent use.
type Views struct {
	mu      sync.Mutex
	index   *Index   // the index the last view is of
	with    *Index   // index with the module's summary in place
	summary *Summary // the last text's
	shifts  []Shift  // how its lines moved since with was made
}

// maxShifts bounds the shifts a view applies to each of the facts it
// gives; past it, the facts are derived again.
const maxShifts = 16

// Of returns the view of index with s in place, as seen from s's module.
// moved reports, given the last summary viewed and s, how the lines of
// the module's text moved between them when s tells the facts the last
// does but for that; it may be nil.
func (v *Views) Of(index *Index, s *Summary, moved func(last, s *Summary) (Shift, bool)) *View {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.index != index || v.summary == nil || !v.summary.SameAssembly(s) {
		var sh Shift
		ok := v.index == index && v.summary != nil && moved != nil && len(v.shifts) < maxShifts && v.summary.sameModule(s)
		if ok {
			sh, ok = moved(v.summary, s)
		}
		if ok {
			v.summary, v.shifts = s, append(slices.Clip(v.shifts), sh)
		} else {
			v.index, v.with, v.summary, v.shifts = index, index.With(s), s, nil
		}
	}
	return &View{x: v.with, s: v.summary, shifts: v.shifts}
}
