package syntax

import (
	"sort"

	"github.com/asynclint/asynclint/analysis/source"
	ts "github.com/tree-sitter/go-tree-sitter"
)

// A text without syntax errors parses, at its top level, statement by
// statement: where a top-level statement starts a line, the parse of the
// whole is the parse of the text before it and of the text from it, each
// on its own, side by side. At the start of such a line tree-sitter's
// scanner holds no state (its indentation is back to the first level, no
// bracket or string is open, and the text before ends with a line break,
// as at the end of a text), and the statement before is complete
// whatever follows. What could continue it (else, except, finally, the
// definition after a decorator) cannot begin a text, so a part that
// begins with it does not parse without errors on its own. A line after a
// backslash continuation is part of the line before, and is no place to
// cut.
//
// A document is re-parsed by parts: the runs of top-level statements that
// the edits changed are parsed on their own, and the flat tree is
// stitched from theirs and the unchanged parts of the last one. A part is
// widened by the statements around it until it parses without errors,
// begins with a statement at the start of a line and ends with a line
// break; or else the whole text is parsed again. The result is then the
// tree of a parse of the whole text.
//
// Errors are not cut around in a parse of the whole text: tree-sitter's
// error recovery keeps competing parses alive across statements and
// chooses among them by what follows, so that a bracket left open in one
// statement may swallow the statements after it. While a person types,
// most texts have such an error, in the statement being typed. So a run of
// changed statements that has errors on its own, and with a statement
// either side (not tried when its brackets do not balance: the statements
// around it balance theirs, and cannot mend it), is kept as a part with
// errors if it begins and ends at the start of a line: the parts after it
// parse on their own as they did, and the error stays in the statements
// being typed, where CPython reports an unclosed bracket too. The tree is
// then the parse of each part on its own: one with errors, the others
// without. The part with errors is
// parsed again when the text in it or next to it changes; a second run
// with errors joins it, with the parts between, into one part. What cannot
// be cut around so is parsed whole: a triple-quoted string left open,
// which would run on into the text after it up to its quote; an error
// that the flat tree does not show (a missing line break); an error in
// the only part. A text parsed whole with errors is parsed whole until it
// has none.

// A cut is where the text of a tree without errors can be cut into parts
// that parse on their own as they parse together: the start of a
// top-level statement that starts a line.
type cut struct {
	at   uint32 // byte offset
	node NodeID // the first node of the part from there
}

// cuts returns the cuts of t, a tree without errors: 0 and its first
// top-level node, each statement that starts a line, and last the end of
// the text and of the nodes.
func cuts(t *Tree) []cut {
	cs := []cut{{0, 1}}
	for c := t.FirstChild(0); c != NoNode; c = t.NextSibling(c) {
		if n := &t.Nodes[c]; !n.IsExtra() && startsLine(t.Src, n.Start) {
			cs = append(cs, cut{n.Start, c})
		}
	}
	return append(cs, cut{uint32(len(t.Src)), NodeID(len(t.Nodes))})
}

// startsLine reports whether at is the start of a line, one that a
// backslash does not join to the line before. Nor is a line after blank
// lines that follow a backslash: tree-sitter reads the continuation by
// what comes after them.
func startsLine(src []byte, at uint32) bool {
	i := int(at) - 1
	if i < 0 || src[i] != '\n' && src[i] != '\r' {
		return false
	}
	for i >= 0 && (src[i] == '\n' || src[i] == '\r' || src[i] == ' ' || src[i] == '\t' || src[i] == '\f') {
		i--
	}
	return i < 0 || src[i] != '\\'
}

