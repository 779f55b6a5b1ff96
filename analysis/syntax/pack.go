package syntax

import "encoding/binary"

// A Packed tree holds a Tree in about a third of the memory, for trees
// kept between two passes over a project: unpacking one costs a few
// nanoseconds a node, parsing again a few hundred.
//
// Each node is stored as varints: its start as a delta from the previous
// node's, its length, its number of descendants, its kind, and its field
// and flags together. Parents are not stored: in pre-order, a node's
// parent is the innermost earlier node whose subtree has not ended.
type Packed struct {
	src   []byte
	data  []byte
	count int
}

// Pack encodes t. The packed tree shares t's source.
func (t *Tree) Pack() *Packed {
	data := make([]byte, 0, len(t.Nodes)*7)
	prev := int64(0)
	for i := range t.Nodes {
		n := &t.Nodes[i]
		data = binary.AppendVarint(data, int64(n.Start)-prev)
		data = binary.AppendUvarint(data, uint64(n.End-n.Start))
		data = binary.AppendUvarint(data, uint64(n.After)-uint64(i)-1)
		data = binary.AppendUvarint(data, uint64(n.Kind))
		data = binary.AppendUvarint(data, uint64(n.Field)<<4|uint64(n.flags))
		prev = int64(n.Start)
	}
	return &Packed{src: t.Src, data: data[:len(data):len(data)], count: len(t.Nodes)}
}

// Source returns the source of the packed tree.
func (p *Packed) Source() []byte { return p.src }

// Size returns the bytes p holds, its source included.
func (p *Packed) Size() int { return len(p.src) + len(p.data) }

// Unpack decodes p into a new Tree.
func (p *Packed) Unpack() *Tree {
	nodes := make([]Node, p.count)
	data := p.data
	next := func() uint64 {
		v, k := binary.Uvarint(data)
		data = data[k:]
		return v
	}
	var open []NodeID // the nodes whose subtree has not ended, innermost last
	start := int64(0)
	for i := range nodes {
		d, k := binary.Varint(data)
		data = data[k:]
		start += d
		n := &nodes[i]
		n.Start = uint32(start)
		n.End = n.Start + uint32(next())
		n.After = NodeID(i) + 1 + NodeID(next())
		n.Kind = Kind(next())
		ff := next()
		n.Field, n.flags = Field(ff>>4), uint8(ff&0xf)
		for len(open) > 0 && nodes[open[len(open)-1]].After <= NodeID(i) {
			open = open[:len(open)-1]
		}
		n.Parent = NoNode
		if len(open) > 0 {
			n.Parent = open[len(open)-1]
		}
		open = append(open, NodeID(i))
	}
	return &Tree{Src: p.src, Nodes: nodes}
}
