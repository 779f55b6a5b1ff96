package lsp

import (
	"sync"

	"go.lsp.dev/uri"
)

// An openSet holds what the editor has open, by URI. It is safe for
// concurrent use; its zero value is empty.
type openSet[T comparable] struct {
	mu    sync.Mutex
	byURI map[uri.URI]T
}

// put adds v as u, returning what it replaces, if anything.
func (s *openSet[T]) put(u uri.URI, v T) (old T) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.byURI == nil {
		s.byURI = map[uri.URI]T{}
	}
	old = s.byURI[u]
	s.byURI[u] = v
	return old
}

// get returns what is open as u, or the zero value.
func (s *openSet[T]) get(u uri.URI) T {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.byURI[u]
}

// remove takes u out, returning what was open as u, or the zero value.
func (s *openSet[T]) remove(u uri.URI) T {
	s.mu.Lock()
	defer s.mu.Unlock()
	v := s.byURI[u]
	delete(s.byURI, u)
	return v
}

// all returns everything open, in no order.
func (s *openSet[T]) all() []T {
	s.mu.Lock()
	defer s.mu.Unlock()
	list := make([]T, 0, len(s.byURI))
	for _, v := range s.byURI {
		list = append(list, v)
	}
	return list
}
