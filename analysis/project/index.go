package project

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// DefaultMaxDepth is the longest chain of calls followed from a coroutine
// to a blocking call.
const DefaultMaxDepth = 8

// maxResolveDepth bounds re-export and inheritance chains (and cycles).
const maxResolveDepth = 16

// Options configure the index.
type Options struct {
	MaxDepth int                    // 0 means DefaultMaxDepth
	Allowed  func(name string) bool // project functions never counted as blocking
}

// An Index is the project: every module's summary, and the facts derived
// from them.
type Index struct {
	opts    Options
	base    *Index // for an index made by With, where the other modules are
	modules map[string]*Summary
	keys    map[*Summary]string // Summary.Key, computed once
	// facts are the facts of the functions of modules; a nil one hides a
	// function base has that the module no longer defines.
	facts   map[string]*Facts
	lookups sync.Map // absolute name -> resolved function name, memoized
}

// NewIndex builds the index of the given modules and propagates blocking
// through synchronous functions along the call graph.
func NewIndex(summaries []*Summary, opts Options) *Index {
	x := newIndex(nil, opts, 0)
	x.add(summaries)
	x.propagate(summaries)
	return x
}

// With returns the index in which s replaces the module with the same key,
// or joins the project: the facts of s's functions are derived from s,
// and the other modules keep theirs, derived from the module s replaces.
// It costs what s holds, not what the project does: it serves a module
// being edited, whose every version is checked against the rest of the
// project.
func (x *Index) With(s *Summary) *Index {
	y := newIndex(x, x.opts, len(s.Functions))
	key := s.Key()
	if old := x.summary(key); old != nil {
		for name := range old.Functions {
			if s.Functions[name] == nil {
				y.facts[key+"."+name] = nil
			}
		}
	}
	y.add([]*Summary{s})
	y.propagate([]*Summary{s})
	return y
}

// newIndex returns an empty index with room for the facts of functions.
func newIndex(base *Index, opts Options, functions int) *Index {
	return &Index{opts: opts, base: base, modules: map[string]*Summary{}, keys: map[*Summary]string{},
		facts: make(map[string]*Facts, functions)}
}

// add records modules and the facts of their functions that need no
// propagation.
func (x *Index) add(summaries []*Summary) {
	for _, s := range summaries {
		key := s.Key()
		x.keys[s], x.modules[key] = key, s
		for _, fn := range s.Functions {
			name := key + "." + fn.Name
			x.facts[name] = &Facts{Name: name, Async: fn.Async, AsyncGen: fn.AsyncGen, Wrapped: fn.Wrapped,
				Generator: fn.Generator, NoCleanup: fn.NoCleanup, Params: fn.Params}
		}
	}
}

// summary returns the module with key, or nil.
func (x *Index) summary(key string) *Summary {
	if s, ok := x.modules[key]; ok || x.base == nil {
		return s
	}
	return x.base.summary(key)
}

// fact returns the facts of the function with an absolute name, or nil.
func (x *Index) fact(name string) *Facts {
	if f, ok := x.facts[name]; ok || x.base == nil {
		return f
	}
	return x.base.fact(name)
}

// For returns the view of the project from one module.
func (x *Index) For(s *Summary) *View { return &View{x: x, s: s} }

// resolve returns the absolute name of the function a call target of
// module s refers to, or "".
func (x *Index) resolve(s *Summary, target Target) string {
	switch {
	case target.Name == "":
		return ""
	case target.Local:
		return x.lookup(x.key(s)+"."+target.Name, 0)
	}
	return x.lookup(absolute(s, target.Name), 0)
}

// absolute turns a relative name (".util.load") into an absolute one, as
// seen from module s.
func absolute(s *Summary, name string) string {
	return Absolute(s.Module, s.Package, name)
}

