package rules

import (
	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/analysis/syntax"
)

// The mirror of asyncValue, for AL307 and AL308: values known to be only
// synchronous context managers or iterables, which async with and async
// for reject with a TypeError.

// syncKind says which async protocol a value lacks.
type syncKind uint8

const (
	// syncContext values have __enter__ and no __aenter__.
	syncContext syncKind = 1 << iota
	// syncIterable values have __iter__ and no __aiter__.
	syncIterable
)

// syncTypes are the types, and the calls that build them, of the standard
// library's synchronous context managers and iterables.
var syncTypes = &semantic.Types{Returns: map[string]string{
	"builtins.open": "file", "io.open": "file", "pathlib.Path.open": "file",
	"gzip.open": "file", "bz2.open": "file", "lzma.open": "file", "codecs.open": "file",
	"tempfile.TemporaryFile": "file", "tempfile.NamedTemporaryFile": "file",
	"tempfile.SpooledTemporaryFile": "file", "tempfile.TemporaryDirectory": "tempfile.TemporaryDirectory",
	"threading.Lock": "threading.Lock", "threading.RLock": "threading.Lock",
	"threading.Semaphore": "threading.Lock", "threading.BoundedSemaphore": "threading.Lock",
	"threading.Condition":  "threading.Lock",
	"multiprocessing.Lock": "threading.Lock", "multiprocessing.RLock": "threading.Lock",
	"contextlib.suppress": "contextlib.suppress", "contextlib.ExitStack": "contextlib.ExitStack",
	"contextlib.closing": "contextlib.closing", "contextlib.redirect_stdout": "contextlib.redirect",
	"contextlib.redirect_stderr": "contextlib.redirect", "contextlib.chdir": "contextlib.chdir",
	"socket.socket": "socket.socket", "socket.create_connection": "socket.socket",
	"zipfile.ZipFile": "zipfile.ZipFile", "tarfile.open": "tarfile.TarFile", "tarfile.TarFile": "tarfile.TarFile",
	"sqlite3.connect": "sqlite3.Connection", "subprocess.Popen": "subprocess.Popen",
	"concurrent.futures.ThreadPoolExecutor":  "concurrent.futures.Executor",
	"concurrent.futures.ProcessPoolExecutor": "concurrent.futures.Executor",
	"requests.Session":                       "requests.Session", "httpx.Client": "httpx.Client",
	"os.scandir": "os.scandir", "warnings.catch_warnings": "warnings.catch_warnings",
	"builtins.range": "range", "pathlib.Path": "pathlib.Path", "pathlib.PurePath": "pathlib.Path",
}}

// syncTypeKinds says which of syncTypes are context managers or
// iterables; files and scandir are both.
var syncTypeKinds = map[string]syncKind{
	"file": syncContext | syncIterable, "os.scandir": syncContext | syncIterable,
	"tempfile.TemporaryDirectory": syncContext, "threading.Lock": syncContext,
	"contextlib.suppress": syncContext, "contextlib.ExitStack": syncContext, "contextlib.closing": syncContext,
	"contextlib.redirect": syncContext, "contextlib.chdir": syncContext, "socket.socket": syncContext,
	"zipfile.ZipFile": syncContext, "tarfile.TarFile": syncContext | syncIterable,
	"sqlite3.Connection": syncContext, "subprocess.Popen": syncContext, "concurrent.futures.Executor": syncContext,
	"requests.Session": syncContext, "httpx.Client": syncContext, "warnings.catch_warnings": syncContext,
	"range": syncIterable,
}

// syncIterableCalls are builtins whose call returns a synchronous
// iterator.
var syncIterableCalls = map[string]bool{
	"builtins.zip": true, "builtins.enumerate": true, "builtins.map": true, "builtins.filter": true,
	"builtins.reversed": true, "builtins.sorted": true, "builtins.iter": true,
}

// syncCollectionTypes are annotations of parameters that only hold
// synchronous collections.
var syncCollectionTypes = map[string]bool{
	"builtins.list": true, "builtins.tuple": true, "builtins.set": true, "builtins.frozenset": true,
	"builtins.dict": true, "typing.List": true, "typing.Tuple": true, "typing.Set": true,
	"typing.FrozenSet": true, "typing.Dict": true,
}

// syncValueOf returns what protocols expr is known to lack, and how to
// name it in a message. Unknown means neither: precision first.
func syncValueOf(f *semantic.File, expr syntax.NodeID) (syncKind, string) {
	return syncValue(f, expr, 0)
}

func syncValue(f *semantic.File, expr syntax.NodeID, depth int) (syncKind, string) {
	t := f.Tree
	expr = t.Unwrap(expr)
	if expr == syntax.NoNode || depth > maxSyncDepth {
		return 0, ""
	}
	switch t.Kind(expr) {
	case syntax.List, syntax.Tuple, syntax.Set, syntax.Dictionary,
		syntax.ListComprehension, syntax.SetComprehension, syntax.DictionaryComprehension:
		return syncIterable, shortText(t, expr)
	case syntax.GeneratorExpression:
		if !isAsyncGeneratorExpression(t, expr) {
			return syncIterable, shortText(t, expr)
		}
		return 0, ""
	case syntax.Call:
		return syncCallValue(f, expr)
	case syntax.Identifier:
		if kind, name := syncNameValue(f, expr, depth); kind != 0 {
			return kind, name
		}
	}
	if typ := f.TypeOf(expr, syncTypes); typ != "" {
		return syncTypeKinds[typ], shortText(t, expr)
	}
	if class := f.InstanceClass(expr); class != syntax.NoNode {
		return syncClassValue(f, class), shortText(t, expr)
	}
	return 0, ""
}

