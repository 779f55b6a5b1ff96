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
// NoField marks a child that has no field name.
type Field uint16

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
	if id == 0 {
		panic("syntax: the Python grammar has no field " + name)
	}
	return Field(id)
}

// String returns the grammar's name for f, or "" for NoField.
func (f Field) String() string { return language.FieldNameForId(uint16(f)) }

// Node kinds the analysis looks at.
var (
	Module                  = named("module")
	Error                   = named("ERROR")
	Comment                 = named("comment")
	Identifier              = named("identifier")
	Attribute               = named("attribute")
	Call                    = named("call")
	ArgumentList            = named("argument_list")
	KeywordArgument         = named("keyword_argument")
	ListSplat               = named("list_splat")
	DictionarySplat         = named("dictionary_splat")
	Await                   = named("await")
	Yield                   = named("yield")
	Lambda                  = named("lambda")
	LambdaParameters        = named("lambda_parameters")
	FunctionDefinition      = named("function_definition")
	ClassDefinition         = named("class_definition")
	DecoratedDefinition     = named("decorated_definition")
	Decorator               = named("decorator")
	Parameters              = named("parameters")
	DefaultParameter        = named("default_parameter")
	TypedParameter          = named("typed_parameter")
	TypedDefaultParameter   = named("typed_default_parameter")
	ListSplatPattern        = named("list_splat_pattern")
	DictionarySplatPattern  = named("dictionary_splat_pattern")
	Block                   = named("block")
	ExpressionStatement     = named("expression_statement")
	ReturnStatement         = named("return_statement")
	ForStatement            = named("for_statement")
	WithStatement           = named("with_statement")
	WithItem                = named("with_item")
	AsPattern               = named("as_pattern")
	AsPatternTarget         = named("as_pattern_target")
	ListComprehension       = named("list_comprehension")
	SetComprehension        = named("set_comprehension")
	DictionaryComprehension = named("dictionary_comprehension")
	GeneratorExpression     = named("generator_expression")
	ForInClause             = named("for_in_clause")
	ImportStatement         = named("import_statement")
	ImportFromStatement     = named("import_from_statement")
	FutureImportStatement   = named("future_import_statement")
	AliasedImport           = named("aliased_import")
	DottedName              = named("dotted_name")
	RelativeImport          = named("relative_import")
	WildcardImport          = named("wildcard_import")
	GlobalStatement         = named("global_statement")
	NonlocalStatement       = named("nonlocal_statement")
	Assignment              = named("assignment")
	AugmentedAssignment     = named("augmented_assignment")
	NamedExpression         = named("named_expression")
	ExceptClause            = named("except_clause")
	PatternList             = named("pattern_list")
	TuplePattern            = named("tuple_pattern")
	ListPattern             = named("list_pattern")
	ParenthesizedExpression = named("parenthesized_expression")
	Type                    = named("type")
	Tuple                   = named("tuple")
	List                    = named("list")
	Set                     = named("set")
	ExpressionList          = named("expression_list")
	DeleteStatement         = named("delete_statement")
	ImportPrefix            = named("import_prefix")
	CasePattern             = named("case_pattern")
	SplatPattern            = named("splat_pattern")
	Subscript               = named("subscript")
	BinaryOperator          = named("binary_operator")
	GenericType             = named("generic_type")
	False                   = named("false")
	True                    = named("true")
	None                    = named("none")
	IfStatement             = named("if_statement")
	ElifClause              = named("elif_clause")
	ElseClause              = named("else_clause")
	WhileStatement          = named("while_statement")
	TryStatement            = named("try_statement")
	FinallyClause           = named("finally_clause")
	RaiseStatement          = named("raise_statement")
	PassStatement           = named("pass_statement")
	BreakStatement          = named("break_statement")
	ContinueStatement       = named("continue_statement")
	AssertStatement         = named("assert_statement")
	BooleanOperator         = named("boolean_operator")
	NotOperator             = named("not_operator")
	ComparisonOperator      = named("comparison_operator")
	ConditionalExpression   = named("conditional_expression")
	UnaryOperator           = named("unary_operator")
	Pair                    = named("pair")
	Dictionary              = named("dictionary")
	Interpolation           = named("interpolation")
	String                  = named("string")
	Integer                 = named("integer")
	Float                   = named("float")

	AsyncKeyword = token("async")
	AwaitKeyword = token("await")
	ForKeyword   = token("for")
	WithKeyword  = token("with")
	FromKeyword  = token("from")
)

// Fields the analysis looks at.
var (
	FieldName         = field("name")
	FieldAlias        = field("alias")
	FieldBody         = field("body")
	FieldLeft         = field("left")
	FieldRight        = field("right")
	FieldValue        = field("value")
	FieldType         = field("type")
	FieldFunction     = field("function")
	FieldArguments    = field("arguments")
	FieldObject       = field("object")
	FieldAttr         = field("attribute")
	FieldParameters   = field("parameters")
	FieldReturnType   = field("return_type")
	FieldSuperclasses = field("superclasses")
	FieldModuleName   = field("module_name")
	FieldDefinition   = field("definition")
	FieldOperator     = field("operator")
	FieldCondition    = field("condition")
	FieldConsequence  = field("consequence")
	FieldAlternative  = field("alternative")
	FieldCause        = field("cause")
	FieldArgument     = field("argument")
)