// moveCuts follows the offsets of cuts through edits, made in order, and
// reports which parts (part k lies between cut k and cut k+1) they
// changed. Text inserted where a part starts belongs to that part.
func moveCuts(cs []cut, edits []Edit) (starts []uint32, changed []bool) {
	parts := len(cs) - 1
	starts = make([]uint32, len(cs))
	for k, c := range cs {
		starts[k] = c.at
	}
	changed = make([]bool, parts)
	for _, e := range edits {
		if e.Start == e.OldEnd {
			k := sort.Search(parts, func(k int) bool { return starts[k] > e.Start }) - 1
			changed[k] = true
		} else {
			first := sort.Search(parts, func(k int) bool { return starts[k+1] > e.Start })
			for k := first; k < parts && starts[k] < e.OldEnd; k++ {
				changed[k] = true
			}
		}
		for k := range starts[:parts] {
			switch p := starts[k]; {
			case p <= e.Start:
			case p >= e.OldEnd:
				starts[k] = p - e.OldEnd + e.NewEnd
			default:
				starts[k] = e.Start
			}
		}
		starts[parts] = starts[parts] - e.OldEnd + e.NewEnd
	}
	return starts, changed
}

// A part is a run of top-level nodes of a flat tree with their subtrees,
// to be moved by shift bytes into a stitched tree.
type part struct {
	nodes []Node
	ids   []uintptr // their identities; nil for none
	first NodeID    // the index of nodes[0] in its tree
	shift uint32    // added to offsets, wrapping around for a move back
	tree  *Tree     // the tree of nodes, whose kind index makes the stitched tree's; nil for none
}

// stitch returns the tree of src whose top-level nodes are those of
// parts, in order, with their identities: none when no part has any, as
// in a document without a tree-sitter tree to reparse (see reflatten).
// The array of its nodes is take's, if not nil.
func stitch(src []byte, parts []part, take func(n int) []Node) (*Tree, []uintptr) {
	count, withIDs := 1, false
	for _, p := range parts {
		count += len(p.nodes)
		withIDs = withIDs || p.ids != nil
	}
	var nodes []Node
	if take != nil {
		nodes = take(count)
	} else {
		nodes = make([]Node, count)
	}
	var ids []uintptr
	if withIDs {
		ids = make([]uintptr, count)
	}
	var from []kindSource
	n := NodeID(1)
	for _, p := range parts {
		if p.tree != nil {
			from = append(from, kindSource{tree: p.tree, first: p.first, count: NodeID(len(p.nodes)), at: n})
		}
		move := n - p.first
		out := nodes[n : n+NodeID(len(p.nodes))]
		copy(out, p.nodes)
		if p.shift != 0 || move != 0 {
			for i := range out {
				o := &out[i]
				o.Start += p.shift
				o.End += p.shift
				o.Parent += move
				o.After += move
			}
			// The parent of a top-level node is the root.
			for i := NodeID(0); i < NodeID(len(out)); i = out[i].After - n {
				out[i].Parent = 0
			}
		}
		if ids != nil {
			copy(ids[n:], p.ids)
		}
		n += NodeID(len(p.nodes))
	}
	// The module spans from its first token to the end of the text.
	root := &nodes[0]
	*root = Node{Start: uint32(len(src)), End: uint32(len(src)), Parent: NoNode, After: n, Kind: Module, flags: flagNamed}
	if count > 1 {
		root.Start = nodes[1].Start
	}
	t := &Tree{Src: src, Nodes: nodes}
	if len(from) == len(parts) {
		t.kindsFrom = from
	}
	return t, ids
}

// A window is a run of parts, lo to hi, parsed on its own.
type window struct {
	lo, hi int
	tree   *Tree // its flat tree, offsets from its start
	broken bool  // tree has syntax errors
}

