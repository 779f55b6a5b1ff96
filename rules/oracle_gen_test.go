package rules

import (
	"math/rand/v2"
	"slices"
	"strings"
)

// This file generates the programs of TestAgreesWithCPython: realistic
// modules with one to three constructs that the AL1xx rules judge, inserted
// at random statement positions through random carriers (decorators,
// default values, lambdas, class arguments, f-strings) and comprehensions
// nested in each other. The generator tracks the scope each position runs
// in so that the programs raise no SyntaxError the rules do not model, such
// as a yield in a class body or a return at module level.

// genScope is the kind of scope generated code runs in.
type genScope int

const (
	inModule genScope = iota
	inClass
	inDef
	inAsyncDef
	inLambda
	inComprehension // list, set or dict comprehension
	inGenexp
)

// canYield reports whether yield is legal in s.
func (s genScope) canYield() bool { return s == inDef || s == inAsyncDef || s == inLambda }

// genHole marks where a carrier takes its expression.
const genHole = "@@"

// A genCarrier is a statement that holds an expression. Its lines after the
// first are indented relative to it.
type genCarrier struct {
	text   string
	lambda bool // the hole is a lambda's body
	def    bool // the carrier returns, so it needs a def
}

var genCarriers = []genCarrier{
	{text: "result = @@"},
	{text: "print(@@)"},
	{text: `logger.debug("value: %s", @@)`},
	{text: "if @@:\n    pass"},
	{text: "for item in @@:\n    process(item)"},
	{text: "while @@:\n    break"},
	{text: "with @@ as handle:\n    handle.flush()"},
	{text: "try:\n    pass\nexcept @@:\n    pass"},
	{text: `assert @@, "unexpected state"`},
	{text: "return @@", def: true},
	{text: "@register(@@)\ndef handler(event):\n    return event"},
	{text: "@register(\n    @@,\n)\nclass Handler:\n    pass"},
	{text: "def callback(event, default=@@):\n    return event"},
	{text: "async def callback(event, *, timeout=@@):\n    return event"},
	{text: "class Handler(Base, option=@@):\n    pass"},
	{text: "class Handler(@@):\n    name = \"handler\""},
	{text: "handler = lambda event: @@", lambda: true},
	{text: "raise ValueError(@@)"},
	{text: "timeout: float = @@"},
	{text: "total += @@"},
	{text: "cache[@@] = value"},
	{text: "client.send(\n    payload,\n    timeout=@@,\n)"},
	{text: "values = [*@@]"},
}

// A genInsertion is one of the constructs under test.
type genInsertion struct {
	text string
	form insertForm
}

type insertForm int

const (
	exprForm   insertForm = iota // an expression, legal anywhere
	yieldForm                    // an expression that needs a function
	blockForm                    // a compound statement
	returnForm                   // a statement that needs a def
)

var genInsertions = []genInsertion{
	{"await x", exprForm},
	{"async for v in y:", blockForm},
	{"async with y as v:", blockForm},
	{"[v async for v in y]", exprForm},
	{"[await v for v in y]", exprForm},
	{"(await v for v in y)", exprForm},
	{"{v: await v for v in y}", exprForm},
	{"yield from y", yieldForm},
	{"yield v", yieldForm},
	{"return v", returnForm},
	{"return", returnForm},
}

// genExprInsertions are the insertions that may go in any expression.
var genExprInsertions = slices.DeleteFunc(slices.Clone(genInsertions), func(in genInsertion) bool { return in.form != exprForm })

// A progGenerator writes random programs. Its output depends only on its seed.
type progGenerator struct {
	r      *rand.Rand
	lines  []genLine
	budget int // insertions left for the program being built
}

// genLine is a line of the program being built, or a slot: a statement
// position where an insertion may go.
type genLine struct {
	indent int
	text   string
	slot   bool
	scope  genScope // of a slot
}

func newProgGenerator(seed uint64) *progGenerator {
	return &progGenerator{r: rand.New(rand.NewPCG(seed, 0x6173796e636c696e))}
}

// program returns a new program with one to three insertions.
func (g *progGenerator) program() string {
	g.lines = g.lines[:0]
	g.module()
	// Most insertions are errors outside an async def: favour async defs
	// so that about half the programs compile.
	var slots, asyncSlots []int
	for i, l := range g.lines {
		if l.slot {
			slots = append(slots, i)
			if l.scope == inAsyncDef {
				asyncSlots = append(asyncSlots, i)
			}
		}
	}
	fill := map[int][]string{}
	for g.budget = 1 + g.r.IntN(3); g.budget > 0; {
		g.budget--
		i := genPick(g, slots)
		if len(asyncSlots) > 0 && g.chance(0.6) {
			i = genPick(g, asyncSlots)
		}
		fill[i] = append(fill[i], g.insertion(g.lines[i].scope))
	}
	var b strings.Builder
	for i, l := range g.lines {
		if !l.slot {
			writeIndented(&b, l.indent, l.text)
			continue
		}
		for _, text := range fill[i] {
			writeIndented(&b, l.indent, text)
		}
	}
	return b.String()
}

