package lsp

import (
	"sync"

	"github.com/asynclint/asynclint/analysis/syntax"
)

// parserPool lends parsers to the work that parses outside a document's
// edits: applying fixes, whose every round is re-parsed to be verified.
type parserPool struct {
	mu     sync.Mutex
	free   []*syntax.Parser
	closed bool
}

func (p *parserPool) get() *syntax.Parser {
	p.mu.Lock()
	defer p.mu.Unlock()
	if n := len(p.free); n > 0 {
		q := p.free[n-1]
		p.free = p.free[:n-1]
		return q
	}
	return syntax.NewParser()
}

func (p *parserPool) put(q *syntax.Parser) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		q.Close()
		return
	}
	p.free = append(p.free, q)
}

// close closes the idle parsers, and those lent out when they come back.
func (p *parserPool) close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, q := range p.free {
		q.Close()
	}
	p.free, p.closed = nil, true
}
