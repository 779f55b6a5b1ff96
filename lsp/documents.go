package lsp

import (
	"errors"
	"os"
	"sync"
	"sync/atomic"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/check"
	"github.com/asynclint/asynclint/analysis/engine"
	"github.com/asynclint/asynclint/analysis/source"
	"github.com/asynclint/asynclint/analysis/syntax"
)

// A document is a file open in the editor. Its text changes only through
// the notifications that the connection's read loop handles one at a time,
// in order; each change makes a new snapshot, which the rest of the server
// reads without holding the document's lock.
type document struct {
	uri  uri.URI
	path string // "" for a document that is not a file

	mu       sync.Mutex
	text     *syntax.Document // the text, parsed incrementally from version to version
	snap     *snapshot        // nil once closed
	checking bool             // its diagnostics are being computed and pushed
	again    bool             // a newer snapshot came while checking

	publishMu sync.Mutex // orders pushes of diagnostics
	published uint64     // the seq of the snapshot pushed last

	// The latest check of a snapshot, which the check of the next may
	// reuse: the seq and environment of that snapshot. Guarded by mu.
	checked    *check.Result
	checkedSeq uint64
	checkedEnv *env

	// The parts of the summary of the text last checked, for the summary
	// of the next to reuse.
	summaries analysis.SummaryMemo
}

// A snapshot is one version of a document with the environment it is
// checked in. It never changes; it is analysed once, when first needed.
type snapshot struct {
	uri     uri.URI
	path    string
	seq     uint64 // unique to the snapshot; the result id of pulled diagnostics
	version int32
	src     []byte // the text
	env     *env
	doc     *document

	// The text is parsed when first needed, so that the versions a burst
	// of edits replaces before anything reads them are never parsed.
	// Guarded by the document's mu, which its parse needs.
	parsed bool
	tree   *syntax.Tree // the parsed text; without nodes when err is set
	err    error        // why the text could not be parsed

	linesOnce sync.Once
	lineIdx   *source.Lines

	mu      sync.Mutex               // guards res, running and disk
	res     *result                  // nil until analysed
	running chan struct{}            // closed when the analysis under way ends; nil when none is
	disk    map[string]*source.Lines // other files read once for related locations, nil for unreadable
}

// diskLines returns the lines of the file at path as read from disk,
// reading it on first use by the snapshot; nil if it cannot be read.
func (sn *snapshot) diskLines(path string) *source.Lines {
	sn.mu.Lock()
	defer sn.mu.Unlock()
	if lines, ok := sn.disk[path]; ok {
		return lines
	}
	var lines *source.Lines
	if src, err := os.ReadFile(path); err == nil {
		lines = source.NewLines(src)
	}
	if sn.disk == nil {
		sn.disk = map[string]*source.Lines{}
	}
	sn.disk[path] = lines
	return lines
}

// lines returns the line index of the snapshot's text.
func (sn *snapshot) lines() *source.Lines {
	sn.linesOnce.Do(func() { sn.lineIdx = source.NewLines(sn.src) })
	return sn.lineIdx
}

// syntax returns the snapshot's tree, parsing its text on first use: the
// document's own parse continues from its last one while the snapshot
// is its latest version; an older version is parsed on its own.
func (sn *snapshot) syntax() (*syntax.Tree, error) {
	d := sn.doc
	d.mu.Lock()
	defer d.mu.Unlock()
	if !sn.parsed {
		if d.snap != nil && sameBytes(d.text.Text(), sn.src) {
			sn.tree, sn.err = d.text.Parse()
		} else {
			p := syntax.NewParser()
			sn.tree, sn.err = p.Parse(sn.src)
			p.Close()
		}
		sn.parsed = true
		// The parse built the text's line index already.
		sn.linesOnce.Do(func() { sn.lineIdx = sn.tree.Lines() })
	}
	return sn.tree, sn.err
}

// lastSeq numbers snapshots.
var lastSeq atomic.Uint64

var errClosed = errors.New("document is not open")

func newDocument(u uri.URI) *document {
	d := &document{uri: u}
	if u.IsFile() {
		d.path = u.FsPath()
	}
	return d
}

// open sets the document's first text.
func (d *document) open(version int32, text string, e *env) *snapshot {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.text = syntax.NewDocument([]byte(text))
	d.snap = d.newSnapshot(version, d.text.Text(), e)
	return d.snap
}

// adopt makes the tree that ws kept of the document's text, if any, its
// first parse: a large file just opened is not parsed again.
func (d *document) adopt(ws *engine.Workspace) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if tree := ws.Tree(d.path, d.text.Text()); tree != nil {
		d.text.Adopt(tree)
	}
}

// change applies the content changes of one didChange notification to the
// text. The new snapshot parses it when it is first read, incrementally
// unless a change replaced the whole text.
func (d *document) change(version int32, changes []protocol.TextDocumentContentChangeEvent, enc encoding) (*snapshot, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.snap == nil {
		return nil, errClosed
	}
	applyChanges(d.text, changes, enc, d.snap.lines())
	d.snap = d.newSnapshot(version, d.text.Text(), d.snap.env)
	return d.snap, nil
}

// prepareParse allocates ahead the memory the parse of the next edit
// fills (see syntax.Room); without the document's lock, which edits
// arriving meanwhile need.
func (d *document) prepareParse() {
	d.mu.Lock()
	if d.snap == nil {
		d.mu.Unlock()
		return
	}
	nodes, text := d.text.RoomNeeded()
	d.mu.Unlock()
	if nodes == 0 {
		return
	}
	room := syntax.NewRoom(nodes, text)
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.snap != nil {
		d.text.Furnish(room)
	}
}

// reconfigure makes a snapshot of the same text checked in environment e,
// or, when e is nil, in the same environment: to be checked again in a
// project that changed.
func (d *document) reconfigure(e *env) *snapshot {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.snap == nil {
		return nil
	}
	if e == nil {
		e = d.snap.env
	}
	d.checked = nil // its findings may depend on what changed
	old := d.snap
	d.snap = d.newSnapshot(old.version, old.src, e)
	d.snap.tree, d.snap.err, d.snap.parsed = old.tree, old.err, old.parsed
	return d.snap
}

// current returns the document's latest snapshot, or nil once it is closed.
func (d *document) current() *snapshot {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.snap
}

// counts returns how the document's text has been parsed so far.
func (d *document) counts() syntax.ParseCounts {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.text.Counts()
}

// dropTree releases tree-sitter's tree, a few times the size of the text:
// the next change parses the whole text again.
func (d *document) dropTree() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.snap != nil {
		d.text.DropTree()
	}
}

// close releases the document's parser and tree.
func (d *document) close() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.snap == nil {
		return
	}
	d.text.Close()
	d.snap = nil
}

// startCheck reports whether the caller should start checking the
// document: no check is under way. Otherwise the check under way is told
// to go on with the newest snapshot when it ends.
func (d *document) startCheck() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.checking {
		d.again = true
		return false
	}
	d.checking = true
	return true
}

// endCheck reports whether the check should go on with a newer snapshot;
// otherwise the document is marked idle.
func (d *document) endCheck() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.again && d.snap != nil {
		d.again = false
		return true
	}
	d.checking, d.again = false, false
	return false
}

func (d *document) newSnapshot(version int32, src []byte, e *env) *snapshot {
	return &snapshot{uri: d.uri, path: d.path, seq: lastSeq.Add(1), version: version, src: src, env: e, doc: d}
}

// sameBytes reports whether a and b are the same slice of memory.
func sameBytes(a, b []byte) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// lastCheck returns the latest check of a snapshot of the document in
// environment e, or nil.
func (d *document) lastCheck(e *env) *check.Result {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.checkedEnv != e {
		return nil
	}
	return d.checked
}

// keepCheck keeps res, the check of sn, for the check of a later
// snapshot to reuse.
func (d *document) keepCheck(sn *snapshot, res *check.Result) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if sn.seq > d.checkedSeq {
		d.checked, d.checkedSeq, d.checkedEnv = res, sn.seq, sn.env
	}
}