// parseStatements re-parses the parts of the text that the edits since the
// last parse changed, makes the result the last parse's, and reports
// whether it could. A run of changed parts is parsed on its own, and
// widened by a part while it does not begin and end where parts can be
// cut, or by a part either side if that parses without errors where it
// did not; what still has errors is kept as the part with errors.
func (d *Document) parseStatements() (*Tree, bool) {
	if d.parts == nil || len(d.edits) == 0 || len(d.src) > MaxTokens {
		return nil, false
	}
	starts, changed := moveCuts(d.parts, d.edits)
	// What changed next to the part with errors may complete it.
	if b := d.broken; b >= 0 && (b > 0 && changed[b-1] || b+1 < len(changed) && changed[b+1]) {
		changed[b] = true
	}
	p := &statementParse{d: d, starts: starts, changed: changed,
		budget: max(len(d.src)/8, minStatementBudget), parsed: map[[2]int]window{}}
	for {
		windows, more, ok := p.pass()
		if !ok {
			return nil, false
		}
		if !more {
			flat, ids, parts, broken := d.stitchWindows(starts, windows)
			if broken < 0 {
				flat.knownClean()
			}
			d.last, d.ids, d.parts, d.broken = flat, ids, parts, broken
			return flat, true
		}
	}
}

// A statementParse is the state of parseStatements: the last parse's
// parts, moved through the edits, which of them changed, and the runs of
// them parsed so far.
type statementParse struct {
	d       *Document
	starts  []uint32 // where each part starts in the text, and last its end
	changed []bool   // the parts to parse again
	budget  int      // bytes left to parse before the whole text is parsed instead
	parsed  map[[2]int]window
}

// minStatementBudget is the least text parseStatements parses before it
// gives up for a parse of the whole text; it parses up to an eighth of the
// text otherwise.
const minStatementBudget = 64 << 10

// pass parses each run of changed parts and returns their windows; more
// when a run takes in more parts first (then changed says which), not ok
// when the whole text is to be parsed instead.
func (p *statementParse) pass() (windows []window, more, ok bool) {
	parts := len(p.changed)
	other := -1 // a part with errors: kept from the last parse, or in a window of this pass
	if b := p.d.broken; b >= 0 && !p.changed[b] {
		other = b
	}
	for lo := 0; lo < parts; lo++ {
		if !p.changed[lo] {
			continue
		}
		hi := lo + 1
		for hi < parts && p.changed[hi] {
			hi++
		}
		w, ok := p.window(lo, hi)
		if !ok {
			return nil, false, false
		}
		grow, ok := p.settle(w, other)
		switch {
		case !ok:
			return nil, false, false
		case grow[0] < grow[1]:
			for k := grow[0]; k < grow[1]; k++ {
				p.changed[k] = true
			}
			return nil, true, true
		case w.broken:
			other = lo
		}
		windows = append(windows, w)
		lo = hi
	}
	return windows, false, true
}

// window returns the window of parts lo to hi, parsing it on first use;
// not ok when it spends more than the budget, or does not parse to a
// module.
func (p *statementParse) window(lo, hi int) (window, bool) {
	if w, seen := p.parsed[[2]int{lo, hi}]; seen {
		return w, w.tree != nil
	}
	start, end := p.starts[lo], p.starts[hi]
	if p.budget -= int(end - start); p.budget < 0 {
		return window{}, false
	}
	tree, broken := p.d.parser.parseAlone(p.d.src[start:end])
	w := window{lo: lo, hi: hi, tree: tree, broken: broken}
	p.parsed[[2]int{lo, hi}] = w
	return w, tree != nil
}

