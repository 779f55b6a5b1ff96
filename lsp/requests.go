package lsp

import (
	"context"
	"sync"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
)

// requests are the calls in progress, which $/cancelRequest cancels.
//
// jsonrpc2's own CancelHandler derives each call's context from the
// pooled per-request context, which context.WithCancel then watches from a
// goroutine that can outlive the request and find it recycled; a call's
// context here derives from the connection's instead.
type requests struct {
	mu      sync.Mutex
	cancels map[jsonrpc2.ID]context.CancelFunc
}

// start returns the context of the call id, made from the connection's
// context conn and jsonrpc2's per-request context req, and the function
// to call when the call is done.
func (r *requests) start(conn, req context.Context, id jsonrpc2.ID) (context.Context, func()) {
	ctx, cancel := context.WithCancel(conn)
	r.mu.Lock()
	if r.cancels == nil {
		r.cancels = map[jsonrpc2.ID]context.CancelFunc{}
	}
	r.cancels[id] = cancel
	r.mu.Unlock()
	return requestContext{ctx, req}, func() {
		r.mu.Lock()
		delete(r.cancels, id)
		r.mu.Unlock()
		cancel()
	}
}

// cancel cancels the call named by a $/cancelRequest's params, if it is
// still in progress.
func (r *requests) cancel(params jsonrpc2.RawMessage) error {
	var p protocol.CancelParams
	if err := protocol.Unmarshal(params, &p); err != nil {
		return err
	}
	var id jsonrpc2.ID
	switch v := p.ID.(type) {
	case protocol.Integer:
		id = jsonrpc2.NewNumberID(int64(v))
	case protocol.String:
		id = jsonrpc2.NewStringID(string(v))
	}
	r.mu.Lock()
	cancel := r.cancels[id]
	r.mu.Unlock()
	if cancel != nil {
		cancel()
	}
	return nil
}

// requestContext is a call's context: cancellable on its own, and holding
// jsonrpc2's per-request values too, which jsonrpc2.Async needs.
type requestContext struct {
	context.Context
	req context.Context
}

func (c requestContext) Value(key any) any {
	if v := c.Context.Value(key); v != nil {
		return v
	}
	return c.req.Value(key)
}
