package rules

import (
	"slices"
	"strings"

	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/analysis/syntax"
)

// noReturnCalls never return: they end the process, or raise.
var noReturnCalls = []string{
	"sys.exit", "os._exit", "os.abort", "builtins.exit", "builtins.quit",
	"pytest.fail", "pytest.skip", "pytest.xfail", "pytest.exit",
	"typing.assert_never", "typing_extensions.assert_never",
}

// noReturnTypes are the return annotations of functions that never return.
var noReturnTypes = []string{"typing.NoReturn", "typing.Never", "typing_extensions.NoReturn", "typing_extensions.Never"}

// exits are the ways a statement can end without raising.
type exits uint8

const (
	fallsThrough exits = 1 << iota // on to the next statement
	returns                        // out of the function
	breaks                         // out of the innermost loop
	continues                      // to the next turn of the innermost loop
)

// truth is what a condition is known to be.
type truth uint8

const (
	unknownTruth truth = iota
	knownTrue
	knownFalse
	knownRaises // evaluating it raises
)

// cancelledFlow follows a handler's statements when the exception it
// caught is a cancellation: which branches can run, and how they end.
type cancelledFlow struct {
	f     *semantic.File
	exc   []semantic.BindingID // the binding of the handler's `as` name, if any
	depth int                  // how many calls deep the exception was handed
}

// maxRaiserDepth bounds how many calls deep a handed exception is followed.
const maxRaiserDepth = 3

// alwaysRaises reports whether statement id can only end by raising.
func alwaysRaises(f *semantic.File, id syntax.NodeID) bool {
	return id != syntax.NoNode && (&cancelledFlow{f: f}).statement(id) == 0
}

// handlerExits returns how the body of an except clause can end when it
// caught a cancellation.
func handlerExits(f *semantic.File, clause syntax.NodeID) exits {
	t := f.Tree
	c := &cancelledFlow{f: f}
	if value := t.ChildByField(clause, syntax.FieldValue); value != syntax.NoNode && t.Kind(value) == syntax.AsPattern {
		if target := t.ChildOfKind(value, syntax.AsPatternTarget); target != syntax.NoNode {
			if name := t.NamedChild(target, 0); name != syntax.NoNode && t.Kind(name) == syntax.Identifier {
				c.exc = f.Lookup(name)
			}
		}
	}
	return c.block(t.ChildOfKind(clause, syntax.Block))
}

// block returns how a block can end: its statements run in order until
// one cannot fall through.
func (c *cancelledFlow) block(id syntax.NodeID) exits {
	if id == syntax.NoNode {
		return fallsThrough
	}
	var out exits
	for s := range c.f.Tree.NamedChildren(id) {
		e := c.statement(s)
		out |= e &^ fallsThrough
		if e&fallsThrough == 0 {
			return out
		}
	}
	return out | fallsThrough
}

// statement returns how a statement can end.
func (c *cancelledFlow) statement(id syntax.NodeID) exits {
	t := c.f.Tree
	switch t.Kind(id) {
	case syntax.RaiseStatement:
		return 0
	case syntax.ReturnStatement:
		if v := t.NamedChild(id, 0); v != syntax.NoNode && c.neverReturns(v) {
			return 0
		}
		return returns
	case syntax.BreakStatement:
		return breaks
	case syntax.ContinueStatement:
		return continues
	case syntax.ExpressionStatement:
		if c.neverReturns(t.FirstChild(id)) {
			return 0
		}
	case syntax.IfStatement:
		return c.ifStatement(id)
	case syntax.TryStatement:
		return c.tryStatement(id)
	case syntax.WithStatement:
		return c.block(t.ChildByField(id, syntax.FieldBody))
	case syntax.ForStatement, syntax.WhileStatement:
		return c.loop(id)
	case syntax.MatchStatement:
		return c.match(id)
	}
	return fallsThrough
}