// settle says what becomes of window w: it stays as it is, or grows to
// take in the parts grow[0] to grow[1], or (not ok) the whole text is
// parsed instead. other is another part with errors, or -1.
func (p *statementParse) settle(w window, other int) (grow [2]int, ok bool) {
	parts := len(p.changed)
	src, start, end := p.d.src, p.starts[w.lo], p.starts[w.hi]
	if w.broken {
		if w.lo == 0 && w.hi == parts {
			return grow, false
		}
		// A clause that continues the statement before (else, except)
		// or a decorator of the one after parses with it. A bracket left
		// open, or closed too often, stays so with them.
		if balanced, sure := bracketsBalance(src[start:end]); balanced || !sure {
			wider, ok := p.window(max(w.lo-1, 0), min(w.hi+1, parts))
			if !ok || !wider.broken {
				return [2]int{wider.lo, wider.hi}, ok
			}
		}
	} else if !unambiguous(w.tree) {
		return grow, false
	}
	begins := startsLine(src, start) && (w.broken || beginsStatement(w.tree))
	switch {
	case w.lo > 0 && start < end && !begins:
		return [2]int{w.lo - 1, w.lo}, true
	case w.hi < parts && !startsLine(src, end):
		return [2]int{w.hi, w.hi + 1}, true
	case !w.broken:
		return grow, true
	case !w.tree.HasError() || leavesStringOpen(w.tree):
		// Its errors would not show in the tree (a missing line break),
		// or would change how the text after it reads.
		return grow, false
	case other >= 0:
		// One part has the errors, and the parts between them.
		return [2]int{min(other, w.lo), max(other+1, w.hi)}, true
	}
	return grow, true
}

// bracketsBalance reports whether the brackets of src, outside its
// strings and comments, close as they open; sure is false for a text
// whose strings it does not read as Python does: an f-string, whose
// fields hold code, or a string left open. The parts around a part with
// errors have balanced brackets, so that with them it parses without
// errors only if it has too.
func bracketsBalance(src []byte) (balanced, sure bool) {
	var open []byte // the closing bracket of each bracket open
	for i := 0; i < len(src); i++ {
		switch c := src[i]; c {
		case '#':
			i = source.CommentEnd(src, i)
		case '(':
			open = append(open, ')')
		case '[', '{':
			open = append(open, c+2) // ']' and '}' follow '[' and '{' but one
		case ')', ']', '}':
			if len(open) == 0 || open[len(open)-1] != c {
				return false, true
			}
			open = open[:len(open)-1]
		case '\'', '"':
			if source.HasFields(src, i) {
				return false, false
			}
			end := source.LiteralEnd(src, i)
			if end < 0 {
				return false, false
			}
			i = end - 1
		}
	}
	return len(open) == 0, true
}

// beginsStatement reports whether t begins with a statement at its first
// byte.
func beginsStatement(t *Tree) bool {
	return len(t.Nodes) > 1 && t.Nodes[1].Start == 0 && !t.Nodes[1].IsExtra()
}

// parseAlone parses src on its own and returns its flat tree and whether
// it has syntax errors; nil for a text that does not parse to a module.
func (p *Parser) parseAlone(src []byte) (*Tree, bool) {
	tree, err := p.parse(src, nil)
	if err != nil {
		return nil, false
	}
	defer closeTree(tree, len(src))
	flat := flattenTree(tree, src)
	if len(flat.Nodes) == 0 || flat.Nodes[0].Kind != Module || flat.Nodes[0].IsError() {
		return nil, false
	}
	return flat, tree.RootNode().HasError()
}

// closeTree releases tree, of a text size bytes long: a large one in the
// background, as tree-sitter frees it node by node.
func closeTree(tree *ts.Tree, size int) {
	if size < splitSize {
		tree.Close()
		return
	}
	go tree.Close()
}

var stringStart, stringEnd = named("string_start"), named("string_end")

// leavesStringOpen reports whether t has a triple-quoted string that its
// text does not close, which would run on into a text after it.
func leavesStringOpen(t *Tree) bool {
	for i := range t.Nodes {
		n := &t.Nodes[i]
		if n.Kind != stringStart || n.End-n.Start < 3 {
			continue
		}
		if quote := string(t.Src[n.End-3 : n.End]); quote != `"""` && quote != "'''" {
			continue
		}
		if s := n.Parent; t.Kind(s) != String || t.ChildOfKind(s, stringEnd) == NoNode {
			return true
		}
	}
	return false
}

