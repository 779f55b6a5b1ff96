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

// scope is the kind of scope generated code runs in.
type scope int

const (
	inModule scope = iota
	inClass
	inDef
	inAsyncDef
	inLambda
	inComprehension // list, set or dict comprehension
	inGenexp
)

// canYield reports whether yield is legal in s.
func (s scope) canYield() bool { return s == inDef || s == inAsyncDef || s == inLambda }

// hole marks where a carrier takes its expression.
const hole = "@@"

// A carrier is a statement that holds an expression. Its lines after the
// first are indented relative to it.
type carrier struct {
	text   string
	lambda bool // the hole is a lambda's body
	def    bool // the carrier returns, so it needs a def
}

var carriers = []carrier{
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

// An insertion is one of the constructs under test.
type insertion struct {
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

var insertions = []insertion{
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

// exprInsertions are the insertions that may go in any expression.
var exprInsertions = slices.DeleteFunc(slices.Clone(insertions), func(in insertion) bool { return in.form != exprForm })

// A generator writes random programs. Its output depends only on its seed.
type generator struct {
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
	scope  scope // of a slot
}

func newGenerator(seed uint64) *generator {
	return &generator{r: rand.New(rand.NewPCG(seed, 0x6173796e636c696e))}
}

// program returns a new program with one to three insertions.
func (g *generator) program() string {
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
		i := pick(g, slots)
		if len(asyncSlots) > 0 && g.chance(0.6) {
			i = pick(g, asyncSlots)
		}
		fill[i] = append(fill[i], g.insertion(g.lines[i].scope))
	}
	var b strings.Builder
	for i, l := range g.lines {
		if !l.slot {
			writeLines(&b, l.indent, l.text)
			continue
		}
		for _, text := range fill[i] {
			writeLines(&b, l.indent, text)
		}
	}
	return b.String()
}

// writeLines writes text indented by indent levels.
func writeLines(b *strings.Builder, indent int, text string) {
	for line := range strings.SplitSeq(text, "\n") {
		if line != "" {
			b.WriteString(strings.Repeat("    ", indent))
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
}

func (g *generator) chance(p float64) bool { return g.r.Float64() < p }

func pick[T any](g *generator, xs []T) T { return xs[g.r.IntN(len(xs))] }

func (g *generator) add(indent int, text string) {
	g.lines = append(g.lines, genLine{indent: indent, text: text})
}

func (g *generator) slot(indent int, s scope) {
	g.lines = append(g.lines, genLine{indent: indent, slot: true, scope: s})
}

var imports = []string{
	"import asyncio",
	"import functools",
	"import json",
	"import os",
	"from dataclasses import dataclass",
	"from typing import Any, Optional",
	"import aiohttp",
}

func (g *generator) module() {
	if g.chance(0.3) {
		g.add(0, `"""Helpers for the ingestion service."""`)
	}
	if g.chance(0.2) {
		g.add(0, "from __future__ import annotations") // must stay first
	}
	g.add(0, "import logging")
	for _, i := range g.r.Perm(len(imports))[:g.r.IntN(3)] {
		g.add(0, imports[i])
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
func (g *generator) body(indent int, s scope, depth int) {
	g.slot(indent, s)
	for range 1 + g.r.IntN(3) {
		g.statement(indent, s, depth)
		g.slot(indent, s)
	}
}

var (
	anyStatements = []string{
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
	defStatements = []string{
		"return result",
		"return None",
		`raise ValueError("bad request")`,
		"yield item",
		"rows = list(self.cursor.fetchall())",
	}
	asyncDefStatements = []string{
		"response = await session.get(url)",
		"await asyncio.sleep(0.1)",
		"results = await asyncio.gather(*tasks)",
		"rows = [await fetch(u) for u in urls]",
		"return await response.json()",
		"return result",
	}
	classStatements = []string{
		`name = "default"`,
		"timeout: float = 30.0",
		`__slots__ = ("key", "value")`,
		"registry = {}",
	}
)

// statement writes a simple or compound statement, a def or a class. The
// deeper it is, the simpler.
func (g *generator) statement(indent int, s scope, depth int) {
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

func (g *generator) simple(indent int, s scope) {
	pool := anyStatements
	switch s {
	case inClass:
		pool = classStatements
	case inDef:
		pool = slices.Concat(defStatements, anyStatements)
	case inAsyncDef:
		pool = slices.Concat(asyncDefStatements, anyStatements)
	}
	g.add(indent, pick(g, pool))
}

func (g *generator) compound(indent int, s scope, depth int) {
	k := g.r.IntN(7)
	if s == inAsyncDef && g.chance(0.3) {
		k = 7 + g.r.IntN(2)
	}
	switch k {
	case 0:
		g.add(indent, pick(g, []string{"if user is None:", "if retries > 0:", "if not items:", "if False:"}))
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
		g.add(indent, pick(g, []string{"for item in items:", "for key, value in data.items():", "for i in range(10):"}))
		g.body(indent+1, s, depth+1)
		if g.chance(0.2) {
			g.add(indent, "else:")
			g.body(indent+1, s, depth+1)
		}
	case 2:
		g.add(indent, "while retries > 0:")
		g.body(indent+1, s, depth+1)
	case 3:
		g.add(indent, pick(g, []string{"with open(path) as fh:", "with lock:", "with self.transaction() as tx:"}))
		g.body(indent+1, s, depth+1)
	case 4, 5:
		g.add(indent, "try:")
		g.body(indent+1, s, depth+1)
		g.add(indent, pick(g, []string{"except (KeyError, ValueError) as exc:", "except Exception:", "except OSError as err:"}))
		g.body(indent+1, s, depth+1)
		if g.chance(0.3) {
			g.add(indent, "finally:")
			g.body(indent+1, s, depth+1)
		}
	case 6:
		g.add(indent, "if TYPE_CHECKING:")
		g.body(indent+1, s, depth+1)
	case 7:
		g.add(indent, pick(g, []string{"async with session.get(url) as response:", "async with lock:"}))
		g.body(indent+1, s, depth+1)
	case 8:
		g.add(indent, "async for message in stream:")
		g.body(indent+1, s, depth+1)
	}
}

var (
	functionNames  = []string{"fetch", "load_config", "handle", "process_batch", "refresh", "worker", "_parse"}
	functionParams = []string{"", "request", "key: str, default: Any = None", "*args, **kwargs", "url, timeout=10.0", "items, /, *, limit=100"}
	decorators     = []string{"@functools.lru_cache(maxsize=None)", `@app.route("/items")`, "@retry(times=3)"}
)

func (g *generator) function(indent int, outer scope, async bool, depth int) {
	params := pick(g, functionParams)
	self := ""
	switch {
	case outer == inClass && g.chance(0.2):
		deco := pick(g, []string{"@property", "@staticmethod", "@classmethod"})
		g.add(indent, deco)
		self = map[string]string{"@property": "self", "@classmethod": "cls"}[deco]
	case outer == inClass:
		self = "self"
	case g.chance(0.2):
		g.add(indent, pick(g, decorators))
	}
	if self != "" {
		params = strings.TrimSuffix(self+", "+params, ", ")
	}
	header := "def " + pick(g, functionNames) + "(" + params + ")"
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

func (g *generator) class(indent, depth int) {
	if g.chance(0.3) {
		g.add(indent, "@dataclass")
	}
	g.add(indent, pick(g, []string{"class Client:", "class Repository(Base):", "class Settings(BaseModel, frozen=True):"}))
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
func (g *generator) insertion(s scope) string {
	for {
		in := pick(g, insertions)
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
func (g *generator) carry(in insertion, s scope) (string, bool) {
	c := pick(g, carriers)
	if c.def && s != inDef && s != inAsyncDef {
		return "", false
	}
	budget := g.budget
	expr := in.text
	if in.form == yieldForm {
		expr = "(" + expr + ")"
	}
	runsIn := scope(-1) // the scope of the innermost wrapper that has one
	fstring := false
	for range g.r.IntN(4) {
		var inner scope
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
	return strings.Replace(c.text, hole, expr, 1), true
}

// wrap embeds expr in a lambda, call, conditional, display or f-string. It
// returns the scope expr runs in relative to the result: -1 when it is the
// same.
func (g *generator) wrap(expr string, fstring *bool) (string, scope) {
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
func (g *generator) comprehension(expr string) (string, scope) {
	kind := g.r.IntN(5) // list, set, dict, generator expression, call argument
	clauses := 1 + g.r.IntN(2)
	positions := []string{"elem", "iter1", "cond1"}
	if kind == 2 {
		positions = []string{"key", "value", "iter1", "cond1"}
	}
	if clauses == 2 {
		positions = append(positions, "iter2", "cond2")
	}
	at := pick(g, positions)
	part := func(pos, neutral string) string {
		if pos == at {
			return expr
		}
		if g.budget > 0 && g.chance(0.15) {
			g.budget--
			return pick(g, exprInsertions).text
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
		head = part("elem", pick(g, []string{"w", "w.name", "str(w)"}))
	}
	clause := forKw() + " w in " + part("iter1", pick(g, []string{"items", "range(10)", "self.rows"}))
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
