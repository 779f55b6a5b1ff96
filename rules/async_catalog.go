package rules

import (
	_ "embed"
	"fmt"
	"strings"
	"unicode"

	"github.com/asynclint/asynclint/analysis/semantic"
)

// asyncKind says how a value must be consumed to do its work.
type asyncKind uint8

const (
	// awaitable values (coroutines) do nothing until awaited.
	awaitable asyncKind = 1 << iota
	// asyncContext values must be entered with async with.
	asyncContext
	// asyncIterable values must be iterated with async for.
	asyncIterable
)

// asyncAPIsTable is the table of the libraries' async APIs that
// scripts/asyncapis/generate.py reads off their sources; its README
// describes the columns.
//
//go:embed data/asyncapis.tsv
var asyncAPIsTable string

// asyncAPIs maps the known functions, classes and methods (Type.method) to
// what their call returns when it must be awaited, entered with async with
// or iterated with async for. asyncTypes says which calls build the
// objects whose methods those are, for receivers such as q =
// asyncio.Queue(); asyncTypeKinds which types are themselves async
// context managers or iterables, for with and for over a variable.
var asyncAPIs, asyncTypes, asyncTypeKinds = mustLoadAsyncCatalog()

// What the generated table cannot say, each for the reason given.
var (
	// unseenAsyncAPIs are async methods bound as attributes in __init__,
	// which the generator does not see.
	unseenAsyncAPIs = map[string]asyncKind{
		"asyncio.Condition.acquire": awaitable, // self.acquire = lock.acquire
	}

	// helperClasses are public classes that only exist to be awaited or
	// entered, like the private ones: leaving unused the call that
	// returns one is the same mistake as leaving a coroutine unused.
	helperClasses = map[string]bool{
		"aiofiles.base.AiofilesContextManager":            true,
		"aiofiles.tempfile.AiofilesContextManagerTempDir": true,
		"asyncpg.pool.PoolAcquireContext":                 true,
		"asyncpg.cursor.CursorFactory":                    true,
	}

	// startedWork are private futures, and a task factory, whose work is
	// under way once the call returns: nothing is lost by not awaiting
	// them but the result (AL401 reports a dropped gather).
	startedWork = map[string]bool{
		"asyncio.tasks._GatheringFuture":           true,
		"asyncio.windows_events._OverlappedFuture": true,
		"asyncio.windows_events._WaitHandleFuture": true,
		"asyncio.eager_task_factory":               true, // = create_eager_task_factory(Task)
	}

	// asyncResults are the types of what calls produce once awaited or
	// entered, where the table names only a private helper class, or
	// nothing (a coroutine function's result), or is about sync calls.
	asyncResults = func() map[string]string {
		results := map[string]string{
			"trio.open_nursery":                "trio.Nursery",
			"aiofiles.open":                    "aiofiles.threadpool.text.AsyncTextIOWrapper",
			"asyncio.create_subprocess_exec":   "asyncio.subprocess.Process",
			"asyncio.create_subprocess_shell":  "asyncio.subprocess.Process",
			"asyncio.get_running_loop":         "asyncio.AbstractEventLoop",
			"asyncio.get_event_loop":           "asyncio.AbstractEventLoop",
			"asyncio.new_event_loop":           "asyncio.AbstractEventLoop",
			"asyncpg.connect":                  "asyncpg.Connection",
			"asyncpg.Pool.acquire":             "asyncpg.Connection",
			"aiohttp.request":                  "aiohttp.ClientResponse",
			"aiohttp.ClientSession.ws_connect": "aiohttp.ClientWebSocketResponse",
		}
		for _, method := range []string{"get", "post", "put", "patch", "delete", "head", "options", "request"} {
			results["aiohttp.ClientSession."+method] = "aiohttp.ClientResponse"
		}
		for _, client := range []string{"httpx", "httpx2"} {
			for _, method := range []string{"get", "post", "put", "patch", "delete", "head", "options", "request", "send", "stream"} {
				results[client+".AsyncClient."+method] = client + ".Response"
			}
		}
		return results
	}()

	// asyncAttributes are the types of any attribute of some types.
	asyncAttributes = map[string]string{
		"motor.motor_asyncio.AsyncIOMotorClient":   "motor.motor_asyncio.AsyncIOMotorDatabase",
		"motor.motor_asyncio.AsyncIOMotorDatabase": "motor.motor_asyncio.AsyncIOMotorCollection",
		"motor.MotorClient":                        "motor.MotorDatabase",
		"motor.MotorDatabase":                      "motor.MotorCollection",
		"aiohttp.ClientResponse":                   "aiohttp.StreamReader", // response.content
	}
)

