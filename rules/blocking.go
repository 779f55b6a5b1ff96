package rules

import (
	"fmt"
	"sort"
	"strings"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/config"
	"github.com/asynclint/asynclint/analysis/fix"
	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/analysis/syntax"
)

// blockingAPI is one row of the catalog of calls that block the thread.
type blockingAPI struct {
	library     string // who provides it: "stdlib", "requests", ...
	name        string // qualified name: a function, or Type.method
	code        string // the rule that reports it
	replacement string // what a coroutine should use instead
	method      bool   // name is Type.method, matched through the receiver's type
	noFix       bool   // moving the call to a thread would not help
	nonBlocking string // keyword argument that, when False, makes the call return at once
}

// blockingFunctions and blockingMethods index the catalog.
var blockingFunctions, blockingMethods = func() (map[string]*blockingAPI, map[string]*blockingAPI) {
	funcs, methods := map[string]*blockingAPI{}, map[string]*blockingAPI{}
	for i := range blockingCatalog {
		api := &blockingCatalog[i]
		if api.method {
			methods[api.name] = api
		} else {
			funcs[api.name] = api
		}
	}
	return funcs, methods
}()

// blockingRule returns the rule that reports the catalog rows with its
// code. Its page lists them.
func blockingRule(r *analysis.Rule) *analysis.Rule {
	r = newRule(r)
	r.Default = true
	if r.Run == nil {
		r.Run = func(p *analysis.Pass) { reportBlocking(p, toThreadFix) }
	}
	for _, api := range blockingCatalog {
		if api.code == r.Code {
			r.Covers = append(r.Covers, displayName(api.name))
		}
	}
	sort.Strings(r.Covers)
	return r
}

var blockingSleep = blockingRule(&analysis.Rule{
	Code:    "AL201",
	Name:    "blocking-sleep",
	Summary: "`time.sleep` in a coroutine",
	FixKind: analysis.FixSafe,
	SameAs:  []string{"ASYNC251"},
	Run:     func(p *analysis.Pass) { reportBlocking(p, sleepFix) },
})

var blockingHTTP = blockingRule(&analysis.Rule{
	Code:    "AL202",
	Name:    "blocking-http",
	Summary: "a synchronous HTTP request in a coroutine",
	FixKind: analysis.FixUnsafe,
	SameAs:  []string{"ASYNC210", "ASYNC211", "ASYNC212"},
})

var blockingSubprocess = blockingRule(&analysis.Rule{
	Code:    "AL203",
	Name:    "blocking-subprocess",
	Summary: "a process started or waited for synchronously in a coroutine",
	FixKind: analysis.FixUnsafe,
	SameAs:  []string{"ASYNC220", "ASYNC221", "ASYNC222"},
})

var blockingFileIO = blockingRule(&analysis.Rule{
	Code:    "AL204",
	Name:    "blocking-file-io",
	Summary: "file system access in a coroutine",
	FixKind: analysis.FixUnsafe,
	SameAs:  []string{"ASYNC230", "ASYNC231", "ASYNC232", "ASYNC240"},
})

var blockingInput = blockingRule(&analysis.Rule{
	Code:    "AL205",
	Name:    "blocking-input",
	Summary: "`input()` in a coroutine",
	FixKind: analysis.FixUnsafe,
	SameAs:  []string{"ASYNC250"},
})

var blockingNetwork = blockingRule(&analysis.Rule{
	Code:    "AL206",
	Name:    "blocking-network",
	Summary: "blocking socket, TLS, DNS, SMTP or FTP calls in a coroutine",
	FixKind: analysis.FixUnsafe,
})

var blockingDatabase = blockingRule(&analysis.Rule{
	Code:    "AL207",
	Name:    "blocking-database",
	Summary: "a synchronous database driver used in a coroutine",
	FixKind: analysis.FixUnsafe,
})

var blockingWait = blockingRule(&analysis.Rule{
	Code:    "AL208",
	Name:    "blocking-wait",
	Summary: "a wait on a thread or a synchronous primitive in a coroutine",
})

var blockingConfigured = blockingRule(&analysis.Rule{
	Code:    "AL209",
	Name:    "blocking-configured",
	Summary: "a call the configuration lists as blocking, in a coroutine",
	SameAs:  []string{"ASYNC200"},
})

var blockingViaCall = newRule(&analysis.Rule{
	Code:    "AL210",
	Name:    "blocking-via-call",
	Summary: "a call of a project function that blocks, directly or through further calls",
	Default: true,
	FixKind: analysis.FixUnsafe,
	Run:     reportBlockingChains,
})

