package syntax

import (
	"strings"
	"testing"
)

func TestParserCPUCountsParses(t *testing.T) {
	p := NewParser()
	defer p.Close()
	before := ParserCPU()
	src := []byte(strings.Repeat("async def f(x):\n    await g(x)\n", 20000))
	if _, err := p.Parse(src); err != nil {
		t.Fatal(err)
	}
	if ParserCPU() <= before {
		t.Errorf("ParserCPU stayed at %v after parsing %d bytes", before, len(src))
	}
}
