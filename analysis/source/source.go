// Package source reads Python source files as CPython reads them and writes
// fixed ones back as a careful editor saves them.
//
// Reading refuses anything but a regular file, so that a FIFO or a device
// named on the command line can neither hang a run nor flood it, and applies
// its size limit while reading, since stat reports no size for some files. It
// decodes as CPython's tokenizer does (PEP 263, PEP 3120): a UTF-8 byte order
// mark is dropped, a coding declaration on line 1 or 2 selects the codec, and
// the text the analysis sees is UTF-8. Each lone CR becomes LF in that text,
// since tree-sitter's Python scanner mistakes it; byte offsets stay valid.
//
// Writing encodes the fixed text back (byte order mark, codec, lone CRs) and
// replaces the file only if it still holds what was read, keeping its mode,
// owner, symbolic links and hard links.
//
// A run reads, fixes and writes a file like this:
//
//	f, err := source.Read(path, 10<<20)
//	if f == nil {
//		return err // not read; err is one line for the user
//	}
//	if err != nil {
//		note(err) // not valid UTF-8: analysed anyway, though Python refuses it
//	}
//	fixed := fix(f.Text, f.Newlines("await asyncio.sleep(0)\n"))
//	data, err := f.Encode(fixed)
//	if err == nil {
//		err = f.Replace(data) // ErrChanged if another program wrote the file meanwhile
//	}
package source

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"time"
)

// A File is a Python source as the analysis sees it, with what it takes to
// write it back.
type File struct {
	// Path is the name the file was read by; empty for a stream.
	Path string
	// Text is the source decoded to UTF-8, without its byte order mark, each
	// lone CR replaced by LF. Edit a copy: Encode compares the fixed text
	// with the original to put lone CRs back.
	Text []byte

	codec    *codec
	bom      bool
	newline  string // the first line ending of the source: "\n", "\r\n" or "\r"
	crs      []int  // offsets in Text of the LFs that were lone CRs
	original []byte // Text as decoded, kept when there are lone CRs
	stamp    *stamp // what was read from disk; nil for a stream
}

// A stamp tells whether a file still holds what was read from it.
type stamp struct {
	size    int64
	modTime time.Time
	sum     [sha256.Size]byte
}

// Hash returns the SHA-256 of the bytes read, in hex: what identifies the
// content of the file as it was read ("" for a stream).
func (f *File) Hash() string {
	if f.stamp == nil {
		return ""
	}
	return hex.EncodeToString(f.stamp.sum[:])
}

// ErrNotRegular reports a path that is not a regular file: a directory, a
// FIFO, a device or a socket.
var ErrNotRegular = errors.New("not a regular file")

// A LimitError reports a source larger than the limit it was read with.
type LimitError struct {
	Limit int64
	Size  int64 // the file's size, or -1 when only reading found it too large
}

func (e *LimitError) Error() string {
	limit := fmt.Sprintf("%d-byte", e.Limit)
	if e.Limit%(1<<20) == 0 {
		limit = fmt.Sprintf("%d MB", e.Limit>>20)
	}
	if e.Size < 0 {
		return "larger than the " + limit + " limit"
	}
	return fmt.Sprintf("file is %.1f MB, larger than the %s limit", float64(e.Size)/(1<<20), limit)
}

// Read reads and decodes the regular file at path, refusing one larger than
// limit bytes.
//
// Anything else is refused without being read: the type is checked before
// opening, so that a device is not even opened, and after, on what was
// opened, in case the path changed in between; opening does not wait for
// a FIFO's writer. The limit applies while reading too, since stat reports
// size 0 for some files (in /proc, for instance).
//
// Errors are *fs.PathError values whose Err says what went wrong in one
// line: ErrNotRegular, a *LimitError, the system's error (permission denied,
// no such file or directory, too many levels of symbolic links) or a
// decoding error. When the file is not valid UTF-8, Read returns the File
// too, with a *DecodeError: the analysis can go on, though Python will
// refuse to import the file.
func Read(path string, limit int64) (*File, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "read", Path: path, Err: ErrNotRegular}
	}
	fd, err := os.OpenFile(path, os.O_RDONLY|openFlags, 0)
	if err != nil {
		return nil, err
	}
	defer fd.Close()
	if info, err = fd.Stat(); err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "read", Path: path, Err: ErrNotRegular}
	}
	if info.Size() > limit {
		return nil, &fs.PathError{Op: "read", Path: path, Err: &LimitError{Limit: limit, Size: info.Size()}}
	}
	data, err := readAtMost(fd, limit, info.Size())
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: path, Err: err}
	}
	st := &stamp{size: int64(len(data)), modTime: info.ModTime(), sum: sha256.Sum256(data)}
	f, err := decode(data)
	if f != nil {
		f.Path, f.stamp = path, st
	}
	if err != nil {
		err = &fs.PathError{Op: "decode", Path: path, Err: err}
	}
	return f, err
}

// ReadFrom reads and decodes a source from r, standard input for instance,
// refusing one larger than limit bytes rather than cutting it short. Its
// errors are as Read's, without a path. The File cannot be replaced.
func ReadFrom(r io.Reader, limit int64) (*File, error) {
	data, err := readAtMost(r, limit, 0)
	if err != nil {
		return nil, err
	}
	return decode(data)
}

// readAtMost reads r to its end, failing with a *LimitError past limit
// bytes; size, when known, saves growing the buffer.
func readAtMost(r io.Reader, limit, size int64) ([]byte, error) {
	var b bytes.Buffer
	b.Grow(int(max(0, min(size, limit))) + bytes.MinRead)
	n := limit + 1 // one byte more tells a source of limit bytes from a longer one
	if n < limit {
		n = limit
	}
	if _, err := b.ReadFrom(io.LimitReader(r, n)); err != nil {
		return nil, err
	}
	if int64(b.Len()) > limit {
		return nil, &LimitError{Limit: limit, Size: -1}
	}
	return b.Bytes(), nil
}
