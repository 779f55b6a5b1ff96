package lsp

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"sync"

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

// tolerantStream reads frames itself, so that a client's mistakes do not
// end the session: a frame that is not a JSON-RPC message is answered with
// an error response, as JSON-RPC asks, with the request's id when it can
// be read, and reading goes on; a header that cannot be read, or a frame
// whose Content-Length is wrong, is skipped up to the next header. jsonrpc2
// would end the connection on either. Writing stays with jsonrpc2's
// stream, which never reads: the connection reads through ReadFrame only.
type tolerantStream struct {
	frameStream
	in  *frameReader
	log *zap.Logger
	// ended is closed once the input has ended: no message will come. The
	// connection itself ends only once the calls under way are answered.
	ended   chan struct{}
	endOnce sync.Once
}

func newTolerantStream(rwc io.ReadWriteCloser, log *zap.Logger) *tolerantStream {
	return &tolerantStream{
		frameStream: jsonrpc2.NewStream(rwc).(frameStream),
		in:          &frameReader{r: bufio.NewReader(rwc)},
		log:         log,
		ended:       make(chan struct{}),
	}
}

func (s *tolerantStream) ReadFrame(ctx context.Context) ([]byte, int64, error) {
	for {
		if err := ctx.Err(); err != nil {
			return nil, 0, err
		}
		frame, n, err := s.in.next()
		if errors.Is(err, errBadHeader) {
			s.log.Warn("skipped input that is not an LSP header", zap.Error(err))
			continue
		}
		if err != nil {
			s.endOnce.Do(func() { close(s.ended) })
			return frame, n, err
		}
		if err := validate(frame); err != nil {
			s.log.Warn("malformed message", zap.Error(err), zap.ByteString("frame", truncate(frame, 200)))
			if _, werr := s.Write(ctx, jsonrpc2.NewResponse(requestID(frame), nil, err)); werr != nil {
				return nil, 0, werr
			}
			continue
		}
		return frame, n, nil
	}
}

// maxFrame bounds a frame's Content-Length: a larger one is a client's
// mistake, not a document.
const maxFrame = 256 << 20

var errBadHeader = errors.New("bad header")

// A frameReader reads LSP frames, and finds the next header again after a
// bad one. Input it has read too far is kept in pending and read first.
type frameReader struct {
	r       *bufio.Reader
	pending []byte
}

// next returns the body of the next frame. A body whose Content-Length
// ran into the next frame's header is cut before that header, which is
// read next.
func (fr *frameReader) next() ([]byte, int64, error) {
	length, headerLen, err := fr.header()
	if err != nil {
		return nil, 0, err
	}
	body := make([]byte, length)
	if err := fr.readFull(body); err != nil {
		return nil, 0, err
	}
	if !json.Valid(body) {
		if i := bytes.Index(body, []byte("Content-Length:")); i > 0 {
			fr.pending = append(append([]byte(nil), body[i:]...), fr.pending...)
			body = bytes.TrimRight(body[:i], "\r\n")
		}
	}
	return body, int64(headerLen + len(body)), nil
}

// header reads a header block and returns its Content-Length. On a line
// that is no header, it skips to a line that starts one and fails with
// errBadHeader.
func (fr *frameReader) header() (length, n int, err error) {
	length = -1
	for {
		line, err := fr.line()
		if err != nil {
			return 0, 0, err
		}
		n += len(line)
		text := strings.TrimRight(string(line), "\r\n")
		if text == "" {
			if length <= 0 || length > maxFrame {
				return 0, 0, fmt.Errorf("%w: Content-Length %d", errBadHeader, length)
			}
			return length, n, nil
		}
		key, value, ok := strings.Cut(text, ":")
		if !ok {
			return 0, 0, fr.skipToHeader(text)
		}
		if strings.EqualFold(strings.TrimSpace(key), "Content-Length") {
			if length, err = strconv.Atoi(strings.TrimSpace(value)); err != nil {
				return 0, 0, fmt.Errorf("%w: Content-Length %q", errBadHeader, value)
			}
		}
	}
}

// skipToHeader discards input up to a line that starts a header, which is
// read next.
func (fr *frameReader) skipToHeader(first string) error {
	for {
		line, err := fr.line()
		if err != nil {
			return err
		}
		if len(line) >= 15 && strings.EqualFold(string(line[:15]), "Content-Length:") {
			fr.pending = append(line, fr.pending...)
			return fmt.Errorf("%w: %.40q", errBadHeader, first)
		}
	}
}

// maxLine bounds the part of a line that is kept: a header line is short,
// and the rest of a longer one, garbage, is read past without being kept.
const maxLine = 1 << 10

// line reads a line, with its ending unless it is longer than maxLine.
func (fr *frameReader) line() ([]byte, error) {
	if len(fr.pending) > 0 {
		i := bytes.IndexByte(fr.pending, '\n')
		if i >= 0 {
			line := fr.pending[:i+1]
			fr.pending = fr.pending[i+1:]
			return line, nil
		}
		line := fr.pending
		fr.pending = nil
		return fr.readLine(line)
	}
	return fr.readLine(nil)
}

// readLine reads the rest of a line that starts with line.
func (fr *frameReader) readLine(line []byte) ([]byte, error) {
	for {
		chunk, err := fr.r.ReadSlice('\n')
		line = append(line, chunk[:min(len(chunk), max(maxLine-len(line), 0))]...)
		if err != bufio.ErrBufferFull {
			return line, err
		}
	}
}

// readFull fills buf.
func (fr *frameReader) readFull(buf []byte) error {
	n := copy(buf, fr.pending)
	fr.pending = fr.pending[n:]
	if _, err := io.ReadFull(fr.r, buf[n:]); err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return err
	}
	return nil
}

// idPattern finds the id of a request that cannot be decoded.
var idPattern = regexp.MustCompile(`"id"\s*:\s*(-?[0-9]+|"(?:[^"\\]|\\.)*")`)

// requestID returns the id of a frame that is not a valid message, when it
// can be read, so that the client waiting on it gets its answer; otherwise
// the null id JSON-RPC prescribes.
func requestID(frame []byte) jsonrpc2.ID {
	m := idPattern.FindSubmatch(frame)
	if m == nil {
		return jsonrpc2.ID{}
	}
	if n, err := strconv.ParseInt(string(m[1]), 10, 64); err == nil {
		return jsonrpc2.NewNumberID(n)
	}
	var str string
	if json.Unmarshal(m[1], &str) == nil {
		return jsonrpc2.NewStringID(str)
	}
	return jsonrpc2.ID{}
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