// reportBlockingChains reports calls from coroutines to project functions
// that block, with the chain of calls that leads to the blocking API.
func reportBlockingChains(p *analysis.Pass) {
	f := p.File
	if p.Project == nil {
		return
	}
	t := f.Tree
	for id := range t.OfKind(syntax.Call) {
		if !f.InCoroutine(id) {
			continue
		}
		callee := t.ChildByField(id, syntax.FieldFunction)
		facts := p.Function(callee)
		if facts == nil || facts.Async || facts.Chain == nil || p.Settings.Blocking.Allowed(facts.Name) {
			continue
		}
		names := []string{f.DefinitionName(f.Scopes[f.ExecutingFunction(id)].Node), lastName(facts.Name)}
		var related []analysis.Related
		for _, hop := range facts.Chain {
			names = append(names, hop.Callee)
			related = append(related, analysis.Related{Path: hop.Path, Start: hop.Start, End: hop.End,
				Message: fmt.Sprintf("`%s` calls `%s`", lastName(hop.Function), hop.Callee)})
		}
		call := blockingCall{node: id, callee: callee, api: &blockingAPI{name: facts.Name, code: p.Rule.Code}}
		n := &t.Nodes[id]
		p.Report(analysis.Diagnostic{
			Start:   int(n.Start),
			End:     int(n.End),
			Message: fmt.Sprintf("`%s` blocks the event loop: %s", shortText(t, callee), strings.Join(names, " -> ")),
			Fix:     toThreadFix(p, call),
			Related: related,
		})
	}
}

// lastName drops the modules and classes from a qualified name.
func lastName(name string) string { return name[strings.LastIndex(name, ".")+1:] }

// blockingCall is a blocking call (or a with statement on a thread lock)
// that runs on the event loop.
type blockingCall struct {
	node   syntax.NodeID // the call, or the with item's value
	callee syntax.NodeID // NoNode for a with item
	api    *blockingAPI
}

type blockingKey struct{}

// blockingCalls finds, once per file, the blocking calls that run directly
// in a coroutine.
func blockingCalls(p *analysis.Pass) []blockingCall {
	return p.Memo(blockingKey{}, func() any {
		f := p.File
		t := f.Tree
		settings := &p.Settings.Blocking
		var found []blockingCall
		for id := range t.OfKind(syntax.Call, syntax.WithItem) {
			switch t.Kind(id) {
			case syntax.Call:
				if !f.InCoroutine(id) {
					continue
				}
				if api := blockingAPIOf(f, id, settings); api != nil {
					found = append(found, blockingCall{node: id, callee: t.ChildByField(id, syntax.FieldFunction), api: api})
				}
			case syntax.WithItem:
				value := t.ChildByField(id, syntax.FieldValue)
				if value != syntax.NoNode && t.Kind(value) == syntax.AsPattern {
					value = t.FirstChild(value)
				}
				stmt := t.Nodes[t.Nodes[id].Parent].Parent
				if value == syntax.NoNode || t.HasToken(stmt, syntax.AsyncKeyword) || !f.InCoroutine(id) {
					continue
				}
				if typ := f.TypeOf(value, blockingTypes); blockingLocks[typ] && !settings.Allowed(typ) {
					found = append(found, blockingCall{node: value, callee: syntax.NoNode, api: &blockingAPI{
						name: typ, code: "AL208", replacement: "an asyncio.Lock with `async with`", noFix: true}})
				}
			}
		}
		return found
	}).([]blockingCall)
}

// blockingAPIOf returns the catalog row (or configured call) a call
// matches, or nil.
func blockingAPIOf(f *semantic.File, call syntax.NodeID, settings *config.BlockingSettings) *blockingAPI {
	t := f.Tree
	callee := t.ChildByField(call, syntax.FieldFunction)
	var api *blockingAPI
	if q := f.QualifiedName(callee); q != "" {
		if replacement, ok := settings.Calls[q]; ok {
			api = &blockingAPI{name: q, code: "AL209", replacement: replacement, noFix: true}
		} else {
			api = blockingFunctions[q]
		}
	} else if t.Kind(callee) == syntax.Attribute {
		if typ := f.TypeOf(t.ChildByField(callee, syntax.FieldObject), blockingTypes); typ != "" {
			api = blockingMethods[typ+"."+t.Text(t.ChildByField(callee, syntax.FieldAttr))]
		}
	}
	if api == nil || settings.Allowed(api.name) || api.nonBlocking != "" && returnsAtOnce(t, call, api.nonBlocking) {
		return nil
	}
	return api
}

// returnsAtOnce reports whether a call passes False for keyword, or as its
// first positional argument: lock.acquire(False), q.get(block=False).
func returnsAtOnce(t *syntax.Tree, call syntax.NodeID, keyword string) bool {
	args := t.ChildByField(call, syntax.FieldArguments)
	if args == syntax.NoNode {
		return false
	}
	first := true
	for a := range t.NamedChildren(args) {
		switch t.Kind(a) {
		case syntax.KeywordArgument:
			if t.Text(t.ChildByField(a, syntax.FieldName)) == keyword {
				return t.Kind(t.ChildByField(a, syntax.FieldValue)) == syntax.False
			}
		default:
			if first && t.Kind(a) == syntax.False {
				return true
			}
			first = false
		}
	}
	return false
}

// displayName drops the "builtins." of builtin functions.
func displayName(name string) string { return strings.TrimPrefix(name, "builtins.") }

