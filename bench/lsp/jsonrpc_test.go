package main

import (
	"bufio"
	"encoding/json"
	"io"
	"testing"
	"time"
)

// TestConn plays a server that, asked "hello", asks the client a question
// and sends a notification before it answers.
func TestConn(t *testing.T) {
	toServer, clientOut := io.Pipe()
	clientIn, fromServer := io.Pipe()
	notes := make(chan string, 1)
	c := newConn(clientIn, clientOut,
		func(method string, params json.RawMessage, at time.Time) { notes <- method + " " + string(params) },
		func(method string, params json.RawMessage) (any, error) { return []string{method}, nil })

	go func() {
		r := bufio.NewReader(toServer)
		send := func(m message) {
			m.JSONRPC = "2.0"
			body, _ := json.Marshal(m)
			io.WriteString(fromServer, "Content-Length: "+itoa(len(body))+"\r\n\r\n"+string(body))
		}
		var hello message
		body, _ := readFrame(r)
		json.Unmarshal(body, &hello)
		send(message{ID: json.RawMessage(`"q1"`), Method: "workspace/configuration", Params: json.RawMessage(`{}`)})
		var answer message
		body, _ = readFrame(r)
		json.Unmarshal(body, &answer)
		send(message{Method: "window/logMessage", Params: json.RawMessage(`{"message":"hi"}`)})
		send(message{ID: hello.ID, Result: json.RawMessage(`{"echo":` + string(answer.Result) + `}`)})
	}()

	res, err := c.call("hello", map[string]int{"n": 1}, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if got := string(res.result); got != `{"echo":["workspace/configuration"]}` {
		t.Errorf("result %s", got)
	}
	if res.at.IsZero() {
		t.Error("the response has no time")
	}
	if got := <-notes; got != `window/logMessage {"message":"hi"}` {
		t.Errorf("notification %q", got)
	}

	fromServer.Close()
	toServer.Close()
	if _, err := c.call("again", nil, 5*time.Second); err == nil {
		t.Error("a call after the server went did not fail")
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }
