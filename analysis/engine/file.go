package engine

import (
	"bytes"
	"errors"

	"github.com/asynclint/asynclint/analysis/cache"
	"github.com/asynclint/asynclint/analysis/project"
	"github.com/asynclint/asynclint/analysis/report"
	"github.com/asynclint/asynclint/analysis/source"
	"github.com/asynclint/asynclint/analysis/syntax"
)

// A file is one file of a project and what is known of it so far.
type file struct {
	path          string
	index         int // in loader.files
	module        string
	pkg           bool
	size, modTime int64
	text          []byte       // the decoded source; nil until read (an unchanged file may never be)
	source        *source.File // what was read, to write fixes back
	given         []byte       // what the file holds for this run instead of its content on disk (standard input)
	hash          string
	entry         *cache.Entry // the previous run's, when the file is unchanged
	// skip is set for a file that is unreadable or too large: only its
	// notes are reported.
	skip  bool
	notes []report.Finding
	// relevant is set when the byte scan finds async code or an async
	// library; imports are the modules the scan saw imported.
	relevant bool
	imports  []string
	// wanted is set when the file's findings are needed: it is relevant or
	// imports a module of the project that defines coroutines.
	wanted     bool
	reached    bool // queued for a summary by another module's reference
	summary    *project.Summary
	summaryKey string         // identifies the summary in the cache
	tree       *syntax.Packed // kept from summarizing, for checking
}

// skipWith marks the file as one whose only finding is note.
func (f *file) skipWith(note report.Finding) {
	f.skip, f.notes = true, []report.Finding{note}
}

// read loads the file's source, decoded as CPython decodes it, recording a
// note when it cannot. A file that is not valid UTF-8 is still analysed:
// its note comes from the check.
func (f *file) read(limit int64) bool {
	if f.text != nil {
		return true
	}
	sf, text, err := readSource(f, limit)
	if sf == nil {
		f.skipWith(fileNote(f.path, "io-error", describe(err)))
		return false
	}
	f.source, f.text, f.hash = sf, text, sf.Hash()
	return true
}

// release drops the file's text, which is read again if needed: holding
// every source costs more than the page cache. What it takes to write
// fixes back is kept.
func (f *file) release() {
	f.text = nil
	if f.source != nil {
		f.source.Text = nil
	}
}

// importsCoroutine reports whether the byte scan saw f import a coroutine
// function of the project, a class with coroutine methods, or a whole
// module with coroutine functions, which f may then call without
// awaiting.
func (f *file) importsCoroutine(g project.Graph) bool {
	for _, imp := range f.imports {
		if g.NamesCoroutine(project.Absolute(f.module, f.pkg, imp)) {
			return true
		}
	}
	return false
}

// parse parses a source that contains no NUL byte (not Python source).
func parse(p *syntax.Parser, src []byte) (*syntax.Tree, error) {
	if bytes.IndexByte(src, 0) >= 0 {
		return nil, errNUL
	}
	return p.Parse(src)
}

// errNUL rejects sources with NUL bytes, which CPython refuses too.
var errNUL = errors.New("file contains a NUL byte: not Python source; skipped")
