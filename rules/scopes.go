package rules

import (
	"iter"
	"slices"
	"strings"

	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/analysis/syntax"
)

// The AL6xx rules reason about structured concurrency: TaskGroups
// (asyncio.TaskGroup, trio nurseries, anyio task groups), timeouts and
// cancel scopes, the with items that open them, the startable functions
// that nursery.start() runs, and the generators that a decorator turns
// into context managers.

// A scopeKind says what a context manager opens.
type scopeKind uint8

const (
	taskGroupScope scopeKind = iota + 1 // asyncio.TaskGroup, a trio nursery, an anyio task group
	timeoutScope                        // asyncio.timeout, trio/anyio move_on_*, fail_*
	cancelScope                         // trio.CancelScope, anyio.CancelScope
	hostedScope                         // a third-party context manager that opens one of these inside
)

// A scopeAPI is a call that makes a context manager opening a scope.
type scopeAPI struct {
	library string // asyncio, trio or anyio; "" for a third-party API
	kind    scopeKind
	// deadline is the parameter taking an absolute deadline on the
	// library's clock, or "".
	deadline string
}

// scopeAPIs maps the qualified names of the calls that open scopes to
// what they open.
var scopeAPIs = func() map[string]scopeAPI {
	apis := map[string]scopeAPI{
		"asyncio.TaskGroup":                       {"asyncio", taskGroupScope, ""},
		"asyncio.taskgroups.TaskGroup":            {"asyncio", taskGroupScope, ""},
		"asyncio.timeout":                         {"asyncio", timeoutScope, ""},
		"asyncio.timeouts.timeout":                {"asyncio", timeoutScope, ""},
		"asyncio.timeout_at":                      {"asyncio", timeoutScope, "when"},
		"asyncio.timeouts.timeout_at":             {"asyncio", timeoutScope, "when"},
		"trio.open_nursery":                       {"trio", taskGroupScope, ""},
		"anyio.create_task_group":                 {"anyio", taskGroupScope, ""},
		"anyio.from_thread.BlockingPortal":        {"", hostedScope, ""},
		"anyio.from_thread.start_blocking_portal": {"", hostedScope, ""},
	}
	for _, library := range []string{"trio", "anyio"} {
		apis[library+".move_on_after"] = scopeAPI{library, timeoutScope, ""}
		apis[library+".fail_after"] = scopeAPI{library, timeoutScope, ""}
		apis[library+".move_on_at"] = scopeAPI{library, timeoutScope, "deadline"}
		apis[library+".fail_at"] = scopeAPI{library, timeoutScope, "deadline"}
		apis[library+".CancelScope"] = scopeAPI{library, cancelScope, "deadline"}
	}
	// Context managers of other libraries that run a nursery or a cancel
	// scope for the duration of their block.
	for _, name := range []string{
		"trio_websocket.open_websocket", "trio_websocket.open_websocket_url", "trio_websocket.serve_websocket",
		"trio_asyncio.open_loop", "trio_parallel.open_worker_context",
		"trio_util.move_on_when", "trio_util.run_and_cancelling",
		"qtrio.open_emissions_nursery", "qtrio.enter_emissions_channel",
		"asgi_lifespan.LifespanManager", "apscheduler.AsyncScheduler",
		"mcp.client.streamable_http.streamablehttp_client", "mcp.client.sse.sse_client",
	} {
		apis[name] = scopeAPI{"", hostedScope, ""}
	}
	return apis
}()

// taskGroupTypes gives the types of TaskGroups, from the calls that open
// them and the names of their classes, for semantic.File.TypeOf.
var taskGroupTypes = &semantic.Types{Returns: map[string]string{
	"asyncio.TaskGroup":            "asyncio.TaskGroup",
	"asyncio.taskgroups.TaskGroup": "asyncio.TaskGroup",
	"trio.open_nursery":            "trio.Nursery",
	"anyio.create_task_group":      "anyio.abc.TaskGroup",
	"anyio.abc.TaskGroup":          "anyio.abc.TaskGroup",
}}

// scopeCall returns what the call expr opens, when it is a call of a
// scopeAPI.
func scopeCall(f *semantic.File, expr syntax.NodeID) (scopeAPI, bool) {
	t := f.Tree
	expr = t.Unwrap(expr)
	if expr == syntax.NoNode || t.Kind(expr) != syntax.Call {
		return scopeAPI{}, false
	}
	api, ok := scopeAPIs[f.QualifiedName(t.ChildByField(expr, syntax.FieldFunction))]
	return api, ok
}

// A scopeItem is a with item whose context manager opens a scope.
type scopeItem struct {
	scopeAPI
	stmt   syntax.NodeID // the with statement
	item   syntax.NodeID // the with item
	call   syntax.NodeID // the call that makes the context manager
	target syntax.NodeID // the name bound by "as", or NoNode
}

