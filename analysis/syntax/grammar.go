package syntax

import (
	"fmt"

	"github.com/asynclint/asynclint/analysis/syntax/python"
	ts "github.com/tree-sitter/go-tree-sitter"
)

// Kind identifies a node type of the Python grammar. Grammar symbols that
// share a name and namedness (aliases) map to one Kind.
type Kind uint16

// Field identifies the role of a node within its parent ("body", "name", ...).
// NoField marks a child that has no field name. The grammar has fewer
// than 256 fields: a byte keeps nodes small.
type Field uint8

const NoField Field = 0

var (
	language = ts.NewLanguage(python.Language())
	grammar  = loadGrammar()
)

// skippedTokens are left out of flattened trees: a quarter of all nodes,
// and no analysis needs them (their parents' fields and ranges say it
// all). Commas stay: fixes that delete an argument look for them.
var skippedTokens = []string{".", "(", ")", "=", ":", "[", "]", "{", "}"}

// grammarTables maps the grammar's symbols to canonical kinds.
type grammarTables struct {
	symbolKinds []uint16 // grammar symbol -> canonical Kind, passed to C
	skip        []uint8  // Kind -> 1 when flattening leaves it out, passed to C
	names       []string
	namedKinds  map[string]Kind
	tokenKinds  map[string]Kind
}

func loadGrammar() *grammarTables {
	n := int(language.NodeKindCount())
	g := &grammarTables{
		symbolKinds: make([]uint16, n),
		names:       make([]string, n),
		namedKinds:  map[string]Kind{},
		tokenKinds:  map[string]Kind{},
	}
	for s := 0; s < n; s++ {
		name := language.NodeKindForId(uint16(s))
		table := g.tokenKinds
		if language.NodeKindIsNamed(uint16(s)) {
			table = g.namedKinds
		}
		k, ok := table[name]
		if !ok {
			k = Kind(s)
			table[name] = k
		}
		g.symbolKinds[s] = uint16(k)
		g.names[s] = name
	}
	// tree-sitter's error symbols lie outside the grammar's range; the C
	// helper maps every such symbol to this last kind.
	g.symbolKinds = append(g.symbolKinds, uint16(n))
	g.names = append(g.names, "ERROR")
	g.namedKinds["ERROR"] = Kind(n)
	g.skip = make([]uint8, len(g.names))
	for _, tok := range skippedTokens {
		if k, ok := g.tokenKinds[tok]; ok {
			g.skip[k] = 1
		}
	}
	return g
}

// String returns the grammar's name for the kind.
func (k Kind) String() string {
	if int(k) < len(grammar.names) {
		return grammar.names[k]
	}
	return fmt.Sprintf("Kind(%d)", k)
}

// NamedKind returns the Kind of the named node type called name, for rules
// that need a kind not listed below. It panics if the grammar has none.
func NamedKind(name string) Kind { return named(name) }

// named returns the Kind of the named node type called name.
func named(name string) Kind {
	k, ok := grammar.namedKinds[name]
	if !ok {
		panic("syntax: the Python grammar has no node type " + name)
	}
	return k
}

// token returns the Kind of the anonymous token spelled text.
func token(text string) Kind {
	k, ok := grammar.tokenKinds[text]
	if !ok {
		panic("syntax: the Python grammar has no token " + text)
	}
	return k
}

func field(name string) Field {
	id := language.FieldIdForName(name)
	if id == 0 || id > 0xff {
		panic("syntax: the Python grammar has no field " + name + " that a Field holds")
	}
	return Field(id)
}

// String returns the grammar's name for f, or "" for NoField.
func (f Field) String() string { return language.FieldNameForId(uint16(f)) }