// stitchWindows stitches the tree of the text from the parsed windows and
// the parts of the last tree between them, and returns it with its cuts
// and its part with errors, or -1.
func (d *Document) stitchWindows(starts []uint32, windows []window) (flat *Tree, ids []uintptr, cs []cut, broken int) {
	var ps []part
	walked := 0
	broken = -1
	next := NodeID(1) // where the next part's nodes go
	keep := func(lo, hi int) {
		if lo == hi {
			return
		}
		from, to := d.parts[lo].node, d.parts[hi].node
		for k := lo; k < hi; k++ {
			if k == d.broken {
				broken = len(cs)
			}
			cs = append(cs, cut{starts[k], d.parts[k].node - from + next})
		}
		var ids []uintptr
		if d.ids != nil {
			ids = d.ids[from:to]
		}
		ps = append(ps, part{nodes: d.last.Nodes[from:to], ids: ids, first: from, shift: starts[lo] - d.parts[lo].at, tree: d.last})
		next += to - from
	}
	done := 0
	for _, w := range windows {
		keep(done, w.lo)
		switch {
		case w.broken:
			broken = len(cs)
			cs = append(cs, cut{starts[w.lo], next})
		case starts[w.lo] < starts[w.hi]: // else the parts were deleted
			wcs := cuts(w.tree)
			for _, c := range wcs[:len(wcs)-1] {
				cs = append(cs, cut{starts[w.lo] + c.at, next + c.node - 1})
			}
		}
		ps = append(ps, part{nodes: w.tree.Nodes[1:], first: 1, shift: starts[w.lo], tree: w.tree})
		walked += len(w.tree.Nodes) - 1
		next += NodeID(len(w.tree.Nodes) - 1)
		done = w.hi
	}
	keep(done, len(d.parts)-1)
	if len(cs) == 0 {
		// Every statement was deleted: the text has no nodes.
		cs = append(cs, cut{0, next})
	}
	cs = append(cs, cut{uint32(len(d.src)), next})
	flat, ids = stitch(d.src, ps, d.takeNodes)
	flat.kindRoom = d.takeKinds(len(flat.Nodes))
	flat.walked = walked
	return flat, ids, cs, broken
}

// unambiguous reports whether t, a tree without errors, parses the same
// within any text it can be cut from (see ambiguous).
func unambiguous(t *Tree) bool {
	for c := t.FirstChild(0); c != NoNode; c = t.NextSibling(c) {
		if !t.Nodes[c].IsExtra() && ambiguous(t, c) {
			return false
		}
	}
	return true
}

// compound lists the kinds of the statements that hold blocks.
var compound = map[Kind]bool{FunctionDefinition: true, ClassDefinition: true, DecoratedDefinition: true, IfStatement: true,
	ForStatement: true, WhileStatement: true, TryStatement: true, WithStatement: true, MatchStatement: true}

// ambiguous reports whether top-level node c of t, a tree without errors,
// may parse otherwise within another text: whether tree-sitter may have
// kept, at the end of one of its lines, a parse that goes on to the next
// line, besides the parse that ends there. Outside brackets, only a
// statement that is not in an indented block can end such a line: a
// statement at the top level, or in the block of a top-level statement
// that is on the line of its colon.
func ambiguous(t *Tree, c NodeID) bool {
	if !compound[t.Nodes[c].Kind] {
		return ambiguousStatement(t, c)
	}
	for i := c + 1; i < t.Nodes[c].After; {
		n := &t.Nodes[i]
		if n.Kind != Block {
			i++
			continue
		}
		if !indented(t, i) {
			for s := range t.NamedChildren(i) {
				if ambiguousStatement(t, s) {
					return true
				}
			}
		}
		i = n.After
	}
	return false
}

// indented reports whether block b starts a line of its own.
func indented(t *Tree, b NodeID) bool {
	for s := range t.NamedChildren(b) {
		at := int(t.Nodes[s].Start)
		for at > 0 && (t.Src[at-1] == ' ' || t.Src[at-1] == '\t' || t.Src[at-1] == '\f') {
			at--
		}
		return startsLine(t.Src, uint32(at))
	}
	return false
}