// ifStatement follows the branches a cancellation can take: a condition
// known to be true ends the search, one known to be false skips its
// branch, and one that raises ends the statement.
func (c *cancelledFlow) ifStatement(id syntax.NodeID) exits {
	t := c.f.Tree
	var out exits
	branch := func(cond, body syntax.NodeID) bool {
		switch c.condition(cond) {
		case knownTrue:
			out |= c.block(body)
			return true
		case knownRaises:
			return true
		case unknownTruth:
			out |= c.block(body)
		}
		return false
	}
	if branch(t.ChildByField(id, syntax.FieldCondition), t.ChildByField(id, syntax.FieldConsequence)) {
		return out
	}
	for clause := range t.Children(id) {
		switch t.Kind(clause) {
		case syntax.ElifClause:
			if branch(t.ChildByField(clause, syntax.FieldCondition), t.ChildByField(clause, syntax.FieldConsequence)) {
				return out
			}
		case syntax.ElseClause:
			return out | c.block(t.ChildByField(clause, syntax.FieldBody))
		}
	}
	return out | fallsThrough
}

// tryStatement: a finally that cannot fall through decides; otherwise the
// statement ends as its body (then its else) or any of its handlers can.
func (c *cancelledFlow) tryStatement(id syntax.NodeID) exits {
	t := c.f.Tree
	body := c.block(t.ChildByField(id, syntax.FieldBody))
	out := body &^ fallsThrough
	elseExits := fallsThrough
	var finally exits = fallsThrough
	for clause := range t.Children(id) {
		switch t.Kind(clause) {
		case syntax.ExceptClause:
			out |= c.block(t.ChildOfKind(clause, syntax.Block))
		case syntax.ElseClause:
			elseExits = c.block(t.ChildByField(clause, syntax.FieldBody))
		case syntax.FinallyClause:
			finally = c.block(t.ChildOfKind(clause, syntax.Block))
		}
	}
	if finally&fallsThrough == 0 {
		return finally
	}
	if body&fallsThrough != 0 {
		out |= elseExits
	}
	return out | finally&^fallsThrough
}

// loop: a loop ends normally when its body breaks, or when it runs out of
// turns (and then through its else), which `while True` never does and a
// for over a non-empty literal does only after a turn that falls through.
func (c *cancelledFlow) loop(id syntax.NodeID) exits {
	t := c.f.Tree
	body := c.block(t.ChildByField(id, syntax.FieldBody))
	out := body & returns
	if body&breaks != 0 {
		out |= fallsThrough
	}
	exhausts := body&(fallsThrough|continues) != 0
	if t.Kind(id) == syntax.WhileStatement {
		switch c.condition(t.ChildByField(id, syntax.FieldCondition)) {
		case knownTrue:
			exhausts = false
		case knownRaises:
			return 0
		case unknownTruth:
			exhausts = true
		}
	} else if !nonEmptyLiteral(c.f, t.ChildByField(id, syntax.FieldRight)) {
		exhausts = true
	}
	if exhausts {
		if e := t.ChildOfKind(id, syntax.ElseClause); e != syntax.NoNode {
			out |= c.block(t.ChildByField(e, syntax.FieldBody))
		} else {
			out |= fallsThrough
		}
	}
	return out
}

// nonEmptyLiteral reports whether a for loop iterates over range(n) with
// a positive literal n, or a non-empty list or tuple display.
func nonEmptyLiteral(f *semantic.File, iter syntax.NodeID) bool {
	t := f.Tree
	iter = t.Unwrap(iter)
	switch {
	case iter == syntax.NoNode:
		return false
	case t.Kind(iter) == syntax.List || t.Kind(iter) == syntax.Tuple:
		return !t.IsEmptyDisplay(iter)
	case t.Kind(iter) == syntax.Call && f.QualifiedName(t.ChildByField(iter, syntax.FieldFunction)) == "builtins.range":
		positional, keywords, ok := t.CallArguments(iter)
		if !ok || len(positional) != 1 || len(keywords) > 0 || t.Kind(positional[0]) != syntax.Integer {
			return false
		}
		n := strings.TrimLeft(strings.ReplaceAll(t.Text(positional[0]), "_", ""), "0")
		return n != "" && !strings.ContainsAny(n, "xXoObB")
	}
	return false
}

// match: every case can run, and the statement falls through when no case
// matches, unless one matches anything (case _, case name).
func (c *cancelledFlow) match(id syntax.NodeID) exits {
	t := c.f.Tree
	body := t.ChildByField(id, syntax.FieldBody)
	if body == syntax.NoNode {
		return fallsThrough
	}
	var out exits
	for clause := range t.NamedChildren(body) {
		if t.Kind(clause) != syntax.CaseClause {
			continue
		}
		out |= c.block(t.ChildByField(clause, syntax.FieldConsequence))
		if t.ChildByField(clause, syntax.FieldGuard) == syntax.NoNode && irrefutable(t, clause) {
			return out
		}
	}
	return out | fallsThrough
}

