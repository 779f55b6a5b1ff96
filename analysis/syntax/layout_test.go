package syntax

import (
	"testing"
	"unsafe"
)

// al_node in flatten.h is statically asserted to be 24 bytes with this order.
func TestNodeLayoutMatchesC(t *testing.T) {
	var n Node
	if unsafe.Sizeof(n) != 24 || unsafe.Offsetof(n.Kind) != 16 || unsafe.Offsetof(n.flags) != 20 {
		t.Fatalf("Node layout changed: size %d, Kind at %d, flags at %d",
			unsafe.Sizeof(n), unsafe.Offsetof(n.Kind), unsafe.Offsetof(n.flags))
	}
}
