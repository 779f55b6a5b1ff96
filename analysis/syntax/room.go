package syntax

import "unsafe"

// A Room is memory for a document's next parse, allocated ahead of it,
// on another core while the text before is checked: arrays for the text
// after the next edit, the nodes of its tree and their index by kind. A
// fresh array of megabytes costs more than what is copied into it: the
// process often gets memory it has not used yet, which the kernel maps
// page by page on first write (at 20,000 lines, 9 ms on one edit in ten,
// against 0.4 ms for the copy of the nodes). NewRoom writes each page, so
// that the parse finds them mapped.
type Room struct {
	nodes []Node
	kinds []NodeID
	text  []byte
}

// minRoomNodes is the least tree a room is worth allocating ahead for.
const minRoomNodes = 1 << 15

// RoomNeeded returns the room the next parse of the document will need:
// nodes and bytes of text, with a margin for what the edit adds. It is
// zero for a small text, one not parsed by statements, one not edited
// yet (a file only read needs none), or one whose room is ready.
func (d *Document) RoomNeeded() (nodes, text int) {
	if d.last == nil || d.parts == nil || len(d.last.Nodes) < minRoomNodes || d.parses.Incremental == 0 {
		return 0, 0
	}
	n, t := len(d.last.Nodes), len(d.src)
	if r := &d.room; cap(r.nodes) > n && cap(r.kinds) > n && cap(r.text) > t {
		return 0, 0
	}
	return n + n/16, t + t/16
}

// NewRoom allocates a room for nodes nodes and text bytes of text, and
// maps it in. It is safe to call while the document is in use.
func NewRoom(nodes, text int) Room {
	r := Room{nodes: make([]Node, nodes), kinds: make([]NodeID, nodes), text: make([]byte, text)}
	mapIn(r.nodes)
	mapIn(r.kinds)
	mapIn(r.text)
	return r
}

// mapIn writes to each page of a, so that the kernel maps them now.
func mapIn[T any](a []T) {
	var zero T
	step := max(4096/max(int(unsafe.Sizeof(zero)), 1), 1)
	for i := 0; i < len(a); i += step {
		a[i] = zero
	}
}

// Furnish gives the document r for its next parse; a room too small for
// it is left unused.
func (d *Document) Furnish(r Room) { d.room = r }

// takeNodes returns an array for n nodes, from the room if it has one.
func (d *Document) takeNodes(n int) []Node {
	if a, ok := take(&d.room.nodes, n); ok {
		return a
	}
	return make([]Node, n)
}

// takeKinds returns the room's array for the index by kind of n nodes, or
// nil.
func (d *Document) takeKinds(n int) []NodeID {
	a, _ := take(&d.room.kinds, n)
	return a
}

// takeText returns an empty array for n bytes of text, from the room if
// it has one.
func (d *Document) takeText(n int) []byte {
	if a, ok := take(&d.room.text, n); ok {
		return a[:0]
	}
	return make([]byte, 0, n)
}

// take returns n elements of the room's array a, which is then the room's
// no more; not ok when a is shorter.
func take[T any](a *[]T, n int) ([]T, bool) {
	if *a == nil || cap(*a) < n {
		return nil, false
	}
	taken := (*a)[:n]
	*a = nil
	return taken, true
}