// lookup returns the absolute name of the function that the absolute
// dotted name refers to, following re-exports, star imports and base
// classes; "" when it is not a function of the project.
func (x *Index) lookup(name string, depth int) string {
	if x.fact(name) != nil {
		return name
	}
	if depth == 0 {
		if found, ok := x.lookups.Load(name); ok {
			return found.(string)
		}
		found := x.lookup(name, 1)
		x.lookups.Store(name, found)
		return found
	}
	if depth > maxResolveDepth {
		return ""
	}
	s, member := x.module(name)
	if s == nil {
		return ""
	}
	return x.member(s, member, depth)
}

// key returns the key of a summary, which need not be in the index.
func (x *Index) key(s *Summary) string {
	if k, ok := x.keys[s]; ok {
		return k
	}
	if x.base != nil {
		return x.base.key(s)
	}
	return s.Key()
}

// module splits a dotted name into the longest prefix that is a module of
// the project and the rest.
func (x *Index) module(name string) (*Summary, []string) {
	for i := strings.LastIndexByte(name, '.'); i > 0; i = strings.LastIndexByte(name[:i], '.') {
		if s := x.summary(name[:i]); s != nil {
			return s, strings.Split(name[i+1:], ".")
		}
	}
	return nil, nil
}

// member resolves a member path ("load", "Service.run") within module s.
func (x *Index) member(s *Summary, path []string, depth int) string {
	name := path[0]
	if fn := s.Functions[strings.Join(path, ".")]; fn != nil {
		return x.key(s) + "." + fn.Name
	}
	if class := s.Classes[name]; class != nil && len(path) == 2 {
		return x.method(s, name, path[1], depth+1)
	}
	if q, ok := s.Imports[name]; ok {
		return x.lookup(strings.Join(append([]string{absolute(s, q)}, path[1:]...), "."), depth+1)
	}
	for _, star := range s.StarImports {
		if m := x.summary(absolute(s, star)); m != nil && exports(m, name) {
			if found := x.member(m, path, depth+1); found != "" {
				return found
			}
		}
	}
	return ""
}

// method finds a method in a class of module s or in its bases, which may
// live in other modules.
func (x *Index) method(s *Summary, class, method string, depth int) string {
	if depth > maxResolveDepth {
		return ""
	}
	if fn := s.Functions[class+"."+method]; fn != nil {
		return x.key(s) + "." + fn.Name
	}
	c := s.Classes[class]
	if c == nil {
		return ""
	}
	for _, base := range c.Bases {
		var found string
		if base.Local {
			found = x.method(s, base.Name, method, depth+1)
		} else if bs, path := x.class(absolute(s, base.Name), depth+1); bs != nil {
			found = x.method(bs, path, method, depth+1)
		}
		if found != "" {
			return found
		}
	}
	return ""
}

// class finds the module and name that define the class an absolute
// name refers to, following re-exports.
func (x *Index) class(name string, depth int) (*Summary, string) {
	if depth > maxResolveDepth {
		return nil, ""
	}
	s, path := x.module(name)
	if s == nil || len(path) != 1 {
		return nil, ""
	}
	if s.Classes[path[0]] != nil {
		return s, path[0]
	}
	if q, ok := s.Imports[path[0]]; ok {
		return x.class(absolute(s, q), depth+1)
	}
	return nil, ""
}

// exports reports whether "from m import *" binds name.
func exports(m *Summary, name string) bool {
	if m.All != nil {
		for _, n := range m.All {
			if n == name {
				return true
			}
		}
		return false
	}
	return !strings.HasPrefix(name, "_")
}