func mustLoadAsyncCatalog() (map[string]asyncKind, *semantic.Types, map[string]asyncKind) {
	calls, types, kinds, err := loadAsyncCatalog(asyncAPIsTable)
	if err != nil {
		panic("rules/data/asyncapis.tsv: " + err.Error())
	}
	return calls, types, kinds
}

// asyncRow is one row of the table.
type asyncRow struct {
	name, kind, via string
}

// loadAsyncCatalog reads the table and adds the supplement above.
func loadAsyncCatalog(table string) (calls map[string]asyncKind, types *semantic.Types, typeKinds map[string]asyncKind, err error) {
	var rows, aliases []asyncRow
	for i, line := range strings.Split(table, "\n") {
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "library\t") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 5 {
			return nil, nil, nil, fmt.Errorf("line %d: %d columns, want 5 separated by tabs", i+1, len(cols))
		}
		row := asyncRow{name: cols[1], kind: cols[2], via: cols[3]}
		if row.kind == "alias" {
			aliases = append(aliases, row)
			continue
		}
		if _, ok := asyncKinds[row.kind]; !ok {
			return nil, nil, nil, fmt.Errorf("line %d: unknown kind %q", i+1, row.kind)
		}
		rows = append(rows, row)
	}

	calls, typeKinds = map[string]asyncKind{}, map[string]asyncKind{}
	returns := map[string]string{}
	for _, r := range rows {
		kind := asyncKinds[r.kind]
		result, returnsClass := strings.CutPrefix(r.via, "returns ")
		returnsClass = returnsClass && !strings.Contains(result, "(")
		switch {
		case strings.HasPrefix(r.via, "class: "):
			// Instances of a public class may be kept: only a plain with
			// or for on one is wrong.
			typeKinds[r.name] |= kind &^ awaitable
			calls[r.name] |= kind &^ awaitable
		case returnsClass && (startedWork[result] || !isPrivate(result) && !helperClasses[result]):
			calls[r.name] |= kind &^ awaitable
		case startedWork[r.name]:
		default:
			calls[r.name] |= kind
		}
		if returnsClass && !isPrivate(result) {
			returns[r.name] = result
		}
		if class, _, ok := cutLast(r.name); ok && isClassName(class) {
			returns[class] = class
		}
		if strings.HasPrefix(r.via, "class: ") {
			returns[r.name] = r.name
		}
	}
	for name, kind := range unseenAsyncAPIs {
		calls[name] |= kind
	}
	for name, typ := range asyncResults {
		returns[name] = typ
	}
	for _, a := range aliases {
		if kind := calls[a.via]; kind != 0 {
			calls[a.name] |= kind
		}
		if typ, ok := returns[a.via]; ok {
			returns[a.name] = typ
		}
	}
	return calls, &semantic.Types{Returns: returns, Attributes: asyncAttributes}, typeKinds, nil
}

// asyncKinds maps the table's kinds to what a call's result needs.
var asyncKinds = map[string]asyncKind{
	"coroutine": awaitable, "awaitable": awaitable,
	"asyncgen": asyncIterable, "async-iter": asyncIterable,
	"async-cm": asyncContext,
}

// isPrivate reports whether a dotted name goes through a private module
// or class.
func isPrivate(name string) bool {
	return strings.HasPrefix(name, "_") || strings.Contains(name, "._")
}

// isClassName reports whether the last part of a dotted name is spelled
// as a class (PEP 8's CapWords), not as a module: the table lists the
// methods of trio.Nursery and the functions of trio.lowlevel alike.
func isClassName(name string) bool {
	_, last, _ := cutLast(name)
	for _, r := range last {
		return unicode.IsUpper(r)
	}
	return false
}

// cutLast splits a dotted name before its last part.
func cutLast(name string) (before, last string, found bool) {
	i := strings.LastIndexByte(name, '.')
	if i < 0 {
		return "", name, false
	}
	return name[:i], name[i+1:], true
}