// irrefutable reports whether a case clause's pattern matches anything: _
// or a bare name.
func irrefutable(t *syntax.Tree, clause syntax.NodeID) bool {
	var patterns []syntax.NodeID
	for c := range t.NamedChildren(clause) {
		if t.Kind(c) == syntax.CasePattern {
			patterns = append(patterns, c)
		}
	}
	if len(patterns) != 1 {
		return false
	}
	if t.Text(patterns[0]) == "_" {
		return true
	}
	name := t.OnlyNamedChild(patterns[0])
	return name != syntax.NoNode && t.Kind(name) == syntax.DottedName && t.OnlyNamedChild(name) != syntax.NoNode
}

// condition returns what a condition is when the handler's exception is a
// cancellation: isinstance(exc, C) is known for the classes that do or
// do not catch it, and reading exc.errno raises AttributeError.
func (c *cancelledFlow) condition(id syntax.NodeID) truth {
	t := c.f.Tree
	id = t.Unwrap(id)
	if id == syntax.NoNode {
		return unknownTruth
	}
	switch t.Kind(id) {
	case syntax.True:
		return knownTrue
	case syntax.False, syntax.None:
		return knownFalse
	case syntax.Integer:
		if strings.Trim(t.Text(id), "0_") == "" {
			return knownFalse
		}
		return knownTrue
	case syntax.NotOperator:
		switch v := c.condition(t.ChildByField(id, syntax.FieldArgument)); v {
		case knownTrue:
			return knownFalse
		case knownFalse:
			return knownTrue
		default:
			return v
		}
	case syntax.BooleanOperator:
		left := c.condition(t.ChildByField(id, syntax.FieldLeft))
		and := t.Text(t.ChildByField(id, syntax.FieldOperator)) == "and"
		decided := knownTrue
		if and {
			decided = knownFalse
		}
		switch left {
		case decided, knownRaises:
			return left
		case unknownTruth:
			if right := c.condition(t.ChildByField(id, syntax.FieldRight)); right == decided {
				return right
			}
			return unknownTruth
		}
		return c.condition(t.ChildByField(id, syntax.FieldRight))
	case syntax.Call:
		return c.isInstance(id)
	}
	if c.readsErrno(id) {
		return knownRaises
	}
	return unknownTruth
}

// isInstance returns what isinstance(exc, C) is for a cancellation.
func (c *cancelledFlow) isInstance(call syntax.NodeID) truth {
	t := c.f.Tree
	if c.f.QualifiedName(t.ChildByField(call, syntax.FieldFunction)) != "builtins.isinstance" {
		return unknownTruth
	}
	positional, keywords, ok := t.CallArguments(call)
	if !ok || len(positional) != 2 || len(keywords) > 0 || !c.isException(positional[0]) {
		return unknownTruth
	}
	classes := []syntax.NodeID{t.Unwrap(positional[1])}
	if classes[0] != syntax.NoNode && t.Kind(classes[0]) == syntax.Tuple {
		classes = slices.Collect(t.NamedChildren(classes[0]))
	}
	result := knownFalse
	for _, class := range classes {
		switch {
		case cancellationCatcher(c.f, class, 0) != syntax.NoNode:
			return knownTrue
		case !notCancellation(c.f, class):
			result = unknownTruth
		}
	}
	return result
}

// notCancellation reports whether class is a builtin exception class that
// no cancellation is an instance of.
func notCancellation(f *semantic.File, class syntax.NodeID) bool {
	name, ok := strings.CutPrefix(f.QualifiedName(class), "builtins.")
	if !ok {
		return false
	}
	switch name {
	case "BaseException", "BaseExceptionGroup", "ExceptionGroup", "object", "type":
		return false
	}
	return strings.HasSuffix(name, "Error") || strings.HasSuffix(name, "Exception") || strings.HasSuffix(name, "Warning") ||
		slices.Contains([]string{"KeyboardInterrupt", "SystemExit", "GeneratorExit", "StopIteration", "StopAsyncIteration"}, name)
}

