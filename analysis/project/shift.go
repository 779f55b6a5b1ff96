package project

import "slices"

// A Shift is how an edit moved the lines of a text: those after line
// After by By lines, up when negative.
type Shift struct {
	After, By int
}

// location returns l as the edit moved it.
func (sh Shift) location(l Location) Location {
	if l.Start.Line > sh.After {
		l.Start.Line += sh.By
		l.End.Line += sh.By
	}
	return l
}

// Moved returns p with its locations moved by sh; p itself is left as it
// was, since summaries share their parts.
func (p *Part) Moved(sh Shift) *Part {
	if sh.By == 0 {
		return p
	}
	moved := &Part{Classes: p.Classes, Targets: p.Targets, Functions: make([]*Function, len(p.Functions))}
	for i, fn := range p.Functions {
		c := *fn
		c.Loc = sh.location(fn.Loc)
		c.Blocking = slices.Clone(fn.Blocking)
		for j := range c.Blocking {
			c.Blocking[j].Loc = sh.location(c.Blocking[j].Loc)
		}
		c.Calls = slices.Clone(fn.Calls)
		for j := range c.Calls {
			c.Calls[j].Loc = sh.location(c.Calls[j].Loc)
		}
		moved.Functions[i] = &c
	}
	return moved
}

// moved returns f with the locations of the hops of its chain in the file
// at path moved by shifts, in order: the hops up to the first in another
// file, which the index derived from the module's own summary; those
// after it come from the facts of another module, as they were.
func moved(f *Facts, path string, shifts []Shift) *Facts {
	if f == nil || len(shifts) == 0 || len(f.Chain) == 0 || f.Chain[0].Path != path {
		return f
	}
	c := *f
	c.Chain = slices.Clone(f.Chain)
	for i := range c.Chain {
		hop := &c.Chain[i]
		if hop.Path != path {
			break
		}
		for _, sh := range shifts {
			l := sh.location(Location{hop.Start, hop.End})
			hop.Start, hop.End = l.Start, l.End
		}
	}
	return &c
}
