package lsp

import (
	"bytes"
	"context"
	"encoding/json"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.uber.org/zap"
)

// codec encodes payloads with the protocol package's union-aware JSON
// codec. That package keeps its own codec unexported, behind NewServer,
// whose handler chain runs notifications concurrently (out of order) and
// ends the connection on a notification it cannot decode.
//
// Unmarshal decodes a copy of its input: jsonrpc2 decodes a response in
// the read buffer, which the next message overwrites, and protocol.Unmarshal
// lets some values (a list of code actions, say) share their input.
type codec struct{}

func (codec) Marshal(v any) ([]byte, error) {
	if raw, ok := v.(jsonrpc2.RawMessage); ok {
		if raw == nil {
			return []byte("null"), nil
		}
		return raw, nil
	}
	return protocol.Marshal(v)
}

func (codec) Unmarshal(data []byte, v any) error {
	if raw, ok := v.(*jsonrpc2.RawMessage); ok {
		*raw = bytes.Clone(data)
		return nil
	}
	return protocol.Unmarshal(bytes.Clone(data), v)
}

// frameStream is the raw-frame side of jsonrpc2's framed streams.
type frameStream interface {
	jsonrpc2.Stream
	ReadFrame(ctx context.Context) ([]byte, int64, error)
	WriteFrame(ctx context.Context, data []byte) (int64, error)
}

// tolerantStream answers a frame that is not a JSON-RPC message with an
// error response, as JSON-RPC asks, and reads on. jsonrpc2 would otherwise
// end the connection: one malformed message from a client must not end
// the session. The connection reads through ReadFrame only.
type tolerantStream struct {
	frameStream
	log *zap.Logger
}

func (s *tolerantStream) ReadFrame(ctx context.Context) ([]byte, int64, error) {
	for {
		frame, n, err := s.frameStream.ReadFrame(ctx)
		if err != nil {
			return frame, n, err
		}
		if err := validate(frame); err != nil {
			s.log.Warn("malformed message", zap.Error(err), zap.ByteString("frame", truncate(frame, 200)))
			if _, werr := s.Write(ctx, jsonrpc2.NewResponse(jsonrpc2.ID{}, nil, err)); werr != nil {
				return nil, 0, werr
			}
			continue
		}
		return frame, n, nil
	}
}

// validate reports why frame is not a JSON-RPC message or batch. The members
// of a batch are checked, and answered, by jsonrpc2 itself.
func validate(frame []byte) error {
	if !json.Valid(frame) {
		return jsonrpc2.ErrParse
	}
	if t := bytes.TrimLeft(frame, " \t\r\n"); len(t) > 0 && t[0] == '[' {
		_, err := jsonrpc2.ParseRequests(frame)
		return err
	}
	_, err := jsonrpc2.DecodeMessage(frame)
	return err
}

func truncate(b []byte, n int) []byte {
	if len(b) > n {
		return b[:n]
	}
	return b
}
