package rules

import (
	"github.com/asynclint/asynclint/analysis/config"
	"github.com/asynclint/asynclint/analysis/semantic"
)

// otherFrameworks run coroutines on their own event loop: asyncio, trio and
// anyio calls do not belong in their code.
var otherFrameworks = []string{"twisted", "gevent", "eventlet", "curio"}

// asyncioOnlyLibraries run only on asyncio: a module that imports one runs
// there.
var asyncioOnlyLibraries = []string{
	"aiofiles", "aiohttp", "aiokafka", "aioredis", "aiosqlite", "asyncpg", "motor",
	"pytest_asyncio", "quart", "redis.asyncio", "sanic", "uvloop",
}

// fixLibrary returns the library whose calls a fix may add to a file: the
// one its module-level imports show it runs on, or "" when they name
// another framework (Twisted, gevent, eventlet, curio), both asyncio and
// trio, or none. anyio code runs on any backend, so a module that imports
// anyio gets anyio's calls even if it also imports asyncio or trio. A
// module that imports a library built on asyncio alone (aiohttp,
// asyncpg...) runs on asyncio. Code with top-level await (a notebook, the
// asyncio REPL) runs on asyncio's loop unless its imports say otherwise.
func fixLibrary(f *semantic.File, settings *config.Settings) string {
	if importsAny(f, otherFrameworks) {
		return ""
	}
	onAsyncio := f.Imports("asyncio") || importsAny(f, asyncioOnlyLibraries)
	switch {
	case f.Imports("anyio"):
		return "anyio"
	case f.Imports("trio"):
		if onAsyncio {
			return ""
		}
		return "trio"
	case onAsyncio, settings.TopLevelAwait:
		return "asyncio"
	}
	return ""
}

func importsAny(f *semantic.File, modules []string) bool {
	for _, m := range modules {
		if f.Imports(m) {
			return true
		}
	}
	return false
}
