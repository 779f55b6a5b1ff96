package lsp

import (
	"path/filepath"
	"strings"
	"testing"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

func TestHover(t *testing.T) {
	c := start(t, options{})
	u := uri.File(filepath.Join(t.TempDir(), "sample.py"))
	text := withNoqa + "\nx = 1  # noqa: ASYNC251, AL999\n"
	c.open(u, text)
	c.diagnostics(u, 1)
	hover := func(at protocol.Position) *protocol.Hover {
		t.Helper()
		h, err := c.server.Hover(ctx(t), &protocol.HoverParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
			TextDocument: protocol.TextDocumentIdentifier{URI: u},
			Position:     at,
		}})
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	inside := func(sub string) protocol.Position {
		p := c.rangeOf(text, sub).Start
		p.Character += 2
		return p
	}
	for _, tc := range []struct {
		at, page, rng string // hover inside at; the page's title; the range
	}{
		{"time.sleep(1)", "# blocking-sleep (AL201)", "time.sleep(1)"},
		{"AL202\n", "# blocking-http (AL202)", "AL202"},
		{"ASYNC251", "# blocking-sleep (AL201)", "ASYNC251"},
	} {
		h := hover(inside(tc.at))
		if h == nil {
			t.Errorf("hover on %q: nothing", tc.at)
			continue
		}
		md := h.Contents.(*protocol.MarkupContent)
		if md.Kind != protocol.MarkupKindMarkdown || !strings.HasPrefix(md.Value, tc.page) {
			t.Errorf("hover on %q: %s %.60q, want the page %q", tc.at, md.Kind, md.Value, tc.page)
		}
		if *h.Range != c.rangeOf(text, tc.rng) {
			t.Errorf("hover on %q: range %v, want that of %q", tc.at, *h.Range, tc.rng)
		}
	}
	for _, at := range []string{"import requests", "AL999", "x = 1"} {
		if h := hover(inside(at)); h != nil {
			t.Errorf("hover on %q: %+v, want nothing", at, h)
		}
	}
}
