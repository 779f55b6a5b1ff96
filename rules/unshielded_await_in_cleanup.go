package rules

import (
	"fmt"
	"slices"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/analysis/syntax"
)

var unshieldedAwaitInCleanup = newRule(&analysis.Rule{
	Code:    "AL603",
	Name:    "unshielded-await-in-cleanup",
	Summary: "trio/anyio: `await` in a `finally` or in a handler that catches cancellation, outside a shielded scope",
	Default: true,
	SameAs:  []string{"ASYNC102", "ASYNC120"},
	Run:     reportUnshieldedAwaits,
})

// Awaits meant for cleanup, which close at once when cancelled or do not
// check for cancellation: aclose() and cancel_shielded_checkpoint()
// without arguments, any imported aclose_forcefully(), and a call into a
// thread that cancellation cannot abandon.
var (
	cleanupSafeBare = []string{"trio.lowlevel.cancel_shielded_checkpoint", "anyio.lowlevel.cancel_shielded_checkpoint"}
	threadCalls     = []string{"trio.to_thread.run_sync", "anyio.to_thread.run_sync"}
)

// reportUnshieldedAwaits reports, in files using trio or anyio, the
// checkpoints of cleanup code that no shielded scope protects.
func reportUnshieldedAwaits(p *analysis.Pass) {
	f := p.File
	t := f.Tree
	library := levelCancellation(f)
	if library == "" {
		return
	}
	for id := range t.OfKind(syntax.Await, syntax.ForStatement, syntax.WithStatement) {
		what, start, end := checkpointAt(f, id)
		if what == "" {
			continue
		}
		where, cancelled := unshieldedCleanup(f, id)
		if where == "" {
			continue
		}
		shield := fmt.Sprintf("`with %s.move_on_after(TIMEOUT, shield=True):`", library)
		message := fmt.Sprintf("`%s` in %s, outside a shielded scope: while the task is being cancelled it raises "+
			"Cancelled at once, and the cleanup does not run; put it in %s", what, where, shield)
		if !cancelled {
			message = fmt.Sprintf("`%s` in %s, which re-raises, outside a shielded scope: if it is cancelled, "+
				"Cancelled replaces the exception being handled, which is lost; put it in %s", what, where, shield)
		}
		p.Report(analysis.Diagnostic{Start: start, End: end, Message: message})
	}
}

// checkpointAt describes node id when it is a checkpoint that cleanup
// code must shield, with the range to report: an await, async for or
// async with. Awaits meant for cleanup and the entry of a TaskGroup,
// which does not check for cancellation, are not.
func checkpointAt(f *semantic.File, id syntax.NodeID) (what string, start, end int) {
	t := f.Tree
	n := &t.Nodes[id]
	switch t.Kind(id) {
	case syntax.Await:
		if call := t.Unwrap(t.NamedChild(id, 0)); t.Kind(call) == syntax.Call {
			name, bare := f.QualifiedName(t.ChildByField(call, syntax.FieldFunction)), t.PassesOnly(call)
			if bare && (t.MethodName(call) == "aclose" || slices.Contains(cleanupSafeBare, name)) ||
				lastName(name) == "aclose_forcefully" || slices.Contains(threadCalls, name) && !abandonable(t, call) {
				return "", 0, 0
			}
		}
		return "await", int(n.Start), int(n.End)
	case syntax.ForStatement:
		if t.HasToken(id, syntax.AsyncKeyword) {
			start, end := t.TokenRange(id, syntax.ForKeyword)
			return "async for", start, end
		}
	case syntax.WithStatement:
		if !t.HasToken(id, syntax.AsyncKeyword) {
			break
		}
		for _, item := range withItems(t, id) {
			if s, ok := itemScope(f, id, item); !ok || s.kind != taskGroupScope {
				start, end := t.TokenRange(id, syntax.WithKeyword)
				return "async with", start, end
			}
		}
	}
	return "", 0, 0
}

// abandonable reports whether a call into a thread lets cancellation
// abandon the thread: abandon_on_cancel=True, or its older name
// cancellable.
func abandonable(t *syntax.Tree, call syntax.NodeID) bool {
	for _, name := range []string{"abandon_on_cancel", "cancellable"} {
		if kw := t.KeywordArgument(call, name); kw != syntax.NoNode && mayBeTrue(t, t.ChildByField(kw, syntax.FieldValue)) {
			return true
		}
	}
	return false
}

