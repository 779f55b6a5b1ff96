package syntax

/*
#include "flatten.h"
*/
import "C"

import (
	"errors"
	"fmt"
	"runtime"
	"unsafe"

	ts "github.com/tree-sitter/go-tree-sitter"
)

func init() {
	// The bindings route every C allocation through Go callbacks; the C
	// allocator is a quarter faster. No tree-sitter object exists yet.
	C.ts_set_allocator(nil, nil, nil, nil)
}

// MaxSourceSize is the largest source tree-sitter's 32-bit offsets can hold.
const MaxSourceSize = 1<<32 - 1

// ErrTooLarge is returned for a source that cannot be parsed for its size.
var ErrTooLarge = errors.New("source is larger than 4 GiB")

// MaxTokens bounds the tokens of a source that is parsed: a tree takes
// about 150 bytes a token, and tree-sitter a few microseconds. The largest
// hand-written modules have a few hundred thousand tokens (about 170,000
// a megabyte); what lies beyond is generated data.
const MaxTokens = 1_500_000

// A TooComplexError is returned for a source with more than MaxTokens
// tokens, which is not parsed.
type TooComplexError struct{ Tokens int }

func (e *TooComplexError) Error() string {
	return fmt.Sprintf("about %d tokens, more than the %d that asynclint parses (generated code?); not analysed", e.Tokens, MaxTokens)
}

// countTokens estimates the tokens of src from above, fast: each run of
// word characters and each punctuation byte counts one.
func countTokens(src []byte) int {
	n, inWord := 0, false
	for _, c := range src {
		word := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c >= 0x80
		switch {
		case word && !inWord:
			n++
		case !word && punctuation[c]:
			n++
		}
		inWord = word
	}
	return n
}

var punctuation = func() (p [256]bool) {
	for _, c := range []byte(",;()[]{}:.=+-*/%<>&|^~@!") {
		p[c] = true
	}
	return p
}()

// Parser parses Python source. It is not safe for concurrent use: give each
// goroutine its own, and Close it when done.
type Parser struct {
	p *ts.Parser
}

// NewParser returns a parser for Python.
func NewParser() *Parser {
	p := ts.NewParser()
	if err := p.SetLanguage(language); err != nil {
		panic("syntax: " + err.Error()) // the bundled grammar always loads
	}
	return &Parser{p: p}
}

// Close releases the parser's C memory.
func (p *Parser) Close() { p.p.Close() }

// Parse parses src into a flat tree. The tree keeps src.
func (p *Parser) Parse(src []byte) (*Tree, error) {
	tree, err := p.parse(src, nil)
	if err != nil {
		return nil, err
	}
	defer C.ts_tree_delete(rawTree(tree))
	return flattenTree(tree, src), nil
}

// parse parses src reusing old, a tree already edited to match src (see
// ts.Tree.Edit), or nil. The caller closes the returned tree.
func (p *Parser) parse(src []byte, old *ts.Tree) (*ts.Tree, error) {
	if len(src) > MaxSourceSize {
		return nil, ErrTooLarge
	}
	if len(src) > MaxTokens { // a shorter source cannot have more tokens
		if n := countTokens(src); n > MaxTokens {
			return nil, &TooComplexError{Tokens: n}
		}
	}
	// The bindings' Parse copies the rest of the source into C memory at
	// each read, and an incremental parse reads again after each subtree
	// it reuses; tree-sitter's own entry point reads src in place.
	var text *C.char
	if len(src) > 0 {
		text = (*C.char)(unsafe.Pointer(&src[0]))
	}
	var oldRaw *C.TSTree
	if old != nil {
		oldRaw = rawTree(old)
	}
	raw := C.ts_parser_parse_string(*(**C.TSParser)(unsafe.Pointer(p.p)), oldRaw, text, C.uint32_t(len(src)))
	if raw == nil {
		return nil, errors.New("tree-sitter returned no tree")
	}
	tree := new(ts.Tree)
	*(**C.TSTree)(unsafe.Pointer(tree)) = raw
	return tree, nil
}

// flattenTree copies tree into a Go-side Tree in one cgo call, leaving out
// the punctuation tokens nothing looks at (see skippedTokens).
func flattenTree(tree *ts.Tree, src []byte) *Tree {
	t, _ := flatten(tree, src, nil, false)
	return t
}

// An Edit replaced the bytes [Start, OldEnd) of a text, the new bytes
// ending at NewEnd.
type Edit struct{ Start, OldEnd, NewEnd uint32 }

// reflatten is flattenTree for the trees of a text being edited. It also
// returns the identities of the nodes in tree, so that the next reflatten,
// given the flat tree and those identities as old and oldIDs with the
// edits made since, copies from old every subtree the incremental parse
// reused instead of walking it again. The identities point into tree:
// they are valid only while it is open.
func reflatten(tree *ts.Tree, src []byte, old *Tree, oldIDs []uintptr, edits []Edit) (*Tree, []uintptr) {
	var reuse *C.al_reuse
	if old != nil && len(oldIDs) == len(old.Nodes) && len(oldIDs) > 0 {
		reuse = &C.al_reuse{
			nodes:  (*C.al_node)(unsafe.Pointer(&old.Nodes[0])),
			ids:    (*C.uintptr_t)(unsafe.Pointer(&oldIDs[0])),
			count:  C.uint32_t(len(old.Nodes)),
			nedits: C.uint32_t(len(edits)),
		}
		if len(edits) > 0 {
			reuse.edits = (*C.al_edit)(unsafe.Pointer(&edits[0]))
		}
	}
	return flatten(tree, src, reuse, true)
}

func flatten(tree *ts.Tree, src []byte, reuse *C.al_reuse, withIDs bool) (*Tree, []uintptr) {
	raw := rawTree(tree)
	nodes := make([]Node, C.al_node_count(raw))
	if len(nodes) == 0 {
		return &Tree{Src: src}, nil
	}
	var ids []uintptr
	var idsOut *C.uintptr_t
	if withIDs {
		ids = make([]uintptr, len(nodes))
		idsOut = (*C.uintptr_t)(unsafe.Pointer(&ids[0]))
	}
	var pin runtime.Pinner // reuse points into Go memory during the call
	defer pin.Unpin()
	if reuse != nil {
		pin.Pin(reuse.nodes)
		pin.Pin(reuse.ids)
		if reuse.edits != nil {
			pin.Pin(reuse.edits)
		}
	}
	kinds := grammar.symbolKinds
	var walked C.uint32_t
	n := int(C.al_flatten(raw, (*C.uint16_t)(unsafe.Pointer(&kinds[0])), C.uint16_t(len(kinds)),
		(*C.uint8_t)(unsafe.Pointer(&grammar.skip[0])), reuse,
		(*C.al_node)(unsafe.Pointer(&nodes[0])), idsOut, C.uint32_t(len(nodes)), &walked))
	// Trees may be kept: give back the room of the punctuation left out,
	// unless the tree is one version of a text being edited, soon
	// replaced, where the copy would cost more than the room.
	if !withIDs && n < len(nodes)*7/8 {
		nodes = append([]Node(nil), nodes[:n]...)
	}
	if withIDs {
		ids = ids[:n]
	}
	return &Tree{Src: src, Nodes: nodes[:n], walked: int(walked)}, ids
}

// rawTree returns the C TSTree behind a bindings Tree, whose only field is
// that pointer, as the only field of a bindings Parser is its TSParser.
func rawTree(t *ts.Tree) *C.TSTree {
	return *(**C.TSTree)(unsafe.Pointer(t))
}
