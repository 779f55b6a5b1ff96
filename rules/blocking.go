package rules

import (
	_ "embed"
	"fmt"
	"iter"
	"sort"
	"strings"

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
	replacement remedy // what a coroutine should use instead
	method      bool   // name is Type.method, matched through the receiver's type
	noFix       bool   // moving the call to a thread would not help
	// nonBlocking reports whether a call returns at once, or is nil.
	nonBlocking func(f *semantic.File, call syntax.NodeID) bool
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
// code. Its page lists them, and describes the fix.
func blockingRule(r *analysis.Rule) *analysis.Rule {
	r = newRule(r)
	r.Default = true
	switch {
	case r.FixKind == analysis.FixNone:
	case r.Run == nil:
		describeFix(r, toThreadPage+libraryPage)
	default:
		describeFix(r, libraryPage)
	}
	if r.Run == nil {
		r.Run = func(p *analysis.Pass) { reportBlocking(p, blockingCalls(p), toThreadFix) }
	}
	for _, api := range blockingCatalog {
		if api.code == r.Code {
			r.Covers = append(r.Covers, displayName(api.name))
		}
	}
	sort.Strings(r.Covers)
	return r
}

// toThreadPage describes toThreadFix on the pages of the rules that offer
// it, and libraryPage which library the fixes of the blocking rules call.
var (
	//go:embed docs/fixes/to_thread.md
	toThreadPage string
	//go:embed docs/fixes/library.md
	libraryPage string
)

// describeFix adds text to a rule's page, before its example.
func describeFix(r *analysis.Rule, text string) {
	before, after, _ := strings.Cut(r.Doc, "## Example")
	r.Doc = strings.TrimRight(before, "\n") + "\n\n" + strings.TrimSpace(text) + "\n\n## Example" + after
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
		var found []blockingCall
		for call := range f.Tree.OfKind(syntax.Call) {
			if !f.InCoroutine(call) {
				continue
			}
			if api := blockingAPIOf(f, p.Project, call, &p.Settings.Blocking); api != nil {
				found = append(found, blockingCall{node: call, callee: f.Tree.ChildByField(call, syntax.FieldFunction), api: api})
			}
		}
		return found
	}).([]blockingCall)
}

