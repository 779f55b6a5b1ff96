package project

import (
	"fmt"
	"slices"
	"strings"
)

// A Part is what one top-level statement of a module contributes to the
// module's summary: the functions and classes it defines, in source
// order, and the call targets it uses. A summary is its module's imports
// and its parts (Assemble), so that the summary of an edited text can
// keep the parts of the statements the edit left alone.
type Part struct {
	Functions []*Function
	Classes   []NamedClass
	Targets   []Target
}

// A NamedClass is a class of a Part, with its name in the module.
type NamedClass struct {
	Name string
	*Class
}

// Assemble returns the summary of a module from module, which holds what
// belongs to the module as a whole (its imports, star imports and
// __all__), and from the parts of its top-level statements, in order: a
// later definition of a name replaces an earlier one, as at run time.
func Assemble(module *Summary, parts []*Part) *Summary {
	s := assemble(module, parts)
	targets := map[Target]bool{}
	for _, p := range parts {
		for _, t := range p.Targets {
			targets[t] = true
		}
	}
	s.Targets = sortedTargets(targets)
	return s
}

// Reassemble is Assemble for parts that use the call targets of the parts
// last was assembled from: it keeps last's list of them.
func Reassemble(last, module *Summary, parts []*Part) *Summary {
	s := assemble(module, parts)
	s.Targets = last.Targets
	return s
}

// assemble returns the summary of module and parts but for its targets.
func assemble(module *Summary, parts []*Part) *Summary {
	s := *module
	s.assembly = new(assembly)
	functions, classes := 0, 0
	for _, p := range parts {
		functions, classes = functions+len(p.Functions), classes+len(p.Classes)
	}
	s.Functions, s.Classes = make(map[string]*Function, functions), make(map[string]*Class, classes)
	for _, p := range parts {
		for _, fn := range p.Functions {
			s.Functions[fn.Name] = fn
		}
		for _, c := range p.Classes {
			s.Classes[c.Name] = c.Class
		}
	}
	return &s
}

// Interface returns what the part tells the module's other statements:
// its functions' facts but for their calls and locations, and its
// classes. Another statement's part may depend on it, not on the rest.
func (p *Part) Interface() string {
	var b strings.Builder
	for _, fn := range p.Functions {
		fmt.Fprintf(&b, "def %s %t %t %t %t %t %v\n", fn.Name, fn.Async, fn.AsyncGen, fn.Wrapped, fn.Generator, fn.NoCleanup, fn.Params)
	}
	for _, c := range p.Classes {
		fmt.Fprintf(&b, "class %s %v %v\n", c.Name, c.Bases, c.Methods)
	}
	return b.String()
}

// sortedTargets returns the targets of set in the order of their names.
func sortedTargets(set map[Target]bool) []Target {
	if len(set) == 0 {
		return nil
	}
	type named struct {
		name   string
		target Target
	}
	list := make([]named, 0, len(set))
	for t := range set {
		list = append(list, named{t.String(), t})
	}
	slices.SortFunc(list, func(a, b named) int { return strings.Compare(a.name, b.name) })
	out := make([]Target, len(list))
	for i, n := range list {
		out[i] = n.target
	}
	return out
}

// Names returns the module's names the part's interface is about: those
// of its functions and classes, a method's being its class's.
func (p *Part) Names() []string {
	var names []string
	for _, fn := range p.Functions {
		head, _, _ := strings.Cut(fn.Name, ".")
		names = append(names, head)
	}
	for _, c := range p.Classes {
		names = append(names, c.Name)
	}
	return names
}
