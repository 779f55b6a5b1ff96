package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/textproto"
	"strconv"
	"sync"
	"time"
)

// A message is a JSON-RPC message of either side.
type message struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id,omitempty"`
	Method  string          `json:"method,omitempty"`
	Params  json.RawMessage `json:"params,omitempty"`
	Result  json.RawMessage `json:"result,omitempty"`
	Error   *rpcError       `json:"error,omitempty"`
}

type rpcError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

func (e *rpcError) Error() string { return fmt.Sprintf("%s (code %d)", e.Message, e.Code) }

// A response is the answer to one of our requests, with the time it was read.
type response struct {
	result json.RawMessage
	err    error
	at     time.Time
}

// A conn speaks JSON-RPC with LSP's framing. Each message read is stamped
// with the time it was read, before it is decoded or handled.
type conn struct {
	wmu sync.Mutex
	w   io.Writer

	mu      sync.Mutex
	nextID  int
	pending map[int]chan response
	closed  error // why reading stopped

	// notify handles a notification; request answers a request. Both run
	// on the reading goroutine, in the order the messages came.
	notify  func(method string, params json.RawMessage, at time.Time)
	request func(method string, params json.RawMessage) (any, error)
}

func newConn(r io.Reader, w io.Writer, notify func(string, json.RawMessage, time.Time), request func(string, json.RawMessage) (any, error)) *conn {
	c := &conn{w: w, pending: map[int]chan response{}, notify: notify, request: request}
	go c.read(bufio.NewReaderSize(r, 1<<20))
	return c
}

// readFrame reads one message's body.
func readFrame(r *bufio.Reader) ([]byte, error) {
	header, err := textproto.NewReader(r).ReadMIMEHeader()
	if err != nil {
		return nil, err
	}
	n, err := strconv.Atoi(header.Get("Content-Length"))
	if err != nil || n < 0 {
		return nil, fmt.Errorf("bad Content-Length %q", header.Get("Content-Length"))
	}
	body := make([]byte, n)
	_, err = io.ReadFull(r, body)
	return body, err
}

func (c *conn) read(r *bufio.Reader) {
	for {
		body, err := readFrame(r)
		at := time.Now()
		if err != nil {
			c.fail(fmt.Errorf("reading from the server: %w", err))
			return
		}
		var m message
		if err := json.Unmarshal(body, &m); err != nil {
			c.fail(fmt.Errorf("the server sent a message that is not JSON: %w", err))
			return
		}
		switch {
		case m.Method != "" && m.ID != nil:
			result, err := c.request(m.Method, m.Params)
			reply := message{ID: m.ID, Result: json.RawMessage("null")}
			if err != nil {
				reply.Error = &rpcError{Code: -32601, Message: err.Error()}
				reply.Result = nil
			} else if result != nil {
				reply.Result, _ = json.Marshal(result)
			}
			c.send(reply)
		case m.Method != "":
			c.notify(m.Method, m.Params, at)
		default:
			id, _ := strconv.Atoi(string(m.ID))
			c.mu.Lock()
			ch := c.pending[id]
			delete(c.pending, id)
			c.mu.Unlock()
			if ch != nil {
				res := response{result: m.Result, at: at}
				if m.Error != nil {
					res.err = m.Error
				}
				ch <- res
			}
		}
	}
}

// fail ends every pending request with err.
func (c *conn) fail(err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.closed = err
	for id, ch := range c.pending {
		ch <- response{err: err, at: time.Now()}
		delete(c.pending, id)
	}
}

func (c *conn) send(m message) error {
	m.JSONRPC = "2.0"
	body, err := json.Marshal(m)
	if err != nil {
		return err
	}
	c.wmu.Lock()
	defer c.wmu.Unlock()
	if _, err := fmt.Fprintf(c.w, "Content-Length: %d\r\n\r\n", len(body)); err != nil {
		return err
	}
	_, err = c.w.Write(body)
	return err
}

// notifyServer sends a notification.
func (c *conn) notifyServer(method string, params any) error {
	raw, err := json.Marshal(params)
	if err != nil {
		return err
	}
	return c.send(message{Method: method, Params: raw})
}

// start sends a request and returns its id and the channel its response
// will come on.
func (c *conn) start(method string, params any) (int, <-chan response, error) {
	raw, err := json.Marshal(params)
	if err != nil {
		return 0, nil, err
	}
	ch := make(chan response, 1)
	c.mu.Lock()
	if c.closed != nil {
		c.mu.Unlock()
		return 0, nil, c.closed
	}
	c.nextID++
	id := c.nextID
	c.pending[id] = ch
	c.mu.Unlock()
	return id, ch, c.send(message{ID: json.RawMessage(strconv.Itoa(id)), Method: method, Params: raw})
}

// call sends a request and waits for its response, up to timeout.
func (c *conn) call(method string, params any, timeout time.Duration) (response, error) {
	_, ch, err := c.start(method, params)
	if err != nil {
		return response{}, err
	}
	select {
	case res := <-ch:
		return res, res.err
	case <-time.After(timeout):
		return response{}, fmt.Errorf("%s: no answer within %v", method, timeout)
	}
}