// unshieldedCleanup describes the cleanup code that runs checkpoint id,
// when no shielded scope opened there protects it: a finally block or a
// handler that catches cancellation, where the task may be being
// cancelled (cancelled is set), or else a handler that re-raises after
// id. It returns "" when id is not in cleanup code or is shielded.
func unshieldedCleanup(f *semantic.File, id syntax.NodeID) (where string, cancelled bool) {
	t := f.Tree
	var withs []syntax.NodeID // the with statements around id, innermost first
	critical, inside := syntax.NoNode, 0
	handler, inHandler := syntax.NoNode, 0
	// A try around id that catches cancellation, inside a finally block or
	// a handler of cancellation: the code itself deals with the cleanup
	// being cancelled.
	caught, caughtInCritical := false, false
	for a := range frameAncestors(t, id) {
		switch t.Kind(a) {
		case syntax.WithStatement:
			if inBody(t, a, id) {
				withs = append(withs, a)
			}
		case syntax.TryStatement:
			caught = caught || t.Contains(t.ChildByField(a, syntax.FieldBody), id) && catchesCancellation(f, a)
		case syntax.FinallyClause:
			critical, inside, caughtInCritical = a, len(withs), caught
		case syntax.ExceptClause:
			if !t.Contains(t.ChildOfKind(a, syntax.Block), id) {
				break
			}
			if _, ok := caughtCancellation(f, a); ok && !caughtEarlier(f, a) {
				critical, inside, caughtInCritical = a, len(withs), caught
			} else if handler == syntax.NoNode && critical == syntax.NoNode {
				handler, inHandler = a, len(withs)
			}
		}
	}
	switch {
	case critical != syntax.NoNode:
		if caughtInCritical || shielded(f, withs[:inside], id) {
			return "", false
		}
		return cleanupName(f, critical), true
	case handler != syntax.NoNode:
		if shielded(f, withs[:inHandler], id) || !raisesAfter(f, handler, id) {
			return "", false
		}
		return cleanupName(f, handler), false
	}
	return "", false
}

// catchesCancellation reports whether a try statement has an except
// clause that catches cancellation.
func catchesCancellation(f *semantic.File, try syntax.NodeID) bool {
	for c := range f.Tree.NamedChildren(try) {
		if f.Tree.Kind(c) == syntax.ExceptClause {
			if _, ok := caughtCancellation(f, c); ok {
				return true
			}
		}
	}
	return false
}

// shielded reports whether an item of one of the with statements shields
// node id.
func shielded(f *semantic.File, withs []syntax.NodeID, id syntax.NodeID) bool {
	for _, w := range withs {
		for _, item := range withItems(f.Tree, w) {
			if shieldedAt(f, w, item, id) {
				return true
			}
		}
	}
	return false
}

// raisesAfter reports whether an except clause can re-raise the exception
// it handles after node id: by a raise of its own on a path from id, loops
// aside.
func raisesAfter(f *semantic.File, clause, id syntax.NodeID) bool {
	t := f.Tree
	block := t.ChildOfKind(clause, syntax.Block)
	for node := id; ; {
		stmt := node
		for t.Kind(t.Parent(stmt)) != syntax.Block {
			if stmt = t.Parent(stmt); t.Parent(stmt) == syntax.NoNode {
				return false // a syntax error
			}
		}
		if node == id && inHeader(t, stmt, id) && reraisesIn(f, clause, stmt, id) {
			return true // if await x: ... else: raise
		}
		for next := t.NextStatement(stmt); next != syntax.NoNode; next = t.NextStatement(next) {
			if reraisesIn(f, clause, next, syntax.NoNode) {
				return true
			}
			switch t.Kind(next) {
			case syntax.ReturnStatement, syntax.RaiseStatement, syntax.BreakStatement, syntax.ContinueStatement:
				return false
			}
		}
		if t.Parent(stmt) == block {
			return false
		}
		node = t.Parent(t.Parent(stmt))
	}
}

// inHeader reports whether id lies in the header of compound statement
// stmt, such as its condition, rather than in one of its blocks.
func inHeader(t *syntax.Tree, stmt, id syntax.NodeID) bool {
	for a := range t.Ancestors(id) {
		if a == stmt {
			return true
		}
		if t.Kind(a) == syntax.Block {
			return false
		}
	}
	return false
}

// reraisesIn reports whether the code of node after node from (all of it
// for NoNode) holds a raise of the except clause that re-raises the
// exception it handles: raise, raise exc, raise Other() from exc.
func reraisesIn(f *semantic.File, clause, node, from syntax.NodeID) bool {
	t := f.Tree
	name := asName(t, clause)
	for r := range frameNodes(t, node) {
		if r <= from || t.Kind(r) != syntax.RaiseStatement || innermostHandler(t, r) != clause {
			continue
		}
		if t.NamedChild(r, 0) == syntax.NoNode {
			return true
		}
		for id := range frameNodes(t, r) {
			if name != syntax.NoNode && refersTo(f, id, name) {
				return true
			}
		}
	}
	return false
}

// innermostHandler returns the except clause whose block holds id, in
// its frame, or NoNode.
func innermostHandler(t *syntax.Tree, id syntax.NodeID) syntax.NodeID {
	for a := range frameAncestors(t, id) {
		if t.Kind(a) == syntax.ExceptClause {
			return a
		}
	}
	return syntax.NoNode
}

// cleanupName names cleanup code for a message: "a `finally` block",
// "`except BaseException`".
func cleanupName(f *semantic.File, node syntax.NodeID) string {
	t := f.Tree
	if t.Kind(node) == syntax.FinallyClause {
		return "a `finally` block"
	}
	if caught, ok := caughtCancellation(f, node); ok {
		return caught
	}
	value := t.ChildByField(node, syntax.FieldValue)
	if t.Kind(value) == syntax.AsPattern {
		value = t.FirstChild(value)
	}
	return "`except " + shortText(t, value) + "`"
}
