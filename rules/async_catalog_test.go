package rules

import (
	"strings"
	"testing"
)

func TestAsyncCatalogKinds(t *testing.T) {
	for name, want := range map[string]asyncKind{
		"trio.open_file":                        awaitable,
		"trio.lowlevel.wait_readable":           awaitable,
		"trio.Nursery.start":                    awaitable,
		"anyio.aclose_forcefully":               awaitable,
		"anyio.open_file":                       awaitable, // async with needs await first
		"asyncio.tasks.sleep":                   awaitable, // an alias
		"asyncio.Condition.acquire":             awaitable, // bound in __init__
		"aiofiles.open":                         awaitable | asyncContext,
		"aiohttp.ClientSession.get":             awaitable | asyncContext,
		"asyncpg.Pool.acquire":                  awaitable | asyncContext,
		"asyncio.Lock":                          asyncContext,
		"asyncio.timeout":                       asyncContext,
		"asyncpg.create_pool":                   asyncContext, // a pool may be kept and awaited later
		"anyio.Path.iterdir":                    asyncIterable,
		"httpx.Response.aiter_lines":            asyncIterable,
		"httpx2.Response.aiter_lines":           asyncIterable,
		"anyio.abc.TaskGroup.start_soon":        0, // returns a TaskHandle the caller may ignore
		"aiohttp.ClientResponse.release":        0, // releases at once, returns an awaitable no-op
		"asyncio.gather":                        0, // its tasks run anyway; AL401 reports it dropped
		"asyncio.eager_task_factory":            0,
		"asyncio.Future":                        0,
		"asyncio.AbstractEventLoop.create_task": 0,
	} {
		if got := asyncAPIs[name]; got != want {
			t.Errorf("asyncAPIs[%q] = %b, want %b", name, got, want)
		}
	}
}

func TestAsyncCatalogTypes(t *testing.T) {
	for name, want := range map[string]string{
		"trio.open_nursery":          "trio.Nursery",
		"trio.Nursery":               "trio.Nursery",
		"anyio.create_task_group":    "anyio.abc.TaskGroup",
		"asyncio.Queue":              "asyncio.Queue",
		"asyncio.LifoQueue":          "asyncio.LifoQueue",
		"redis.asyncio.client.Redis": "redis.asyncio.Redis", // an alias
		"redis.asyncio.from_url":     "redis.asyncio.Redis",
		"httpx2.AsyncClient.get":     "httpx2.Response",
		"trio.lowlevel":              "", // a module, not a class
	} {
		if got := asyncTypes.Returns[name]; got != want {
			t.Errorf("asyncTypes.Returns[%q] = %q, want %q", name, got, want)
		}
	}
	if got := asyncTypeKinds["asyncio.StreamReader"]; got != asyncIterable {
		t.Errorf("asyncTypeKinds[asyncio.StreamReader] = %b, want async iterable", got)
	}
}

// The supplement must name what the table has: a regenerated table that
// renames a class would otherwise silently void it.
func TestAsyncCatalogSupplementNamesTableEntries(t *testing.T) {
	results := map[string]bool{}
	for _, line := range strings.Split(asyncAPIsTable, "\n") {
		if cols := strings.Split(line, "\t"); len(cols) == 5 {
			results[strings.TrimPrefix(cols[3], "returns ")] = true
			results[cols[1]] = true
		}
	}
	for name := range unseenAsyncAPIs {
		if class, _, _ := cutLast(name); asyncTypes.Returns[class] != class {
			t.Errorf("unseenAsyncAPIs: %s is not a class of the table", class)
		}
	}
	for class := range helperClasses {
		if !results[class] {
			t.Errorf("helperClasses: nothing of the table returns %s", class)
		}
	}
	for name := range startedWork {
		if !results[name] {
			t.Errorf("startedWork: %s is not in the table", name)
		}
	}
	for name, typ := range asyncResults {
		if asyncTypes.Returns[typ] != typ {
			t.Errorf("asyncResults[%s]: %s is not a class of the table", name, typ)
		}
	}
	for typ, attr := range asyncAttributes {
		if asyncTypes.Returns[typ] != typ || asyncTypes.Returns[attr] != attr {
			t.Errorf("asyncAttributes[%s] = %s: not classes of the table", typ, attr)
		}
	}
}

func TestLoadAsyncCatalogErrors(t *testing.T) {
	for _, c := range []struct{ table, want string }{
		{"# comment\nlibrary\tname\tkind\tvia\tversion\ntrio\ttrio.sleep\tcoroutine\tasync def\n", "line 3: 4 columns"},
		{"trio\ttrio.sleep\tgenerator\tasync def\t0.34.0\n", `line 1: unknown kind "generator"`},
	} {
		if _, _, _, err := loadAsyncCatalog(c.table); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("loadAsyncCatalog(%q) = %v, want an error with %q", c.table, err, c.want)
		}
	}
}
