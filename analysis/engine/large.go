package engine

import (
	"bytes"
	"context"
	"sync"

	"github.com/asynclint/asynclint/analysis/syntax"
)

// largeFile is the size from which parsing a file takes long enough (tens
// of milliseconds, more on a busy machine) that a workspace keeps the
// file's tree for the document that opens it.
const largeFile = 256 << 10

// maxLargeTrees bounds the memory of those trees, packed.
const maxLargeTrees = 64 << 20

// largeTrees holds the trees of a workspace's large files, packed, by
// path. It is safe for concurrent use.
type largeTrees struct {
	mu     sync.Mutex
	byPath map[string]*syntax.Packed
	size   int
	full   bool // a tree did not fit
}

// keep keeps the tree of f, if f is large, in place of any before, while
// the trees fit in maxLargeTrees.
func (k *largeTrees) keep(f *file, tree *syntax.Tree) {
	if len(tree.Src) < largeFile {
		return
	}
	packed := tree.Pack()
	k.mu.Lock()
	defer k.mu.Unlock()
	k.drop(f.path)
	if k.size+packed.Size() > maxLargeTrees {
		k.full = true
		return
	}
	if k.byPath == nil {
		k.byPath = map[string]*syntax.Packed{}
	}
	k.byPath[f.path], k.size = packed, k.size+packed.Size()
}

// take returns the tree of the file at path if the one kept is of src,
// and forgets it either way: a document that opens the file parses it
// from then on.
func (k *largeTrees) take(path string, src []byte) *syntax.Tree {
	k.mu.Lock()
	packed := k.byPath[path]
	k.drop(path)
	k.mu.Unlock()
	if packed == nil || !bytes.Equal(packed.Source(), src) {
		return nil
	}
	return packed.Unpack()
}

// wants reports whether a tree of the file at path would be kept: none
// is yet, and every tree has fitted so far.
func (k *largeTrees) wants(path string) bool {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.byPath[path] == nil && !k.full
}

// fits reports whether every tree has fitted so far.
func (k *largeTrees) fits() bool {
	k.mu.Lock()
	defer k.mu.Unlock()
	return !k.full
}

// forget drops the tree of the file at path, if any.
func (k *largeTrees) forget(path string) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.drop(path)
}

// drop drops the tree of the file at path. The caller holds k.mu.
func (k *largeTrees) drop(path string) {
	if packed := k.byPath[path]; packed != nil {
		k.size -= packed.Size()
		delete(k.byPath, path)
	}
}

// Tree returns the tree of the file at path, if the workspace kept one of
// src, its text: a large file's tree, from indexing or Prefetch, spares
// the document that opens the file its first parse. The workspace then
// forgets it.
func (w *Workspace) Tree(path string, src []byte) *syntax.Tree {
	return w.trees.take(path, src)
}

// Prefetch parses the large files of the project whose summaries indexing
// took from the cache, and keeps their trees as indexing does. It stops
// when ctx is done, or once a tree does not fit.
func (w *Workspace) Prefetch(ctx context.Context) {
	w.mu.Lock()
	var paths []string
	for _, f := range w.l.files {
		if f.summary != nil && f.size >= largeFile && w.trees.wants(f.path) {
			paths = append(paths, f.path)
		}
	}
	w.mu.Unlock()
	if len(paths) == 0 {
		return
	}
	p := syntax.NewParser()
	defer p.Close()
	for _, path := range paths {
		if ctx.Err() != nil || !w.trees.fits() {
			return
		}
		f := &file{path: path}
		if !f.read(w.l.opts.MaxFileSize) {
			continue
		}
		if tree, err := parse(p, f.text); err == nil {
			w.trees.keep(f, tree)
		}
	}
}
