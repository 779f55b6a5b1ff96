package lsp

import (
	"context"
	"slices"
	"strings"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"

	"github.com/asynclint/asynclint/analysis"
)

// Hover explains a rule: the rule of a diagnostic under the cursor, or the
// rule a code in a noqa comment names.
func (s *Server) Hover(ctx context.Context, params *protocol.HoverParams) (*protocol.Hover, error) {
	if nb := s.notebooks.ofCell(params.TextDocument.URI); nb != nil {
		return s.cellHover(ctx, nb, params)
	}
	sn := s.snapshot(params.TextDocument.URI)
	jsonrpc2.Async(ctx) // the snapshot is taken: later messages may be read
	if sn == nil {
		return nil, nil
	}
	m := s.mapper(sn)
	off := m.offset(params.Position)
	tree, _ := sn.syntax()
	if code, start, end, ok := noqaCodeAt(tree, off); ok {
		if r := s.suite.Lookup(code); r != nil {
			return s.hover(m.rng(start, end), r), nil
		}
	}
	var rules []*analysis.Rule
	var rng protocol.Range
	res := s.result(sn, cancelled(ctx))
	if res == nil {
		return nil, protocol.ErrRequestCancelled
	}
	for _, d := range res.diags {
		if d.Rule != nil && d.Start <= off && off <= d.End && !slices.Contains(rules, d.Rule) {
			rules = append(rules, d.Rule)
			rng = m.rng(d.Start, d.End)
		}
	}
	if len(rules) == 0 {
		return nil, nil
	}
	return s.hover(rng, rules...), nil
}

// hover shows the pages of rules over rng.
func (s *Server) hover(rng protocol.Range, rules ...*analysis.Rule) *protocol.Hover {
	pages := make([]string, len(rules))
	for i, r := range rules {
		pages[i] = r.Page()
	}
	kind := protocol.MarkupKindMarkdown
	if s.caps.plainHover {
		kind = protocol.MarkupKindPlainText
	}
	return &protocol.Hover{
		Contents: &protocol.MarkupContent{Kind: kind, Value: strings.Join(pages, "\n---\n\n")},
		Range:    &rng,
	}
}
