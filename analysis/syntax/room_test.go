package syntax

import (
	"fmt"
	"strings"
	"testing"
)

// TestRoom follows the room of a long document from edit to edit: needed
// once it is edited, ready once furnished, taken by the next parse, and
// released with the tree.
func TestRoom(t *testing.T) {
	var b strings.Builder
	for i := range 2000 {
		fmt.Fprintf(&b, "def f%d(a, b):\n    return g(a, b + %d)\n\n", i, i)
	}
	doc := NewDocument([]byte(b.String()))
	defer doc.Close()
	first, err := doc.Parse()
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := doc.RoomNeeded(); n != 0 {
		t.Errorf("RoomNeeded() = %d for a text not edited yet", n)
	}
	doc.Replace(0, 0, []byte("x = 1\n"))
	if _, err := doc.Parse(); err != nil {
		t.Fatal(err)
	}
	nodes, text := doc.RoomNeeded()
	if nodes <= len(first.Nodes) || text <= len(doc.Text()) {
		t.Fatalf("RoomNeeded() = %d, %d for %d nodes and %d bytes", nodes, text, len(first.Nodes), len(doc.Text()))
	}
	doc.Furnish(NewRoom(nodes, text))
	if n, _ := doc.RoomNeeded(); n != 0 {
		t.Errorf("RoomNeeded() = %d with a room ready", n)
	}
	roomNodes, roomKinds, roomText := &doc.room.nodes[:1][0], &doc.room.kinds[:1][0], &doc.room.text[:1][0]
	doc.Replace(0, 0, []byte("y = 2\n"))
	got, err := doc.Parse()
	if err != nil {
		t.Fatal(err)
	}
	for range got.OfKind(FunctionDefinition) {
	}
	if &got.Nodes[0] != roomNodes || &got.byKind[0] != roomKinds || &doc.Text()[0] != roomText {
		t.Error("the parse did not take the room's arrays")
	}
	if n, _ := doc.RoomNeeded(); n == 0 {
		t.Error("no room needed once the room was taken")
	}
	doc.DropTree()
	if n, _ := doc.RoomNeeded(); n != 0 || doc.room.nodes != nil {
		t.Errorf("RoomNeeded() = %d, room %v after DropTree", n, doc.room.nodes != nil)
	}
}
