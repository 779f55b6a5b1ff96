package analysis

import (
	"fmt"
	"sort"
	"sync"
)

var registry struct {
	sync.Mutex
	rules  []*Rule
	byCode map[string]*Rule
	sorted bool
}

// Register adds rules to the set asynclint runs. Each rule file registers
// its rules from an init function; codes and names must be unique.
func Register(rules ...*Rule) {
	registry.Lock()
	defer registry.Unlock()
	if registry.byCode == nil {
		registry.byCode = map[string]*Rule{}
	}
	for _, r := range rules {
		if _, dup := registry.byCode[r.Code]; dup {
			panic("analysis: rule " + r.Code + " registered twice")
		}
		for _, o := range registry.rules {
			if o.Name == r.Name {
				panic(fmt.Sprintf("analysis: rules %s and %s share the name %s", o.Code, r.Code, r.Name))
			}
		}
		registry.byCode[r.Code] = r
		registry.rules = append(registry.rules, r)
		registry.sorted = false
	}
}

// Rules returns every registered rule, ordered by code.
func Rules() []*Rule {
	registry.Lock()
	defer registry.Unlock()
	if !registry.sorted {
		sort.Slice(registry.rules, func(i, j int) bool { return registry.rules[i].Code < registry.rules[j].Code })
		registry.sorted = true
	}
	return append([]*Rule(nil), registry.rules...)
}

// Lookup returns the rule with the given code or name, or nil.
func Lookup(codeOrName string) *Rule {
	registry.Lock()
	defer registry.Unlock()
	if r := registry.byCode[codeOrName]; r != nil {
		return r
	}
	for _, r := range registry.rules {
		if r.Name == codeOrName {
			return r
		}
	}
	return nil
}