// isException reports whether id names the exception the handler caught.
func (c *cancelledFlow) isException(id syntax.NodeID) bool {
	t := c.f.Tree
	id = t.Unwrap(id)
	return len(c.exc) > 0 && id != syntax.NoNode && t.Kind(id) == syntax.Identifier && slices.Equal(c.f.Lookup(id), c.exc)
}

// readsErrno reports whether an expression reads exc.errno (or another
// attribute only OSError has), which a cancellation lacks.
func (c *cancelledFlow) readsErrno(id syntax.NodeID) bool {
	t := c.f.Tree
	for a := id; a < t.Nodes[id].After; a++ {
		switch t.Kind(a) {
		case syntax.Lambda, syntax.ListComprehension, syntax.SetComprehension, syntax.DictionaryComprehension,
			syntax.GeneratorExpression, syntax.BooleanOperator, syntax.ConditionalExpression:
			return false // the read may not happen
		case syntax.Attribute:
			switch t.TextView(t.ChildByField(a, syntax.FieldAttr)) {
			case "errno", "strerror", "winerror", "filename":
				if c.isException(t.ChildByField(a, syntax.FieldObject)) {
					return true
				}
			}
		}
	}
	return false
}

// neverReturns reports whether an expression is a call (awaited or not)
// of a function that never returns: sys.exit() and the like, a function of
// this module annotated to return NoReturn or Never, or one that is handed
// the caught exception and raises whenever it is a cancellation.
func (c *cancelledFlow) neverReturns(expr syntax.NodeID) bool {
	t := c.f.Tree
	expr = t.Unwrap(expr)
	if expr != syntax.NoNode && t.Kind(expr) == syntax.Await {
		expr = t.Unwrap(t.NamedChild(expr, 0))
	}
	if expr == syntax.NoNode || t.Kind(expr) != syntax.Call {
		return false
	}
	callee := t.ChildByField(expr, syntax.FieldFunction)
	if slices.Contains(noReturnCalls, c.f.QualifiedName(callee)) {
		return true
	}
	def, _ := c.f.Definition(callee)
	return def != syntax.NoNode && (annotatedNoReturn(c.f, def) || c.raisesHanded(expr, def))
}

// raisesHanded reports whether call hands the caught exception to def,
// whose body, given a cancellation in that parameter, can only end by
// raising: one that closes a resource, then re-raises cancellation.
func (c *cancelledFlow) raisesHanded(call, def syntax.NodeID) bool {
	t := c.f.Tree
	if len(c.exc) == 0 || c.depth >= maxRaiserDepth {
		return false
	}
	body := t.ChildByField(def, syntax.FieldBody)
	for _, p := range functionParams(t, def) {
		if !c.isException(forwardedArgument(c.f, call, def, p.Name)) {
			continue
		}
		handed := &cancelledFlow{f: c.f, exc: parameterBindings(c.f, def, p.Name), depth: c.depth + 1}
		return handed.block(body) == 0
	}
	return false
}

// parameterBindings returns the bindings that the uses of a parameter of
// def in its body refer to, or nil when the body does not use it.
func parameterBindings(f *semantic.File, def syntax.NodeID, name string) []semantic.BindingID {
	t := f.Tree
	body, scope := t.ChildByField(def, syntax.FieldBody), f.OwnedScope(def)
	isParameter := func(b semantic.BindingID) bool {
		return f.Bindings[b].Kind == semantic.ParameterBinding && f.Bindings[b].Scope == scope
	}
	for id := body; id < t.Nodes[body].After; id++ {
		if t.Kind(id) == syntax.Identifier && t.TextView(id) == name && f.IsVariable(id) {
			if refs := f.Lookup(id); slices.ContainsFunc(refs, isParameter) {
				return refs
			}
		}
	}
	return nil
}

// annotatedNoReturn reports whether a def's return annotation is NoReturn
// or Never, written as a name or a string.
func annotatedNoReturn(f *semantic.File, def syntax.NodeID) bool {
	t := f.Tree
	ann := t.ChildByField(def, syntax.FieldReturnType)
	if ann == syntax.NoNode {
		return false
	}
	if t.Kind(ann) == syntax.Type {
		ann = t.NamedChild(ann, 0)
	}
	ann = t.Unwrap(ann)
	if ann == syntax.NoNode {
		return false
	}
	if t.Kind(ann) == syntax.String {
		s := stringValue(t, ann)
		return s == "NoReturn" || s == "Never" || slices.Contains(noReturnTypes, s)
	}
	return slices.Contains(noReturnTypes, f.QualifiedName(ann))
}

