package rules

import (
	"fmt"
	"sort"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/config"
	"github.com/asynclint/asynclint/analysis/fix"
	"github.com/asynclint/asynclint/analysis/project"
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
				if api := blockingAPIOf(f, p.Project, id, settings); api != nil {
					found = append(found, blockingCall{node: id, callee: t.ChildByField(id, syntax.FieldFunction), api: api})
				}
			case syntax.WithItem:
				value := t.WithItemValue(id)
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

// blockingAPIOf returns the configured call or catalog row a call
// matches, or nil. view, which may be nil, names the module for the
// configured calls.
func blockingAPIOf(f *semantic.File, view *project.View, call syntax.NodeID, settings *config.BlockingSettings) *blockingAPI {
	t := f.Tree
	callee := t.ChildByField(call, syntax.FieldFunction)
	api := configuredCall(f, view, call, settings)
	switch q := f.QualifiedName(callee); {
	case api != nil:
	case q != "":
		api = blockingFunctions[q]
	case t.Kind(callee) == syntax.Attribute:
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

// reportBlocking reports the blocking calls of the pass's rule, with the
// fix fixOf computes.
func reportBlocking(p *analysis.Pass, fixOf func(*analysis.Pass, blockingCall) *analysis.Fix) {
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
			if c.api.noFix && p.Tree().IsWithContext(c.node) {
				replacement += " with `async with`"
			}
		}
		called := "`" + displayName(c.api.name) + "`"
		if c.api.method {
			called = fmt.Sprintf("`%s` (`%s`)", shortText(p.Tree(), c.callee), c.api.name)
		}
		p.Reportf(c.node, fixOf(p, c), "%s blocks the event loop in a coroutine; use %s", called, replacement)
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
		t.IsWithContext(c.node) || !fix.CanAwait(f, c.node, p.Settings) {
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
		head += fix.ArgumentSeparator(t, args)
	}
	edits := fix.AwaitCall(t, c.node, int(t.Nodes[args].Start)+1, head, tail)
	return &analysis.Fix{
		Message:       fmt.Sprintf("Run `%s` in a worker thread with `%s`", displayName(c.api.name), runner),
		Applicability: analysis.Unsafe,
		Edits:         fix.WithImports(edits, imports...),
	}
}