// ambiguousStatement reports whether simple statement s may have been
// parsed otherwise with other lines around it. Tree-sitter's grammar is
// ambiguous where an expression can also be a pattern, or a soft keyword
// a name, and keeps each parse that fits until one fails. Where the
// statement's line ends, one that expects more goes on to the next line
// as if there were no line break:
//   - after a list of expressions that can be assignment targets, at the
//     end of an expression statement ("a, b" before "[0] = 1", or "a,"
//     before "b = 1");
//   - after an expression statement that begins with the name "type" or
//     "match" (a type alias, as "type(x)" before "[y] = 1", or a match
//     statement).
//
// A statement that this made of lines that no brackets join is ambiguous
// too.
func ambiguousStatement(t *Tree, s NodeID) bool {
	if t.Nodes[s].Kind == ExpressionStatement {
		first, last := leaves(t, s)
		if t.Nodes[first].Kind == Identifier {
			if name := t.TextView(first); name == "type" || name == "match" {
				return true
			}
		}
		if endsWithTargets(t, s, last) {
			return true
		}
	}
	return joinsLines(t, s)
}

// leaves returns the first and last tokens of s in t, comments aside.
func leaves(t *Tree, s NodeID) (first, last NodeID) {
	first, last = s, s
	for i := s; i < t.Nodes[s].After; i++ {
		if n := &t.Nodes[i]; n.After == i+1 && !n.IsExtra() {
			if first == s {
				first = i
			}
			last = i
		}
	}
	return first, last
}

// endsWithTargets reports whether expression statement s ends with a list
// of expressions, last being its last token, that could be followed by
// more targets: all can be targets of an assignment, but for the last
// one if no comma follows it, which more tokens could make a target
// ("f(x)" before "[0]").
func endsWithTargets(t *Tree, s, last NodeID) bool {
	list := NoNode
	for a := last; list == NoNode; a = t.Nodes[a].Parent {
		if k := t.Nodes[a].Kind; k == ExpressionList || k == PatternList || a == s && t.ChildOfKind(s, comma) != NoNode {
			list = a
		} else if a == s {
			return false
		}
	}
	for e := range t.NamedChildren(list) {
		if !target[t.Kind(e)] && (t.NextSibling(e) != NoNode || t.Kind(last) == comma) {
			return false
		}
	}
	return true
}

var comma = token(",")

// target lists the kinds of the expressions that can be assignment
// targets, and of the patterns they are when they are.
var target = map[Kind]bool{Identifier: true, Attribute: true, Subscript: true, ListSplat: true, ListSplatPattern: true,
	ParenthesizedExpression: true, Tuple: true, TuplePattern: true, List: true, ListPattern: true}

// joinsLines reports whether s runs on over a line break outside brackets,
// strings and comments, that no backslash continues.
func joinsLines(t *Tree, s NodeID) bool {
	depth := 0
	at := t.Nodes[s].Start
	for i := s + 1; i < t.Nodes[s].After; {
		n := &t.Nodes[i]
		if n.After != i+1 && n.Kind != String {
			i++
			continue
		}
		// Between tokens lie white space, backslash continuations, the
		// punctuation left out of flat trees (brackets among it) and
		// perhaps comments.
		gap := t.Src[at:n.Start]
		for j := 0; j < len(gap); j++ {
			switch gap[j] {
			case '(', '[', '{':
				depth++
			case ')', ']', '}':
				depth--
			case '#':
				j = source.CommentEnd(gap, j) - 1 // the line break is read next
			case '\\':
				if j+1 < len(gap) && gap[j+1] == '\r' {
					j++
				}
				if j+1 < len(gap) && gap[j+1] == '\n' {
					j++
				}
			case '\n', '\r':
				if depth == 0 {
					return true
				}
			}
		}
		at, i = n.End, n.After
	}
	return false
}