// maxSyncDepth bounds the chain of names followed.
const maxSyncDepth = 4

func syncCallValue(f *semantic.File, call syntax.NodeID) (syncKind, string) {
	t := f.Tree
	callee := t.ChildByField(call, syntax.FieldFunction)
	name := callText(t, call)
	q := f.QualifiedName(callee)
	if syncIterableCalls[q] {
		return syncIterable, name
	}
	if typ := f.TypeOf(call, syncTypes); typ != "" {
		return syncTypeKinds[typ], name
	}
	if def, dynamic := f.Definition(callee); def != syntax.NoNode && !dynamic && !f.IsAsyncDef(def) {
		kind := syncKind(0)
		if f.Scopes[f.OwnedScope(def)].Yields {
			kind = syncIterable
		}
		for _, d := range f.Decorators(def) {
			switch {
			case d == "contextlib.contextmanager":
				kind = syncContext
			case !transparentDecorators[d]:
				return 0, ""
			}
		}
		return kind, name
	}
	if class := f.InstanceClass(call); class != syntax.NoNode {
		return syncClassValue(f, class), name
	}
	return 0, ""
}

// syncNameValue describes a name all of whose bindings are synchronous
// values of the same kinds, or a parameter annotated with a collection.
func syncNameValue(f *semantic.File, id syntax.NodeID, depth int) (syncKind, string) {
	bindings := f.Lookup(id)
	if len(bindings) == 0 {
		return 0, ""
	}
	kind := ^syncKind(0)
	for _, b := range bindings {
		bb := &f.Bindings[b]
		var k syncKind
		switch {
		case bb.Kind == semantic.ParameterBinding && bb.Annotation != syntax.NoNode:
			if syncCollectionTypes[f.QualifiedName(annotationHead(f.Tree, bb.Annotation))] {
				k = syncIterable
			}
		case bb.Kind == semantic.AssignmentBinding && bb.Value != syntax.NoNode:
			k, _ = syncValue(f, bb.Value, depth+1)
		}
		kind &= k
	}
	return kind, f.Tree.Text(id)
}

// annotationHead returns the class an annotation names, without its
// parameters: list for list[int].
func annotationHead(t *syntax.Tree, ann syntax.NodeID) syntax.NodeID {
	if t.Kind(ann) == syntax.Type {
		ann = t.NamedChild(ann, 0)
	}
	switch t.Kind(ann) {
	case syntax.Subscript:
		return t.ChildByField(ann, syntax.FieldValue)
	case syntax.GenericType:
		return t.NamedChild(ann, 0)
	}
	return ann
}

// syncClassValue describes an instance of a class of this file: a
// synchronous context manager when it defines __enter__ but not
// __aenter__, a synchronous iterable when it defines __iter__ but not
// __aiter__. A base defined elsewhere could add the async method, so then
// nothing is known.
func syncClassValue(f *semantic.File, class syntax.NodeID) syncKind {
	var kind syncKind
	for _, pair := range []struct {
		sync, async string
		kind        syncKind
	}{{"__enter__", "__aenter__", syncContext}, {"__iter__", "__aiter__", syncIterable}} {
		hasSync, unknownS := f.HasMethod(class, pair.sync)
		hasAsync, unknownA := f.HasMethod(class, pair.async)
		if hasSync && !hasAsync && !unknownS && !unknownA {
			kind |= pair.kind
		}
	}
	return kind
}

// isAsyncGeneratorExpression reports whether a generator expression is
// asynchronous: it has an async for or an await of its own.
func isAsyncGeneratorExpression(t *syntax.Tree, gen syntax.NodeID) bool {
	for c := gen + 1; c < t.Nodes[gen].After; c++ {
		switch t.Kind(c) {
		case syntax.Lambda, syntax.GeneratorExpression:
			// Their own await or async for makes them asynchronous, not
			// gen; an async list comprehension in gen does.
			c = t.Nodes[c].After - 1
		case syntax.Await:
			return true
		case syntax.ForInClause:
			if t.HasToken(c, syntax.AsyncKeyword) {
				return true
			}
		}
	}
	return false
}

// dropAsyncFix makes an async with, async for or async comprehension
// clause synchronous by deleting its async keyword. It is unsafe: the
// statement no longer fails, and may block where it failed before.
func dropAsyncFix(t *syntax.Tree, id syntax.NodeID, keyword syntax.Kind) *analysis.Fix {
	async, kw := t.ChildOfKind(id, syntax.AsyncKeyword), t.ChildOfKind(id, keyword)
	if async == syntax.NoNode || kw == syntax.NoNode || t.HasComment(id, int(t.Nodes[async].Start), int(t.Nodes[kw].Start)) {
		return nil
	}
	return &analysis.Fix{
		Message:       "Use `" + t.Text(kw) + "`",
		Applicability: analysis.Unsafe,
		Edits:         []analysis.TextEdit{{Start: int(t.Nodes[async].Start), End: int(t.Nodes[kw].Start)}},
	}
}
