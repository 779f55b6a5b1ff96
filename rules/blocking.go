package rules

import (
	"fmt"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/analysis/syntax"
)

// blockingAPI is one row of the catalog of calls that block the thread.
type blockingAPI struct {
	library     string // who provides it: "stdlib", "requests", ...
	name        string // qualified name of the callable
	code        string // the rule that reports it
	replacement string // what a coroutine should use instead
}

// blockingCatalog lists the blocking calls asynclint knows. Each rule of
// the AL2xx family reports the rows with its code.
var blockingCatalog = []blockingAPI{
	{"stdlib", "time.sleep", "AL201", "asyncio.sleep"},
}

var blockingByName = func() map[string]*blockingAPI {
	m := make(map[string]*blockingAPI, len(blockingCatalog))
	for i := range blockingCatalog {
		m[blockingCatalog[i].name] = &blockingCatalog[i]
	}
	return m
}()

var blockingSleep = &analysis.Rule{
	Code:    "AL201",
	Name:    "blocking-sleep",
	Summary: "`time.sleep` in a coroutine",
	Default: true,
	FixKind: analysis.FixSafe,
	SameAs:  []string{"ASYNC251"},
	Doc: analysis.Doc{
		What: "Flags calls to `time.sleep` that run on the event loop: directly in an `async def` " +
			"body (not in a nested `def` or lambda, and not when `time.sleep` is only passed to " +
			"`asyncio.to_thread` or `loop.run_in_executor`). Names are resolved through imports, so " +
			"`from time import sleep` and `import time as t` are caught, and a local that shadows " +
			"`time` is not.",
		Why: "`time.sleep` blocks the thread, and the event loop runs on that thread: while one " +
			"coroutine sleeps, no other task, timer or I/O callback runs.",
		Example: "import time\n\n\nasync def poll(client):\n    while not await client.ready():\n        time.sleep(0.5)\n",
		Instead: "import asyncio\n\n\nasync def poll(client):\n    while not await client.ready():\n        await asyncio.sleep(0.5)\n",
	},
	Run: func(p *analysis.Pass) { reportBlocking(p, sleepFix) },
}

func init() {
	analysis.Register(blockingSleep)
}

// blockingCall is a call of a catalog entry that runs on the event loop.
type blockingCall struct {
	call, callee syntax.NodeID
	api          *blockingAPI
}

type blockingKey struct{}

// blockingCalls finds, once per file, the calls of catalog entries that run
// directly in a coroutine.
func blockingCalls(p *analysis.Pass) []blockingCall {
	return p.Memo(blockingKey{}, func() any {
		f := p.File
		t := f.Tree
		var calls []blockingCall
		for i := range t.Nodes {
			id := syntax.NodeID(i)
			if t.Kind(id) != syntax.Call || !f.InCoroutine(id) {
				continue
			}
			callee := t.ChildByField(id, syntax.FieldFunction)
			if api := blockingByName[f.QualifiedName(callee)]; api != nil {
				calls = append(calls, blockingCall{call: id, callee: callee, api: api})
			}
		}
		return calls
	}).([]blockingCall)
}

// reportBlocking reports the blocking calls of the pass's rule, with the
// fix fix computes.
func reportBlocking(p *analysis.Pass, fix func(*semantic.File, blockingCall) *analysis.Fix) {
	for _, c := range blockingCalls(p) {
		if c.api.code != p.Rule.Code {
			continue
		}
		replacement := c.api.replacement
		if c.api.name == "time.sleep" {
			replacement = asyncLibrary(p.File) + ".sleep"
		}
		p.Reportf(c.call, fix(p.File, c),
			"`%s` blocks the event loop in a coroutine; use `%s`", c.api.name, replacement)
	}
}

// asyncLibrary returns the async library a file is written for: trio or
// anyio when it imports one of them and not asyncio, else asyncio.
func asyncLibrary(f *semantic.File) string {
	switch {
	case f.Imports("asyncio"):
		return "asyncio"
	case f.Imports("trio"):
		return "trio"
	case f.Imports("anyio"):
		return "anyio"
	}
	return "asyncio"
}

// sleepFix rewrites time.sleep(x) as await asyncio.sleep(x) (or the trio or
// anyio sleep), importing the library when needed.
func sleepFix(f *semantic.File, c blockingCall) *analysis.Fix {
	t := f.Tree
	library := asyncLibrary(f)
	name, importEdit, ok := analysis.ImportModule(f, c.call, library)
	if !ok || t.Kind(t.Nodes[c.call].Parent) == syntax.Await {
		return nil
	}
	fix := &analysis.Fix{
		Message:       fmt.Sprintf("Use `await %s.sleep(...)`", name),
		Applicability: analysis.Safe,
		Edits: []analysis.TextEdit{{
			Start:   int(t.Nodes[c.call].Start),
			End:     int(t.Nodes[c.callee].End),
			NewText: "await " + name + ".sleep",
		}},
	}
	if importEdit != nil {
		fix.Edits = append([]analysis.TextEdit{*importEdit}, fix.Edits...)
	}
	return fix
}