// reportBlocking reports the blocking calls of the pass's rule, with the
// fix fix computes.
func reportBlocking(p *analysis.Pass, fix func(*analysis.Pass, blockingCall) *analysis.Fix) {
	for _, c := range blockingCalls(p) {
		if c.api.code != p.Rule.Code {
			continue
		}
		replacement := c.api.replacement
		switch {
		case c.api.name == "time.sleep":
			replacement = "`" + asyncLibrary(p.File) + ".sleep`"
		case c.callee == syntax.NoNode:
			p.Reportf(c.node, nil, "`with` on a `%s` blocks the event loop while another thread holds it; use %s",
				c.api.name, replacement)
			continue
		case c.api.code == "AL209":
		default:
			if c.api.noFix && isWithContext(p.Tree(), c.node) {
				replacement += " with `async with`"
			}
		}
		called := "`" + displayName(c.api.name) + "`"
		if c.api.method {
			called = fmt.Sprintf("`%s` (`%s`)", shortText(p.Tree(), c.callee), c.api.name)
		}
		p.Reportf(c.node, fix(p, c), "%s blocks the event loop in a coroutine; use %s", called, replacement)
	}
}

// isWithContext reports whether a call is the context expression of a
// with item.
func isWithContext(t *syntax.Tree, id syntax.NodeID) bool {
	parent := t.Nodes[id].Parent
	if t.Kind(parent) == syntax.AsPattern {
		parent = t.Nodes[parent].Parent
	}
	return t.Kind(parent) == syntax.WithItem
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
func sleepFix(p *analysis.Pass, c blockingCall) *analysis.Fix {
	f := p.File
	t := f.Tree
	if !fix.CanAwait(f, c.node, p.Settings) {
		return nil
	}
	name, importEdit, ok := fix.ImportModule(f, c.node, asyncLibrary(f))
	if !ok {
		return nil
	}
	return &analysis.Fix{
		Message:       fmt.Sprintf("Use `await %s.sleep(...)`", name),
		Applicability: analysis.Safe,
		Edits:         withImports(fix.AwaitCall(t, c.node, int(t.Nodes[c.callee].End), "await "+name+".sleep", ""), importEdit),
	}
}

// toThreadFix moves a blocking call to a worker thread:
// await asyncio.to_thread(f, *args, **kwargs), or the trio or anyio
// to_thread.run_sync, with functools.partial for keyword arguments. The
// arguments keep their text, comments included. Unsafe: the call now runs
// concurrently with the loop, so shared state may need a lock.
func toThreadFix(p *analysis.Pass, c blockingCall) *analysis.Fix {
	f := p.File
	t := f.Tree
	args := t.ChildByField(c.node, syntax.FieldArguments)
	if c.api.noFix || args == syntax.NoNode || t.Kind(args) != syntax.ArgumentList ||
		isWithContext(t, c.node) || !fix.CanAwait(f, c.node, p.Settings) {
		return nil
	}
	hasArgs, hasKeywords := false, false
	for a := range t.NamedChildren(args) {
		hasArgs = true
		if k := t.Kind(a); k == syntax.KeywordArgument || k == syntax.DictionarySplat {
			hasKeywords = true
		}
	}
	library := asyncLibrary(f)
	lib, importEdit, ok := fix.ImportModule(f, c.node, library)
	if !ok {
		return nil
	}
	callee := t.Text(c.callee)
	runner := lib + ".to_thread"
	if library != "asyncio" {
		runner = lib + ".to_thread.run_sync"
	}
	var imports []*analysis.TextEdit
	imports = append(imports, importEdit)
	head, tail := "await "+runner+"("+callee, ""
	if library != "asyncio" && hasKeywords {
		functools, edit, ok := fix.ImportModule(f, c.node, "functools")
		if !ok {
			return nil
		}
		imports = append(imports, edit)
		head, tail = "await "+runner+"("+functools+".partial("+callee, ")"
	}
	if hasArgs {
		head += argumentSeparator(t, args)
	}
	edits := fix.AwaitCall(t, c.node, int(t.Nodes[args].Start)+1, head, tail)
	return &analysis.Fix{
		Message:       fmt.Sprintf("Run `%s` in a worker thread with `%s`", displayName(c.api.name), runner),
		Applicability: analysis.Unsafe,
		Edits:         withImports(edits, imports...),
	}
}

// argumentSeparator returns the text to put between the callee and the
// first argument: ", ", or just "," when the arguments start on the next
// line, which would otherwise leave a trailing space.
func argumentSeparator(t *syntax.Tree, args syntax.NodeID) string {
	rest := t.Src[t.Nodes[args].Start+1:]
	for _, b := range rest {
		switch b {
		case ' ', '\t':
			continue
		case '\n', '\r', '#':
			return ","
		}
		break
	}
	return ", "
}

// withImports puts the import edits (nil ones skipped) before edits,
// merging imports at the same place into one edit.
func withImports(edits []analysis.TextEdit, imports ...*analysis.TextEdit) []analysis.TextEdit {
	var merged *analysis.TextEdit
	for _, imp := range imports {
		switch {
		case imp == nil:
		case merged == nil:
			copied := *imp
			merged = &copied
		default:
			merged.NewText += imp.NewText
		}
	}
	if merged == nil {
		return edits
	}
	return append([]analysis.TextEdit{*merged}, edits...)
}