// endsFunction reports whether every way exits leaves a handler of try
// ends the function at once: a return, or falling through (or breaking
// out of the loop around try) to statements that finish the function
// without another await.
func endsFunction(f *semantic.File, try syntax.NodeID, how exits) bool {
	t := f.Tree
	if how&continues != 0 || how&fallsThrough != 0 && !endsAfter(f, try) {
		return false
	}
	if how&breaks != 0 {
		for a := range t.Ancestors(try) {
			switch t.Kind(a) {
			case syntax.ForStatement, syntax.WhileStatement:
				return endsAfter(f, a)
			case syntax.FunctionDefinition:
				return false
			}
		}
	}
	return true
}

// endsAfter reports whether, once statement s completes, its function
// finishes without looping or suspending again.
func endsAfter(f *semantic.File, s syntax.NodeID) bool {
	t := f.Tree
	fn := f.Scopes[f.ExecutingFunction(s)].Node
	for {
		for n := t.NextSibling(s); n != syntax.NoNode; n = t.NextSibling(n) {
			if suspends(t, n) {
				return false
			}
		}
		block := t.Parent(s)
		owner := t.Parent(block)
		switch t.Kind(owner) {
		case syntax.FunctionDefinition:
			return owner == fn
		case syntax.IfStatement, syntax.WithStatement:
			s = owner
		case syntax.TryStatement:
			if e := t.ChildOfKind(owner, syntax.ElseClause); e != syntax.NoNode && t.ChildByField(owner, syntax.FieldBody) == block && suspends(t, e) {
				return false
			}
			s = owner
		case syntax.ElifClause, syntax.ElseClause, syntax.ExceptClause, syntax.FinallyClause:
			s = t.Parent(owner)
		case syntax.CaseClause:
			s = t.Parent(t.Parent(owner))
		default: // a loop's body, which runs again, or a class body
			return false
		}
	}
}

// suspends reports whether code can suspend its task where a cancellation
// can arrive: an await, async for or async with of its own frame, or a
// yield of an async generator (the consumer's cancellation is thrown in
// there), outside nested functions and shielded cancel scopes.
func suspends(t *syntax.Tree, code syntax.NodeID) bool {
	if code == syntax.NoNode {
		return false
	}
	for id := code; id < t.Nodes[code].After; id++ {
		switch t.Kind(id) {
		case syntax.FunctionDefinition, syntax.ClassDefinition, syntax.Lambda:
			id = t.Nodes[id].After - 1
		case syntax.Await, syntax.Yield:
			return true
		case syntax.ForStatement, syntax.ForInClause:
			if t.HasToken(id, syntax.AsyncKeyword) {
				return true
			}
		case syntax.WithStatement:
			if t.HasToken(id, syntax.AsyncKeyword) {
				return true
			}
			if shields(t, id) {
				id = t.Nodes[id].After - 1
			}
		}
	}
	return false
}

// shieldingScopes are the trio and anyio scopes that, given shield=True,
// keep outside cancellation from the awaits in their block.
var shieldingScopes = []string{"CancelScope", "move_on_after", "move_on_at", "fail_after", "fail_at"}

// shields reports whether a with statement opens a cancel scope with
// shield=True.
func shields(t *syntax.Tree, with syntax.NodeID) bool {
	for id := with; id < t.Nodes[with].After; id++ {
		if t.Kind(id) == syntax.Block {
			return false
		}
		if t.Kind(id) != syntax.WithItem {
			continue
		}
		call := t.Unwrap(t.WithItemValue(id))
		if call == syntax.NoNode || t.Kind(call) != syntax.Call {
			continue
		}
		callee := t.ChildByField(call, syntax.FieldFunction)
		if t.Kind(callee) == syntax.Attribute {
			callee = t.ChildByField(callee, syntax.FieldAttr)
		}
		if shield := t.KeywordArgument(call, "shield"); slices.Contains(shieldingScopes, t.Text(callee)) &&
			shield != syntax.NoNode && t.Kind(t.ChildByField(shield, syntax.FieldValue)) == syntax.True {
			return true
		}
	}
	return false
}