// withItems returns the items of a with statement, in order.
func withItems(t *syntax.Tree, stmt syntax.NodeID) []syntax.NodeID {
	clause := t.ChildOfKind(stmt, withClause)
	if clause == syntax.NoNode {
		return nil // a syntax error
	}
	var items []syntax.NodeID
	for item := range t.NamedChildren(clause) {
		if t.Kind(item) == syntax.WithItem {
			items = append(items, item)
		}
	}
	return items
}

// asName returns the name that a with item or an except clause binds with
// "as", or NoNode when it binds none or unpacks.
func asName(t *syntax.Tree, node syntax.NodeID) syntax.NodeID {
	value := t.ChildByField(node, syntax.FieldValue)
	if value == syntax.NoNode || t.Kind(value) != syntax.AsPattern {
		return syntax.NoNode
	}
	alias := t.ChildByField(value, syntax.FieldAlias)
	if alias == syntax.NoNode {
		return syntax.NoNode
	}
	target := t.OnlyNamedChild(alias)
	if target == syntax.NoNode || t.Kind(target) != syntax.Identifier {
		return syntax.NoNode
	}
	return target
}

// scopeItems returns the items of a with statement that open scopes.
func scopeItems(f *semantic.File, stmt syntax.NodeID) []scopeItem {
	var scopes []scopeItem
	for _, item := range withItems(f.Tree, stmt) {
		if s, ok := itemScope(f, stmt, item); ok {
			scopes = append(scopes, s)
		}
	}
	return scopes
}

// itemScope returns the scope that an item of a with statement opens.
func itemScope(f *semantic.File, stmt, item syntax.NodeID) (scopeItem, bool) {
	t := f.Tree
	call := t.Unwrap(t.WithItemValue(item))
	api, ok := scopeCall(f, call)
	return scopeItem{scopeAPI: api, stmt: stmt, item: item, call: call, target: asName(t, item)}, ok
}

// runsTask reports whether the block of a TaskGroup's with statement
// starts a task in it.
func runsTask(f *semantic.File, s scopeItem) bool {
	t := f.Tree
	for id := range frameNodes(t, t.ChildByField(s.stmt, syntax.FieldBody)) {
		if t.Kind(id) == syntax.Call && startsTask(f, s, id) {
			return true
		}
	}
	return false
}

// isTaskGroup reports whether expr is a TaskGroup, by how it was made
// (the target of async with trio.open_nursery() as n) or declared (a
// parameter or variable annotated trio.Nursery).
func isTaskGroup(f *semantic.File, expr syntax.NodeID) bool {
	t := f.Tree
	expr = t.Unwrap(expr)
	if expr == syntax.NoNode {
		return false
	}
	if f.TypeOf(expr, taskGroupTypes) != "" {
		return true
	}
	if t.Kind(expr) != syntax.Identifier {
		return false
	}
	// An annotated assignment, which TypeOf reads by its value.
	bindings := f.Lookup(expr)
	for _, b := range bindings {
		if !isTaskGroupAnnotation(f, f.Bindings[b].Annotation) {
			return false
		}
	}
	return len(bindings) > 0
}

// isTaskGroupAnnotation reports whether an annotation names a TaskGroup
// class, possibly subscripted.
func isTaskGroupAnnotation(f *semantic.File, ann syntax.NodeID) bool {
	name := annotationName(f, ann)
	for _, typ := range taskGroupTypes.Returns {
		if name == typ {
			return true
		}
	}
	return false
}

// annotationName returns the qualified name of the class an annotation
// names, without its subscript (TaskStatus[int]), or its dotted source text
// when it is not an imported name.
func annotationName(f *semantic.File, ann syntax.NodeID) string {
	t := f.Tree
	if ann == syntax.NoNode {
		return ""
	}
	if t.Kind(ann) == syntax.Type {
		ann = t.NamedChild(ann, 0)
	}
	switch t.Kind(ann) {
	case syntax.GenericType, syntax.Subscript:
		ann = t.FirstChild(ann)
	}
	if ann == syntax.NoNode {
		return ""
	}
	if q := f.QualifiedName(ann); q != "" {
		return q
	}
	return t.Text(ann)
}

// mayBeTrue reports whether the value of a flag such as shield= may be
// true: only a literal False, None or 0 is known not to be.
func mayBeTrue(t *syntax.Tree, value syntax.NodeID) bool {
	value = t.Unwrap(value)
	switch t.Kind(value) {
	case syntax.False, syntax.None:
		return false
	case syntax.Integer:
		return t.Text(value) != "0"
	}
	return true
}

