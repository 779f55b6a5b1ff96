package project

import (
	"slices"
	"strings"
)

// A Condition is a truth value that a parameter of a function must have
// for some of its code to run: run_async must be false for the code under
// "if not run_async:", or after "if run_async: return ...".
type Condition struct {
	Param  string
	Truthy bool
}

// Truth is the truth value of an expression, when it is a constant.
type Truth uint8

const (
	UnknownTruth Truth = iota
	Truthy
	Falsy
)

// A Param is a parameter of a function: whether a positional argument can
// fill it, and the truth value of its default when that is a constant.
type Param struct {
	Name       string
	Positional bool
	Default    Truth
}

// An Argument is what a call passes for a parameter, as far as the index
// can follow it: a constant, a parameter of the caller passed on as it
// is, or neither (Value and Param unset).
type Argument struct {
	Keyword  string // the parameter's name; "" for a positional argument
	Position int    // the place of a positional argument
	Value    Truth  // the constant's truth value
	Param    string // or the caller's parameter passed on
}

// Arguments are the arguments of a call. Open is set when the call also
// unpacks *args or **kwargs it cannot see into, which may fill any other
// parameter.
type Arguments struct {
	List []Argument
	Open bool
}

// Reach says when a call in a function's body runs.
type Reach struct {
	// Guard lists what parameters of the function must be for the call to
	// run.
	Guard []Condition
	// AfterYield is set for a call a generator makes after its first
	// yield: in a @contextmanager, when the with block exits.
	AfterYield bool
}

// BlocksWith reports whether a call of the function with args can reach a
// blocking call: not when an argument, or the default of a parameter the
// call leaves out, contradicts a condition that all its blocking calls
// need.
func (f *Facts) BlocksWith(args Arguments) bool {
	_, ok := args.pass(f.Params, f.Requires)
	return ok
}

// lookup returns what a call with args passes for the parameter name of a
// callee with params: an argument, or the parameter's constant default.
// A method's self or cls is not among the positional arguments.
func (args Arguments) lookup(params []Param, name string) (Argument, bool) {
	i := slices.IndexFunc(params, func(p Param) bool { return p.Name == name })
	if i < 0 {
		return Argument{}, false
	}
	p, position := params[i], i
	if params[0].Name == "self" || params[0].Name == "cls" {
		position--
	}
	for _, a := range args.List {
		if a.Keyword == name || a.Keyword == "" && p.Positional && a.Position == position {
			return a, true
		}
	}
	if args.Open || p.Default == UnknownTruth {
		return Argument{}, false
	}
	return Argument{Value: p.Default}, true
}

// pass carries the conditions a callee with params requires through a
// call with args: ok is false when an argument contradicts one; else
// conds are those that fall on parameters of the caller passed on.
func (args Arguments) pass(params []Param, requires []Condition) (conds []Condition, ok bool) {
	for _, r := range requires {
		a, found := args.lookup(params, r.Param)
		switch {
		case !found:
		case a.Param != "":
			conds = append(conds, Condition{Param: a.Param, Truthy: r.Truthy})
		case a.Value != UnknownTruth && (a.Value == Truthy) != r.Truthy:
			return nil, false
		}
	}
	return conds, true
}

// maxRefineRounds bounds refine; it ends much sooner, as each round can
// only remove chains and add conditions.
const maxRefineRounds = 64

