package project

import "strings"

// maxNameLength bounds the dotted names followed between modules.
const maxNameLength = 512

// A Graph tells a loader which modules a project's analysis needs: those
// that the names used by the modules summarized so far lead to, through
// calls, re-exports, star imports and base classes. The loader summarizes
// them, and asks again, until nothing new is reached.
type Graph struct {
	// Find returns the module of the project whose name is the longest
	// prefix of name, and its summary, nil while the module is not
	// summarized; ok is false when no module of the project matches.
	Find func(name string) (module string, s *Summary, ok bool)
}

// Follow returns the names that name leads to in the module defining it:
// what a re-export or star import stands for, and the same member of a
// class's bases.
func (g Graph) Follow(name string) []string {
	module, s, ok := g.Find(name)
	if !ok || s == nil || len(name) <= len(module) {
		return nil
	}
	rest := name[len(module)+1:]
	head, tail, _ := strings.Cut(rest, ".")
	var out []string
	// A re-export or star import of a module the project does not have
	// would lead back to the same module with a longer name, forever:
	// follow only those that lead to another module.
	elsewhere := func(n string) {
		if other, _, ok := g.Find(n); ok && other != module && len(n) <= maxNameLength {
			out = append(out, n)
		}
	}
	if imp, ok := s.Imports[head]; ok {
		elsewhere(joinName(absolute(s, imp), tail))
	}
	for _, star := range s.StarImports {
		elsewhere(absolute(s, star) + "." + rest)
	}
	if class := s.Classes[head]; class != nil && tail != "" {
		for _, b := range class.Bases {
			out = append(out, b.Absolute(s)+"."+tail)
		}
	}
	return out
}

// NamesCoroutine reports whether an absolute name is a coroutine function
// of the project, a class with coroutine methods, or a module with
// coroutine functions, following a few re-exports: a module that imports
// it may call it without awaiting.
func (g Graph) NamesCoroutine(name string) bool {
	for range 4 {
		module, s, ok := g.Find(name)
		if !ok || s == nil {
			return false
		}
		member := ""
		if name != module {
			member = name[len(module)+1:]
		}
		if definesCoroutine(s, member) {
			return true
		}
		imp, reexport := s.Imports[member]
		if !reexport {
			return false
		}
		name = absolute(s, imp)
	}
	return false
}

// definesCoroutine reports whether a module defines a coroutine function
// at the top level (member "") or as member: the function itself or a
// method of the class member.
func definesCoroutine(s *Summary, member string) bool {
	for name, fn := range s.Functions {
		switch {
		case !fn.Async:
		case member == "" && !strings.Contains(name, "."):
			return true
		case member != "" && (name == member || strings.HasPrefix(name, member+".")):
			return true
		}
	}
	return false
}

// UsedNames returns the absolute names a module calls or derives classes
// from, and its own classes, whose members its code may reach.
func UsedNames(s *Summary) []string {
	var names []string
	for _, t := range s.Targets {
		names = append(names, t.Absolute(s))
	}
	for class, c := range s.Classes {
		for _, b := range c.Bases {
			names = append(names, b.Absolute(s))
		}
		names = append(names, s.Module+"."+class)
	}
	return names
}

// CallNames returns the absolute names the synchronous functions of a
// module call, along which blocking propagates.
func CallNames(s *Summary) []string {
	var names []string
	for _, fn := range s.Functions {
		for _, c := range fn.Calls {
			names = append(names, c.Target.Absolute(s))
		}
	}
	return names
}

func joinName(base, tail string) string {
	if tail == "" {
		return base
	}
	return base + "." + tail
}
