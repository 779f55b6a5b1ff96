package fix

import (
	"slices"
	"testing"

	"github.com/asynclint/asynclint/analysis"
)

func TestWithImports(t *testing.T) {
	edits := []analysis.TextEdit{{Start: 10, End: 12, NewText: "x"}}
	if got := WithImports(edits, nil, nil); !slices.Equal(got, edits) {
		t.Errorf("WithImports without imports = %v", got)
	}
	asyncio := &analysis.TextEdit{Start: 0, End: 0, NewText: "import asyncio\n"}
	functools := &analysis.TextEdit{Start: 0, End: 0, NewText: "import functools\n"}
	got := WithImports(edits, asyncio, nil, functools)
	want := []analysis.TextEdit{{Start: 0, End: 0, NewText: "import asyncio\nimport functools\n"}, edits[0]}
	if !slices.Equal(got, want) {
		t.Errorf("WithImports = %v, want %v", got, want)
	}
	if asyncio.NewText != "import asyncio\n" {
		t.Errorf("WithImports changes its argument: %q", asyncio.NewText)
	}
}

func TestNonEmpty(t *testing.T) {
	edits := []analysis.TextEdit{{Start: 1, End: 1}, {Start: 1, End: 2}, {Start: 3, End: 3, NewText: ")"}, {Start: 4, End: 4}}
	want := []analysis.TextEdit{{Start: 1, End: 2}, {Start: 3, End: 3, NewText: ")"}}
	if got := NonEmpty(edits); !slices.Equal(got, want) {
		t.Errorf("NonEmpty = %v, want %v", got, want)
	}
}
