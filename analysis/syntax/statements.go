package syntax

import "sort"

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
// A document without errors is re-parsed by parts: the runs of top-level
// statements that the edits changed are parsed on their own, and the flat
// tree is stitched from theirs and the unchanged parts of the last one. A
// part is widened by the statements around it until it parses without
// errors, begins with a statement at the start of a line and ends with a
// line break; or else, and whenever the last tree has errors, the whole
// text is parsed again. Errors are not cut around: tree-sitter's error
// recovery keeps competing parses alive across statements and chooses
// among them by what follows.

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
}

// stitch returns the tree of src whose top-level nodes are those of
// parts, in order, with their identities.
func stitch(src []byte, parts []part) (*Tree, []uintptr) {
	count := 1
	for _, p := range parts {
		count += len(p.nodes)
	}
	nodes := make([]Node, count)
	ids := make([]uintptr, count)
	n := NodeID(1)
	for _, p := range parts {
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
		copy(ids[n:], p.ids)
		n += NodeID(len(p.nodes))
	}
	// The module spans from its first token to the end of the text.
	root := &nodes[0]
	*root = Node{Start: uint32(len(src)), End: uint32(len(src)), Parent: NoNode, After: n, Kind: Module, flags: flagNamed}
	if count > 1 {
		root.Start = nodes[1].Start
	}
	return &Tree{Src: src, Nodes: nodes}, ids
}

// A window is a run of parts, lo to hi, parsed on its own.
type window struct {
	lo, hi int
	tree   *Tree // its flat tree, offsets from its start
}

// parseStatements re-parses the parts of the text that the edits since the
// last parse changed, and reports whether it could: the last tree has no
// errors, nor does the new one. A run of changed parts is parsed on its
// own, widened by a part while it does not begin and end where parts can
// be cut, and once by a part either side if it has errors.
func (d *Document) parseStatements() (*Tree, []uintptr, bool) {
	if d.tree == nil || d.last == nil || !d.clean || len(d.edits) == 0 || len(d.src) > MaxTokens {
		return nil, nil, false
	}
	cs := cuts(d.last)
	starts, changed := moveCuts(cs, d.edits)
	parts := len(changed)
	budget := max(len(d.src)/8, minStatementBudget)
	widened := false
	parsed := map[[2]int]*Tree{} // the runs parsed so far, nil for those with errors
	for {
		var windows []window
		more := false
		for lo := 0; lo < parts && !more; lo++ {
			if !changed[lo] {
				continue
			}
			hi := lo + 1
			for hi < parts && changed[hi] {
				hi++
			}
			ws, we := starts[lo], starts[hi]
			tree, seen := parsed[[2]int{lo, hi}]
			if !seen {
				if budget -= int(we - ws); budget < 0 {
					return nil, nil, false
				}
				tree = d.parseAlone(d.src[ws:we])
				parsed[[2]int{lo, hi}] = tree
			}
			switch {
			case tree != nil && !unambiguous(tree):
				return nil, nil, false
			case tree == nil:
				if widened || lo == 0 && hi == parts {
					return nil, nil, false
				}
				widened, more = true, true
				changed[max(lo-1, 0)], changed[min(hi, parts-1)] = true, true
			case lo > 0 && ws < we && !(beginsStatement(tree) && startsLine(d.src, ws)):
				changed[lo-1], more = true, true
			case hi < parts && !startsLine(d.src, we):
				changed[hi], more = true, true
			default:
				windows = append(windows, window{lo, hi, tree})
			}
			lo = hi
		}
		if !more {
			flat, ids := d.stitchWindows(cs, starts, windows)
			return flat, ids, true
		}
	}
}

// beginsStatement reports whether t begins with a statement at its first
// byte.
func beginsStatement(t *Tree) bool {
	return len(t.Nodes) > 1 && t.Nodes[1].Start == 0 && !t.Nodes[1].IsExtra()
}

// minStatementBudget is the least text parseStatements parses before it
// gives up for a parse of the whole text; it parses up to an eighth of the
// text otherwise.
const minStatementBudget = 64 << 10

// parseAlone parses src on its own and returns its flat tree, or nil if
// it has errors.
func (d *Document) parseAlone(src []byte) *Tree {
	tree, err := d.parser.parse(src, nil)
	if err != nil {
		return nil
	}
	defer tree.Close()
	if tree.RootNode().HasError() {
		return nil
	}
	return flattenTree(tree, src)
}

// stitchWindows stitches the tree of the text from the parsed windows and
// the parts of the last tree between them.
func (d *Document) stitchWindows(cs []cut, starts []uint32, windows []window) (*Tree, []uintptr) {
	var ps []part
	walked := 0
	keep := func(lo, hi int) {
		if lo < hi {
			from, to := cs[lo].node, cs[hi].node
			ps = append(ps, part{nodes: d.last.Nodes[from:to], ids: d.ids[from:to], first: from, shift: starts[lo] - cs[lo].at})
		}
	}
	next := 0
	for _, w := range windows {
		keep(next, w.lo)
		ps = append(ps, part{nodes: w.tree.Nodes[1:], first: 1, shift: starts[w.lo]})
		walked += len(w.tree.Nodes) - 1
		next = w.hi
	}
	keep(next, len(cs)-1)
	flat, ids := stitch(d.src, ps)
	flat.walked = walked
	return flat, ids
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
				for j+1 < len(gap) && gap[j+1] != '\n' && gap[j+1] != '\r' {
					j++
				}
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