// refine drops the blocking chains of the synchronous functions of
// summaries that constant arguments make unreachable, and records for each
// function that still blocks the conditions on its parameters that all its
// blocking calls need (Facts.Requires). A function that stops blocking, or
// needs more, changes what its callers do, so it repeats until nothing
// changes.
func (x *Index) refine(summaries []*Summary, maxDepth int) {
	var blocking []*refinement
	callers := map[*Facts][]*refinement{} // who calls a function that blocks
	for _, s := range x.sortedSummaries(summaries) {
		for _, fn := range sortedSyncFunctions(s) {
			f := x.facts[x.key(s)+"."+fn.Name]
			if f == nil || f.Chain == nil {
				continue
			}
			r := &refinement{s: s, fn: fn, f: f}
			// The callees are resolved once: the rounds only read their facts.
			for i := range fn.Calls {
				callee := x.resolve(s, fn.Calls[i].Target)
				if cf := x.fact(callee); callee != "" && callee != f.Name && cf != nil && !cf.Async {
					r.callees = append(r.callees, resolvedCall{call: &fn.Calls[i], name: callee, facts: cf})
					callers[cf] = append(callers[cf], r)
				}
			}
			blocking = append(blocking, r)
		}
	}
	// Each round looks again only at the callers of the functions the
	// round before changed.
	todo := blocking
	for round := 0; len(todo) > 0 && round < maxRefineRounds; round++ {
		var next []*refinement
		queued := map[*refinement]bool{}
		for _, r := range todo {
			if r.f.Chain == nil || !r.refine(maxDepth) {
				continue
			}
			for _, c := range callers[r.f] {
				if !queued[c] {
					queued[c] = true
					next = append(next, c)
				}
			}
		}
		todo = next
	}
}

// A refinement is a synchronous function that blocks, with the callees
// of its calls that may block too.
type refinement struct {
	s       *Summary
	fn      *Function
	f       *Facts
	callees []resolvedCall
}

// A resolvedCall is a call of a function of the project.
type resolvedCall struct {
	call  *Call
	name  string // the callee's absolute name
	facts *Facts
}

// refine recomputes the chain and the conditions of the function from its
// blocking calls and the facts of its callees, and reports whether they
// changed. It keeps the chain's first call while that still blocks, and
// otherwise takes the shortest.
func (r *refinement) refine(maxDepth int) bool {
	s, fn, f := r.s, r.fn, r.f
	var kept, chain []Hop
	var needs []Condition
	live := 0
	first := f.Chain[0]
	consider := func(hop Hop, rest []Hop, need []Condition) {
		if live == 0 {
			needs = need
		} else {
			needs = intersect(needs, need)
		}
		live++
		if hop.Start == first.Start && hop.Callee == first.Callee {
			kept = append([]Hop{hop}, rest...) // the chain so far, brought up to date
		}
		if chain == nil || len(rest)+1 < len(chain) {
			chain = append([]Hop{hop}, rest...)
		}
	}
	for _, b := range fn.Blocking {
		consider(Hop{Function: f.Name, Callee: b.API, Path: s.Path, Start: b.Loc.Start, End: b.Loc.End,
			AfterYield: b.AfterYield}, nil, b.Guard)
	}
	for _, rc := range r.callees {
		c, cf := rc.call, rc.facts
		if cf.Chain == nil || len(cf.Chain) >= maxDepth {
			continue
		}
		need, ok := c.Args.pass(cf.Params, cf.Requires)
		if !ok {
			continue
		}
		consider(Hop{Function: f.Name, Callee: shortName(rc.name), Path: s.Path, Start: c.Loc.Start, End: c.Loc.End,
			AfterYield: c.AfterYield}, cf.Chain, append(slices.Clip(c.Guard), need...))
	}
	if kept != nil {
		chain = kept
	}
	needs = normalize(needs)
	if slices.Equal(chain, f.Chain) && slices.Equal(needs, f.Requires) {
		return false
	}
	f.Chain, f.Requires = chain, needs
	if chain == nil {
		f.Requires = nil
	}
	return true
}

// intersect returns the conditions both a and b hold.
func intersect(a, b []Condition) []Condition {
	var out []Condition
	for _, c := range a {
		if slices.Contains(b, c) {
			out = append(out, c)
		}
	}
	return out
}

// normalize sorts conditions and drops repeats, so that equal sets compare
// equal.
func normalize(conds []Condition) []Condition {
	slices.SortFunc(conds, func(a, b Condition) int {
		if c := strings.Compare(a.Param, b.Param); c != 0 {
			return c
		}
		switch {
		case a.Truthy == b.Truthy:
			return 0
		case a.Truthy:
			return 1
		}
		return -1
	})
	return slices.Compact(conds)
}
