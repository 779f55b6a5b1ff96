package rules

import (
	"testing"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/config"
	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/analysis/syntax"
)

func TestAsyncValueOf(t *testing.T) {
	src := `import asyncio
import aiofiles
from aiohttp import ClientSession


async def fetch(): ...
async def rows():
    yield 1
def plain(): ...


class Base:
    async def load(self): ...


class Service(Base):
    def sync(self): ...

    async def run(self, q: asyncio.Queue):
        self.load()
        self.sync()
        q.get()
        Service.load(self)


class Resource:
    async def __aenter__(self): ...
    async def __aexit__(self, *exc): ...


class Both(Resource):
    def __enter__(self): ...


class Unknown(SomeBase):
    async def __aenter__(self): ...


lock = asyncio.Lock()
queue = asyncio.Queue()
fetch()
rows()
plain()
asyncio.sleep(1)
aiofiles.open("f")
ClientSession()
queue.get()
queue.get_nowait()
Resource()
Both()
Unknown()
lock
unknown.get()
`
	p := syntax.NewParser()
	defer p.Close()
	tree, _ := p.Parse([]byte(src))
	f := semantic.Build(tree)
	pass := analysis.NewPass(unawaitedCoroutine, f, config.DefaultSettings(), nil, map[any]any{}, func(analysis.Diagnostic) {})
	want := map[int]asyncValue{
		20: {awaitable, "self.load", false},
		21: {},
		22: {awaitable, "asyncio.Queue.get", true},
		23: {awaitable, "Service.load", true},
		41: {awaitable, "fetch", true},
		42: {asyncIterable, "rows", true},
		43: {},
		44: {awaitable, "asyncio.sleep", true},
		45: {awaitable | asyncContext, "aiofiles.open", true},
		46: {asyncContext, "aiohttp.ClientSession", true},
		47: {awaitable, "asyncio.Queue.get", true},
		48: {0, "asyncio.Queue.get_nowait", true},
		49: {asyncContext, "Resource", true},
		50: {0, "Both", true},
		51: {0, "Unknown", true},
		52: {asyncContext, "asyncio.Lock", true},
		53: {},
	}
	for i := range tree.Nodes {
		id := syntax.NodeID(i)
		parent := tree.Nodes[id].Parent
		if parent == syntax.NoNode || tree.Kind(parent) != syntax.ExpressionStatement {
			continue
		}
		line := tree.LineOf(int(tree.Nodes[id].Start))
		w, ok := want[line]
		if !ok {
			continue
		}
		delete(want, line)
		if got := asyncValueOf(pass, id); got != w {
			t.Errorf("line %d %q: got %+v, want %+v", line, tree.Text(id), got, w)
		}
	}
	for line := range want {
		t.Errorf("line %d not checked", line)
	}
}