// writeIndented writes text indented by indent levels.
func writeIndented(b *strings.Builder, indent int, text string) {
	for line := range strings.SplitSeq(text, "\n") {
		if line != "" {
			b.WriteString(strings.Repeat("    ", indent))
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
}

func (g *progGenerator) chance(p float64) bool { return g.r.Float64() < p }

func genPick[T any](g *progGenerator, xs []T) T { return xs[g.r.IntN(len(xs))] }

func (g *progGenerator) add(indent int, text string) {
	g.lines = append(g.lines, genLine{indent: indent, text: text})
}

func (g *progGenerator) slot(indent int, s genScope) {
	g.lines = append(g.lines, genLine{indent: indent, slot: true, scope: s})
}

var genImports = []string{
	"import asyncio",
	"import functools",
	"import json",
	"import os",
	"from dataclasses import dataclass",
	"from typing import Any, Optional",
	"import aiohttp",
}

func (g *progGenerator) module() {
	if g.chance(0.3) {
		g.add(0, `"""Helpers for the ingestion service."""`)
	}
	if g.chance(0.2) {
		g.add(0, "from __future__ import annotations") // must stay first
	}
	g.add(0, "import logging")
	for _, i := range g.r.Perm(len(genImports))[:g.r.IntN(3)] {
		g.add(0, genImports[i])
	}
	g.add(0, "")
	g.add(0, "logger = logging.getLogger(__name__)")
	g.slot(0, inModule)
	for range 1 + g.r.IntN(3) {
		switch g.r.IntN(6) {
		case 0, 1:
			g.add(0, "\n")
			g.function(0, inModule, g.chance(0.5), 0)
		case 2, 3:
			g.add(0, "\n")
			g.class(0, 0)
		default:
			g.statement(0, inModule, 1)
		}
		g.slot(0, inModule)
	}
	if g.chance(0.2) {
		g.add(0, "\n")
		g.add(0, `if __name__ == "__main__":`)
		g.body(1, inModule, 2)
	}
}

// body writes one to three statements with slots around them.
func (g *progGenerator) body(indent int, s genScope, depth int) {
	g.slot(indent, s)
	for range 1 + g.r.IntN(3) {
		g.statement(indent, s, depth)
		g.slot(indent, s)
	}
}

var (
	genAnyStatements = []string{
		`logger.info("processing %s", key)`,
		"count = len(items)",
		`config = {"timeout": 10, "retries": 3}`,
		"names = [item.name for item in items if item.enabled]",
		"lookup = {k: v for k, v in pairs}",
		"total = sum(f.size for f in files)",
		"path = os.path.join(base, name)",
		"data = json.loads(payload)",
		"value: int = 0",
		`assert items, "no items"`,
		"callback = lambda event: event.payload",
		"matrix = [[cell for cell in row] for row in grid]",
	}
	genDefStatements = []string{
		"return result",
		"return None",
		`raise ValueError("bad request")`,
		"yield item",
		"rows = list(self.cursor.fetchall())",
	}
	genAsyncDefStatements = []string{
		"response = await session.get(url)",
		"await asyncio.sleep(0.1)",
		"results = await asyncio.gather(*tasks)",
		"rows = [await fetch(u) for u in urls]",
		"return await response.json()",
		"return result",
	}
	genClassStatements = []string{
		`name = "default"`,
		"timeout: float = 30.0",
		`__slots__ = ("key", "value")`,
		"registry = {}",
	}
)

// statement writes a simple or compound statement, a def or a class. The
// deeper it is, the simpler.
func (g *progGenerator) statement(indent int, s genScope, depth int) {
	switch k := g.r.IntN(10); {
	case k < 4 || depth >= 3:
		g.simple(indent, s)
	case k < 7:
		g.compound(indent, s, depth)
	case k < 9:
		g.function(indent, s, g.chance(0.5), depth)
	default:
		g.class(indent, depth)
	}
}

func (g *progGenerator) simple(indent int, s genScope) {
	pool := genAnyStatements
	switch s {
	case inClass:
		pool = genClassStatements
	case inDef:
		pool = slices.Concat(genDefStatements, genAnyStatements)
	case inAsyncDef:
		pool = slices.Concat(genAsyncDefStatements, genAnyStatements)
	}
	g.add(indent, genPick(g, pool))
}

func (g *progGenerator) compound(indent int, s genScope, depth int) {
	k := g.r.IntN(7)
	if s == inAsyncDef && g.chance(0.3) {
		k = 7 + g.r.IntN(2)
	}
	switch k {
	case 0:
		g.add(indent, genPick(g, []string{"if user is None:", "if retries > 0:", "if not items:", "if False:"}))
		g.body(indent+1, s, depth+1)
		if g.chance(0.3) {
			g.add(indent, "elif debug:")
			g.body(indent+1, s, depth+1)
		}
		if g.chance(0.3) {
			g.add(indent, "else:")
			g.body(indent+1, s, depth+1)
		}
	case 1:
		g.add(indent, genPick(g, []string{"for item in items:", "for key, value in data.items():", "for i in range(10):"}))
		g.body(indent+1, s, depth+1)
		if g.chance(0.2) {
			g.add(indent, "else:")
			g.body(indent+1, s, depth+1)
		}
	case 2:
		g.add(indent, "while retries > 0:")
		g.body(indent+1, s, depth+1)
	case 3:
		g.add(indent, genPick(g, []string{"with open(path) as fh:", "with lock:", "with self.transaction() as tx:"}))
		g.body(indent+1, s, depth+1)
	case 4, 5:
		g.add(indent, "try:")
		g.body(indent+1, s, depth+1)
		g.add(indent, genPick(g, []string{"except (KeyError, ValueError) as exc:", "except Exception:", "except OSError as err:"}))
		g.body(indent+1, s, depth+1)
		if g.chance(0.3) {
			g.add(indent, "finally:")
			g.body(indent+1, s, depth+1)
		}
	case 6:
		g.add(indent, "if TYPE_CHECKING:")
		g.body(indent+1, s, depth+1)
	case 7:
		g.add(indent, genPick(g, []string{"async with session.get(url) as response:", "async with lock:"}))
		g.body(indent+1, s, depth+1)
	case 8:
		g.add(indent, "async for message in stream:")
		g.body(indent+1, s, depth+1)
	}
}

var (
	genFunctionNames  = []string{"fetch", "load_config", "handle", "process_batch", "refresh", "worker", "_parse"}
	genFunctionParams = []string{"", "request", "key: str, default: Any = None", "*args, **kwargs", "url, timeout=10.0", "items, /, *, limit=100"}
	genDecorators     = []string{"@functools.lru_cache(maxsize=None)", `@app.route("/items")`, "@retry(times=3)"}
)

func (g *progGenerator) function(indent int, outer genScope, async bool, depth int) {
	params := genPick(g, genFunctionParams)
	self := ""
	switch {
	case outer == inClass && g.chance(0.2):
		deco := genPick(g, []string{"@property", "@staticmethod", "@classmethod"})
		g.add(indent, deco)
		self = map[string]string{"@property": "self", "@classmethod": "cls"}[deco]
	case outer == inClass:
		self = "self"
	case g.chance(0.2):
		g.add(indent, genPick(g, genDecorators))
	}
	if self != "" {
		params = strings.TrimSuffix(self+", "+params, ", ")
	}
	header := "def " + genPick(g, genFunctionNames) + "(" + params + ")"
	if g.chance(0.3) {
		header += " -> None"
	}
	s := inDef
	if async {
		header, s = "async "+header, inAsyncDef
	}
	g.add(indent, header+":")
	if g.chance(0.3) {
		g.add(indent+1, `"""Do the work."""`)
	}
	g.body(indent+1, s, depth+1)
}

func (g *progGenerator) class(indent, depth int) {
	if g.chance(0.3) {
		g.add(indent, "@dataclass")
	}
	g.add(indent, genPick(g, []string{"class Client:", "class Repository(Base):", "class Settings(BaseModel, frozen=True):"}))
	g.slot(indent+1, inClass)
	for range 1 + g.r.IntN(3) {
		switch k := g.r.IntN(6); {
		case k < 2:
			g.simple(indent+1, inClass)
		case k < 5 || depth >= 2:
			g.function(indent+1, inClass, g.chance(0.5), depth+1)
		default:
			g.class(indent+1, depth+1)
		}
		g.slot(indent+1, inClass)
	}
}

// insertion returns one construct under test for a slot in scope s. Lines
// after the first are indented relative to the slot.
func (g *progGenerator) insertion(s genScope) string {
	for {
		in := genPick(g, genInsertions)
		switch in.form {
		case returnForm:
			if s == inDef || s == inAsyncDef {
				return in.text
			}
		case blockForm:
			if g.chance(0.5) {
				return in.text + " pass"
			}
			return in.text + "\n    pass"
		default:
			if g.chance(0.3) && (in.form == exprForm || s.canYield()) {
				return in.text // an expression statement
			}
			if text, ok := g.carry(in, s); ok {
				return text
			}
		}
	}
}

// carry embeds an expression insertion in zero to three wrappers and a
// carrier statement, or reports false when the result would raise a
// SyntaxError the rules do not model: a yield that ends up in a
// comprehension, a class body or the module.
func (g *progGenerator) carry(in genInsertion, s genScope) (string, bool) {
	c := genPick(g, genCarriers)
	if c.def && s != inDef && s != inAsyncDef {
		return "", false
	}
	budget := g.budget
	expr := in.text
	if in.form == yieldForm {
		expr = "(" + expr + ")"
	}
	runsIn := genScope(-1) // the scope of the innermost wrapper that has one
	fstring := false
	for range g.r.IntN(4) {
		var inner genScope
		if g.chance(0.6) {
			expr, inner = g.comprehension(expr)
		} else {
			expr, inner = g.wrap(expr, &fstring)
		}
		if runsIn < 0 {
			runsIn = inner
		}
	}
	if runsIn < 0 {
		runsIn = s
		if c.lambda {
			runsIn = inLambda
		}
	}
	if in.form == yieldForm && !runsIn.canYield() {
		g.budget = budget // give back what the comprehensions took
		return "", false
	}
	return strings.Replace(c.text, genHole, expr, 1), true
}

// wrap embeds expr in a lambda, call, conditional, display or f-string. It
// returns the scope expr runs in relative to the result: -1 when it is the
// same.
func (g *progGenerator) wrap(expr string, fstring *bool) (string, genScope) {
	for {
		switch g.r.IntN(8) {
		case 0:
			return "(lambda w: " + expr + ")", inLambda
		case 1:
			return "(lambda w=" + expr + ": w)", -1
		case 2:
			return "(lambda *, w=" + expr + ": w)", -1
		case 3:
			return "transform(" + expr + ")", -1
		case 4:
			return "(" + expr + " if ready else None)", -1
		case 5:
			return `{"key": ` + expr + "}", -1
		case 6:
			return "(first, " + expr + ")", -1
		case 7:
			// Before 3.12 an f-string cannot hold a newline or an f-string
			// with the same quotes.
			if !*fstring && !strings.Contains(expr, "\n") {
				*fstring = true
				return "f'{ " + expr + " }'", -1
			}
		}
	}
}

// comprehension embeds expr in a random list, set or dict comprehension or
// generator expression with one or two clauses, at a random position:
// element, key, value, condition or iterable. The first iterable runs in
// the enclosing scope, every other position in the comprehension's own.
// Other positions may get another insertion while the budget lasts, and
// clauses may be asynchronous.
func (g *progGenerator) comprehension(expr string) (string, genScope) {
	kind := g.r.IntN(5) // list, set, dict, generator expression, call argument
	clauses := 1 + g.r.IntN(2)
	positions := []string{"elem", "iter1", "cond1"}
	if kind == 2 {
		positions = []string{"key", "value", "iter1", "cond1"}
	}
	if clauses == 2 {
		positions = append(positions, "iter2", "cond2")
	}
	at := genPick(g, positions)
	part := func(pos, neutral string) string {
		if pos == at {
			return expr
		}
		if g.budget > 0 && g.chance(0.15) {
			g.budget--
			return genPick(g, genExprInsertions).text
		}
		return neutral
	}
	forKw := func() string {
		if g.budget > 0 && g.chance(0.1) {
			g.budget--
			return "async for"
		}
		return "for"
	}
	var head string
	if kind == 2 {
		head = part("key", "w.key") + ": " + part("value", "w")
	} else {
		head = part("elem", genPick(g, []string{"w", "w.name", "str(w)"}))
	}
	clause := forKw() + " w in " + part("iter1", genPick(g, []string{"items", "range(10)", "self.rows"}))
	if at == "cond1" || g.chance(0.2) {
		clause += " if " + part("cond1", "w is not None")
	}
	var clause2 string
	if clauses == 2 {
		clause2 = forKw() + " u in " + part("iter2", "w.children")
		if at == "cond2" || g.chance(0.2) {
			clause2 += " if " + part("cond2", "u")
		}
	}
	body := []string{head, clause}
	if clause2 != "" {
		body = append(body, clause2)
	}
	open, close := [...]string{"[", "{", "{", "(", "sum("}[kind], [...]string{"]", "}", "}", ")", ")"}[kind]
	var text string
	if g.chance(0.15) {
		text = open + "\n    " + strings.Join(body, "\n    ") + "\n" + close
	} else {
		text = open + strings.Join(body, " ") + close
	}
	switch {
	case at == "iter1":
		return text, -1
	case kind >= 3:
		return text, inGenexp
	}
	return text, inComprehension
}
