package syntax

import (
	"slices"
	"testing"
)

func TestPackRoundTrip(t *testing.T) {
	for _, src := range []string{
		"",
		"x = 1\n",
		"async def f(x):\n    await g(x)  # note\n\nclass C(B):\n    def m(self): return [y async for y in z]\n",
		"def f(:\n    pass\nx = = 1\n", // errors and missing nodes
		"s = 'é' + f'{x!r:>{w}}'\n",
	} {
		tree := parse(t, src)
		got := tree.Pack().Unpack()
		if !slices.Equal(got.Nodes, tree.Nodes) || string(got.Src) != src {
			t.Errorf("%q: unpacked tree differs from the original", src)
		}
	}
}

func TestPackRoundTripCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the standard library")
	}
	p := NewParser()
	defer p.Close()
	sources := benchSources(t)
	if len(sources) > 300 {
		sources = sources[:300]
	}
	packed, unpacked := 0, 0
	for _, src := range sources {
		tree, err := p.Parse(src)
		if err != nil {
			t.Fatal(err)
		}
		pk := tree.Pack()
		if got := pk.Unpack(); !slices.Equal(got.Nodes, tree.Nodes) {
			t.Fatalf("unpacked tree differs from the original for a source of %d bytes", len(src))
		}
		packed += len(pk.data)
		unpacked += len(tree.Nodes) * 24
	}
	t.Logf("packed nodes take %.1f%% of the memory", 100*float64(packed)/float64(unpacked))
}