// propagate finds the synchronous functions of summaries that block,
// directly or through the synchronous functions they call, and records
// for each the shortest chain, by a breadth-first search backwards from
// the blocking calls, and from the functions of the modules in base known
// to block. Cycles stop because a function's chain is set once.
func (x *Index) propagate(summaries []*Summary) {
	maxDepth := x.opts.MaxDepth
	if maxDepth <= 0 {
		maxDepth = DefaultMaxDepth
	}
	allowed := x.opts.Allowed
	if allowed == nil {
		allowed = func(string) bool { return false }
	}
	type edge struct {
		caller string
		path   string
		call   Call
	}
	callers := map[string][]edge{}
	// byLength[n] lists the functions whose chain has n hops, in the order
	// found: the search goes through them shortest first.
	byLength := make([][]string, maxDepth+1)
	for _, s := range x.sortedSummaries(summaries) {
		for _, fn := range sortedSyncFunctions(s) {
			name := x.key(s) + "." + fn.Name
			if allowed(name) {
				continue
			}
			if len(fn.Blocking) > 0 {
				b := fn.Blocking[0]
				x.facts[name].Chain = []Hop{{Function: name, Callee: b.API, Path: s.Path, Start: b.Loc.Start, End: b.Loc.End,
					AfterYield: b.AfterYield}}
				byLength[1] = append(byLength[1], name)
			}
			for _, c := range fn.Calls {
				callee := x.resolve(s, c.Target)
				if callee == "" || callee == name {
					continue
				}
				if _, own := x.facts[callee]; !own && callers[callee] == nil {
					if n := len(x.fact(callee).Chain); n > 0 && n < maxDepth {
						byLength[n] = append(byLength[n], callee)
					}
				}
				callers[callee] = append(callers[callee], edge{name, s.Path, c})
			}
		}
	}
	for n := 1; n < maxDepth; n++ {
		for _, callee := range byLength[n] {
			chain := x.fact(callee).Chain
			for _, e := range callers[callee] {
				f := x.facts[e.caller]
				if f.Chain != nil || f.Async {
					continue
				}
				hop := Hop{Function: e.caller, Callee: shortName(callee), Path: e.path, Start: e.call.Loc.Start, End: e.call.Loc.End,
					AfterYield: e.call.AfterYield}
				f.Chain = append([]Hop{hop}, chain...)
				byLength[n+1] = append(byLength[n+1], e.caller)
			}
		}
	}
	x.refine(summaries, maxDepth)
}

// shortName drops the module from a function's absolute name.
func shortName(name string) string {
	return name[strings.LastIndex(name, ".")+1:]
}

// Digest summarises the facts a module's findings depend on: those of
// every call target and import it uses. A module whose digest and content
// are unchanged has unchanged findings.
func (x *Index) Digest(s *Summary) string {
	targets := append([]Target(nil), s.Targets...)
	for _, q := range s.Imports {
		targets = append(targets, Target{Name: q})
	}
	sort.Slice(targets, func(i, j int) bool { return targets[i].String() < targets[j].String() })
	var b []byte
	for _, t := range targets {
		f := x.fact(x.resolve(s, t))
		if f == nil {
			continue // a name gaining facts later still changes the digest
		}
		b = append(append(append(append(b, t.String()...), '='), f.Name...), ',')
		b = strconv.AppendBool(append(strconv.AppendBool(append(strconv.AppendBool(b, f.Async), ','), f.AsyncGen), ','), f.Wrapped)
		b = fmt.Appendf(b, ",%t,%v,%v", f.Generator, f.Params, f.Requires)
		for _, hop := range f.Chain {
			b = append(append(append(append(append(append(b, ';'), hop.Function...), '>'), hop.Callee...), '@'), hop.Path...)
			b = strconv.AppendInt(append(b, ':'), int64(hop.Start.Line), 10)
			b = strconv.AppendInt(append(b, ':'), int64(hop.Start.Column), 10)
			b = strconv.AppendBool(append(b, ':'), hop.AfterYield)
		}
		b = append(b, '\n')
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

func (x *Index) sortedSummaries(in []*Summary) []*Summary {
	out := append([]*Summary(nil), in...)
	sort.Slice(out, func(i, j int) bool { return x.key(out[i]) < x.key(out[j]) })
	return out
}

// sortedSyncFunctions returns the functions of s that are not async,
// the only ones through which blocking propagates.
func sortedSyncFunctions(s *Summary) []*Function {
	var out []*Function
	for _, fn := range s.Functions {
		if !fn.Async {
			out = append(out, fn)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