// shieldedByCall reports whether the call opening a context manager
// shields it: shield=True, or any value not known to be false.
func shieldedByCall(t *syntax.Tree, call syntax.NodeID) bool {
	kw := t.KeywordArgument(call, "shield")
	return kw != syntax.NoNode && mayBeTrue(t, t.ChildByField(kw, syntax.FieldValue))
}

// shieldedAt reports whether an item of a with statement whose block holds
// node at shields it there: by the call that makes its context manager
// (trio.move_on_after(5, shield=True), or any class taking shield=), or
// by the last assignment to its shield before at in the block (s.shield
// = True, or for a TaskGroup tg.cancel_scope.shield = True).
func shieldedAt(f *semantic.File, stmt, item, at syntax.NodeID) bool {
	t := f.Tree
	call := t.Unwrap(t.WithItemValue(item))
	shielded := t.Kind(call) == syntax.Call && shieldedByCall(t, call)
	target := asName(t, item)
	if target == syntax.NoNode {
		return shielded
	}
	for id := range frameNodes(t, t.ChildByField(stmt, syntax.FieldBody)) {
		if id >= at {
			break
		}
		if t.Kind(id) == syntax.Assignment && assignsShield(f, t.ChildByField(id, syntax.FieldLeft), target) {
			shielded = mayBeTrue(t, t.ChildByField(id, syntax.FieldRight))
		}
	}
	return shielded
}

// assignsShield reports whether target is the shield of the scope bound
// to name: name.shield or name.cancel_scope.shield.
func assignsShield(f *semantic.File, target, name syntax.NodeID) bool {
	t := f.Tree
	if t.Kind(target) != syntax.Attribute || t.TextView(t.ChildByField(target, syntax.FieldAttr)) != "shield" {
		return false
	}
	obj := t.ReadFrom(target)
	if t.Kind(obj) == syntax.Attribute && t.TextView(t.ChildByField(obj, syntax.FieldAttr)) == "cancel_scope" {
		obj = t.ReadFrom(obj)
	}
	return refersTo(f, obj, name)
}

// levelCancellation returns the library whose level-triggered
// cancellation a file uses: trio or anyio, when the file imports one of
// them and not asyncio (see asyncLibrary), else "". A cancelled trio or
// anyio scope cancels every checkpoint inside it, again and again, where
// asyncio delivers a cancellation once.
func levelCancellation(f *semantic.File) string {
	if library := asyncLibrary(f); library != "asyncio" {
		return library
	}
	return ""
}

// checkpointCall returns the statement that awaits a bare checkpoint in
// library.
func checkpointCall(library string) string {
	if library == "asyncio" {
		return "await asyncio.sleep(0)"
	}
	return "await " + library + ".lowlevel.checkpoint()"
}

// isFrameBoundary reports whether a node of kind k runs in a frame of its
// own, or later: a def, lambda, class or generator expression.
func isFrameBoundary(k syntax.Kind) bool {
	switch k {
	case syntax.FunctionDefinition, syntax.Lambda, syntax.ClassDefinition, syntax.GeneratorExpression:
		return true
	}
	return false
}

// frameNodes yields, in source order, the nodes of the subtree of root
// that run when root runs: not those of the functions, lambdas, classes and
// generator expressions it defines.
func frameNodes(t *syntax.Tree, root syntax.NodeID) iter.Seq[syntax.NodeID] {
	return func(yield func(syntax.NodeID) bool) {
		if root == syntax.NoNode {
			return
		}
		for id := root; id < t.Nodes[root].After; id++ {
			if id != root && isFrameBoundary(t.Kind(id)) {
				id = t.Nodes[id].After - 1
				continue
			}
			if !yield(id) {
				return
			}
		}
	}
}

// frameAncestors yields the ancestors of id that run in the same frame,
// innermost first, up to and including the def or lambda whose body holds
// id.
func frameAncestors(t *syntax.Tree, id syntax.NodeID) iter.Seq[syntax.NodeID] {
	return func(yield func(syntax.NodeID) bool) {
		for a := range t.Ancestors(id) {
			if !yield(a) || isFrameBoundary(t.Kind(a)) {
				return
			}
		}
	}
}

// inBody reports whether id lies in the body of a compound statement,
// rather than in its header or else clause.
func inBody(t *syntax.Tree, stmt, id syntax.NodeID) bool {
	body := t.ChildByField(stmt, syntax.FieldBody)
	return body != syntax.NoNode && t.Contains(body, id)
}

// startableAPIs are library functions that take a task_status, for
// nursery.start().
var startableAPIs = []string{
	"trio.run_process", "trio.serve_tcp", "trio.serve_ssl_over_tcp", "trio.serve_listeners",
	"hypercorn.trio.serve",
}