// lockHolds returns the with statements in coroutines that take a thread
// lock (AL208's), but for locks every hold of which is brief.
func lockHolds(p *analysis.Pass) []blockingCall {
	f := p.File
	t := f.Tree
	var found []blockingCall
	for item := range t.OfKind(syntax.WithItem) {
		value := t.WithItemValue(item)
		stmt := t.Nodes[t.Nodes[item].Parent].Parent
		if value == syntax.NoNode || t.HasToken(stmt, syntax.AsyncKeyword) || !f.InCoroutine(item) {
			continue
		}
		if typ := f.TypeOf(value, blockingTypes); blockingLocks[typ] && !p.Settings.Blocking.Allowed(typ) && !briefLock(p, value) {
			found = append(found, blockingCall{node: value, callee: syntax.NoNode, api: &blockingAPI{
				name: typ, code: "AL208", replacement: lockInWith, noFix: true}})
		}
	}
	return found
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
	if api == nil || settings.Allowed(api.name) || api.nonBlocking != nil && api.nonBlocking(f, call) {
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

// reportBlocking reports those of calls that are the pass's rule's, with
// the fix fixOf computes unless the rule offers none.
func reportBlocking(p *analysis.Pass, calls []blockingCall, fixOf func(*analysis.Pass, blockingCall) *analysis.Fix) {
	for _, c := range calls {
		if c.api.code != p.Rule.Code {
			continue
		}
		replacement := c.api.replacement.in(asyncLibrary(p.File))
		switch {
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
		var offered *analysis.Fix
		if p.Rule.FixKind != analysis.FixNone {
			offered = fixOf(p, c)
		}
		p.Reportf(c.node, offered, "%s blocks the event loop in a coroutine; use %s", called, replacement)
	}
}

// lazyIterators return at once and do their work while they are iterated:
// called in a worker thread, that work still runs on the event loop.
var lazyIterators = map[string]bool{
	"os.walk": true, "os.fwalk": true, "os.scandir": true, "glob.iglob": true,
	"pathlib.Path.iterdir": true, "pathlib.Path.glob": true, "pathlib.Path.rglob": true,
	"pathlib.Path.walk": true,
}

// toThreadFix moves a blocking call to a worker thread:
// await asyncio.to_thread(f, *args, **kwargs), or the trio or anyio
// to_thread.run_sync, with functools.partial for keyword arguments. The
// arguments keep their text, comments included. Unsafe: the call now runs
// concurrently with the loop, so shared state may need a lock. There is no
// fix where moving the call would not help (a lazy iterator), where
// awaiting is not possible or not harmless (see awaitFixLibrary), and
// where asyncio's default executor has been shut down.
func toThreadFix(p *analysis.Pass, c blockingCall) *analysis.Fix {
	f := p.File
	t := f.Tree
	args := t.ChildByField(c.node, syntax.FieldArguments)
	if c.api.noFix || lazyIterators[c.api.name] || args == syntax.NoNode || t.Kind(args) != syntax.ArgumentList ||
		t.IsWithContext(c.node) {
		return nil
	}
	library := awaitFixLibrary(p, c.node)
	if library == "" || library == "asyncio" && executorShutDown(p, c.node) {
		return nil
	}
	hasArgs, hasKeywords := false, false
	for a := range t.NamedChildren(args) {
		hasArgs = true
		if k := t.Kind(a); k == syntax.KeywordArgument || k == syntax.DictionarySplat {
			hasKeywords = true
		}
	}
	runner, importEdit, ok := threadRunner(f, c.node, library)
	if !ok {
		return nil
	}
	callee := t.Text(c.callee)
	imports := []*analysis.TextEdit{importEdit}
	head, tail := "await "+runner+"("+callee, ""
	if library != "asyncio" && hasKeywords {
		partial := fix.ImportedName(f, c.node, "functools.partial")
		if partial == "" {
			functools, edit, ok := fix.ImportModule(f, c.node, "functools")
			if !ok {
				return nil
			}
			imports = []*analysis.TextEdit{edit, importEdit} // the standard library's section first
			partial = functools + ".partial"
		}
		head, tail = "await "+runner+"("+partial+"("+callee, ")"
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

// threadRunner returns how code at use calls library's function that runs
// a function in a worker thread (asyncio.to_thread, or to_thread.run_sync
// of trio or anyio), reusing what the module imports of it, and the import
// to add when it imports nothing that serves.
func threadRunner(f *semantic.File, use syntax.NodeID, library string) (string, *analysis.TextEdit, bool) {
	runner := library + ".to_thread"
	if library != "asyncio" {
		if name := fix.ImportedName(f, use, runner); name != "" {
			return name + ".run_sync", nil, true
		}
		runner += ".run_sync"
	}
	if name := fix.ImportedName(f, use, runner); name != "" {
		return name, nil, true
	}
	name, edit, ok := fix.ImportModule(f, use, library)
	return name + strings.TrimPrefix(runner, library), edit, ok
}

// awaitFixLibrary returns the library whose call a fix may await in place
// of the blocking call at id (see fixLibrary), or "" when no await may be
// added there: outside an async def's own code, where the call is already
// awaited (a second await would await its result), or while the coroutine
// holds a thread's lock, which other threads would then wait for across
// the suspension.
func awaitFixLibrary(p *analysis.Pass, id syntax.NodeID) string {
	f := p.File
	if !fix.CanAwait(f, id, p.Settings) || fix.Awaited(f.Tree, id) || holdsThreadLock(p, id) {
		return ""
	}
	return fixLibrary(f, p.Settings)
}

// holdsThreadLock reports whether the code at id runs while its function
// holds a lock of the thread: in the body of a plain with statement on a
// threading lock (or on a name that says it is a lock: a coroutine has
// no other use for one), or after a call of acquire() that is not awaited
// with no release() of the same receiver in between.
func holdsThreadLock(p *analysis.Pass, id syntax.NodeID) bool {
	f := p.File
	t := f.Tree
	scope := f.Scopes[f.ExecutingFunction(id)].Node
	for a := range t.Ancestors(id) {
		if a == scope {
			break
		}
		if t.Kind(a) != syntax.WithStatement || t.HasToken(a, syntax.AsyncKeyword) {
			continue
		}
		if body := t.ChildByField(a, syntax.FieldBody); body == syntax.NoNode || !t.Contains(body, id) {
			continue
		}
		for _, value := range withValues(t, a) {
			if isThreadLock(f, value) {
				return true
			}
		}
	}
	held := map[string]bool{}
	for call := range callsBefore(p, id) {
		method := t.MethodName(call)
		if method != "acquire" && method != "release" {
			continue
		}
		recv := t.Text(t.ChildByField(t.ChildByField(call, syntax.FieldFunction), syntax.FieldObject))
		if method == "release" {
			delete(held, recv)
		} else if !fix.Awaited(t, call) {
			held[recv] = true
		}
	}
	return len(held) > 0
}

// isThreadLock reports whether a sync with statement's context expression
// is a lock of the thread.
func isThreadLock(f *semantic.File, value syntax.NodeID) bool {
	t := f.Tree
	value = t.Unwrap(value)
	if value == syntax.NoNode {
		return false
	}
	if blockingLocks[f.TypeOf(value, blockingTypes)] {
		return true
	}
	name := value
	if t.Kind(name) == syntax.Attribute {
		name = t.ChildByField(name, syntax.FieldAttr)
	}
	if t.Kind(name) != syntax.Identifier {
		return false
	}
	lower := strings.ToLower(t.Text(name))
	return strings.Contains(lower, "lock") || strings.Contains(lower, "mutex")
}

// executorShutDown reports whether the function that runs id calls
// shutdown_default_executor() before it: asyncio.to_thread would then
// raise RuntimeError.
func executorShutDown(p *analysis.Pass, id syntax.NodeID) bool {
	for call := range callsBefore(p, id) {
		if p.File.Tree.MethodName(call) == "shutdown_default_executor" {
			return true
		}
	}
	return false
}

type frameCallsKey struct{}

// callsBefore yields, in source order, the calls of acquire(), release()
// and shutdown_default_executor() that the frame running id makes before
// it (in nested functions excluded): the calls holdsThreadLock and
// executorShutDown ask about.
func callsBefore(p *analysis.Pass, id syntax.NodeID) iter.Seq[syntax.NodeID] {
	return func(yield func(syntax.NodeID) bool) {
		for _, call := range frameCalls(p)[p.File.ExecutingFunction(id)] {
			if call >= id || !yield(call) {
				return
			}
		}
	}
}

// frameCalls finds, once per file, the calls that callsBefore yields, by
// the frame that makes them: scanning every call before each blocking
// call would take time quadratic in the length of a function.
func frameCalls(p *analysis.Pass) map[semantic.ScopeID][]syntax.NodeID {
	return p.Memo(frameCallsKey{}, func() any {
		f := p.File
		t := f.Tree
		calls := map[semantic.ScopeID][]syntax.NodeID{}
		for call := range t.OfKind(syntax.Call) {
			switch t.MethodName(call) {
			case "acquire", "release", "shutdown_default_executor":
				frame := f.ExecutingFunction(call)
				calls[frame] = append(calls[frame], call)
			}
		}
		return calls
	}).(map[semantic.ScopeID][]syntax.NodeID)
}