// taskStatusParameter returns the parameter through which
// nursery.start() hands a def its task status: one called task_status
// that can be passed by keyword, or one annotated TaskStatus. It returns
// NoNode when the def has none.
func taskStatusParameter(f *semantic.File, def syntax.NodeID) syntax.NodeID {
	t := f.Tree
	params := slices.Collect(t.NamedChildren(t.ChildByField(def, syntax.FieldParameters)))
	slash := slices.IndexFunc(params, func(p syntax.NodeID) bool { return t.Kind(p) == positionalSeparator })
	for i, p := range params {
		var name syntax.NodeID
		switch t.Kind(p) {
		case syntax.Identifier:
			name = p
		case syntax.DefaultParameter, syntax.TypedDefaultParameter:
			name = t.ChildByField(p, syntax.FieldName)
		case syntax.TypedParameter:
			name = t.NamedChild(p, 0)
		default:
			continue // *args, **kwargs, the markers of positional-only and keyword-only parameters
		}
		if name == syntax.NoNode || t.Kind(name) != syntax.Identifier {
			continue
		}
		typ := annotationName(f, t.ChildByField(p, syntax.FieldType))
		if typ == "TaskStatus" || strings.HasSuffix(typ, ".TaskStatus") || t.TextView(name) == "task_status" && i > slash {
			return name
		}
	}
	return syntax.NoNode
}

var positionalSeparator = syntax.NamedKind("positional_separator")

// generatorManagers are decorators that run a generator as a context
// manager, a test fixture or a channel, so that the code after each yield
// runs when the user of the value is done with it.
var generatorManagers = []string{
	"contextlib.contextmanager", "contextlib.asynccontextmanager",
	"pytest.fixture", "pytest_asyncio.fixture", "pytest_trio.trio_fixture",
	"trio.as_safe_channel",
}

// managedGenerator reports whether a def is decorated by a
// generatorManager, or by a decorator named like one (a project's own
// contextmanager or fixture).
func managedGenerator(f *semantic.File, def syntax.NodeID) bool {
	t := f.Tree
	decorated := t.Parent(def)
	if t.Kind(decorated) != syntax.DecoratedDefinition {
		return false
	}
	for d := range t.NamedChildren(decorated) {
		if t.Kind(d) != syntax.Decorator {
			continue
		}
		expr := t.Unwrap(t.NamedChild(d, 0))
		if t.Kind(expr) == syntax.Call {
			expr = t.ChildByField(expr, syntax.FieldFunction)
		}
		name := f.QualifiedName(expr)
		if name == "" {
			name = t.Text(expr)
		}
		for _, m := range generatorManagers {
			if name == m || lastName(name) == lastName(m) {
				return true
			}
		}
	}
	return false
}

// refersTo reports whether the identifier id names the variable bound at
// target.
func refersTo(f *semantic.File, id, target syntax.NodeID) bool {
	t := f.Tree
	return id != syntax.NoNode && t.Kind(id) == syntax.Identifier && t.TextView(id) == t.TextView(target) &&
		slices.ContainsFunc(f.Lookup(id), func(b semantic.BindingID) bool { return f.Bindings[b].Node == target })
}

// taskStarters are the methods that start a task in a TaskGroup.
var taskStarters = map[string][]string{
	"asyncio": {"create_task"},
	"trio":    {"start", "start_soon"},
	"anyio":   {"start", "start_soon", "create_task"},
}

// startsTask reports whether call starts a task in the TaskGroup s: a
// call of one of its starters on the name s binds.
func startsTask(f *semantic.File, s scopeItem, call syntax.NodeID) bool {
	t := f.Tree
	if s.target == syntax.NoNode || !slices.Contains(taskStarters[s.library], t.MethodName(call)) {
		return false
	}
	return refersTo(f, t.ReadFrom(t.ChildByField(call, syntax.FieldFunction)), s.target)
}

// isStub reports whether a body only passes, raises or holds constants:
// an overload, a protocol, an abstract method, a block that does nothing.
func isStub(t *syntax.Tree, body syntax.NodeID) bool {
	for s := range t.NamedChildren(body) {
		switch t.Kind(s) {
		case syntax.PassStatement, syntax.RaiseStatement:
		case syntax.ExpressionStatement:
			if k := t.Kind(t.NamedChild(s, 0)); k != syntax.String && k != ellipsis {
				return false
			}
		default:
			return false
		}
	}
	return true
}

var ellipsis = syntax.NamedKind("ellipsis")

// taskGroupWord names a TaskGroup as its library does.
func taskGroupWord(library string) string {
	switch library {
	case "trio":
		return "nursery"
	case "anyio":
		return "task group"
	}
	return "TaskGroup"
}
