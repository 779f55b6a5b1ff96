package rules

import (
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

// asyncAPIs lists the known functions and methods (Type.method) whose call
// returns a coroutine, an async context manager or an async iterable.
// gather, shield, ensure_future and run_in_executor are left out on
// purpose: they schedule their work whether or not the result is awaited.
var asyncAPIs = merge(
	apis(awaitable, "",
		"asyncio.sleep", "asyncio.wait_for", "asyncio.wait", "asyncio.open_connection",
		"asyncio.start_server", "asyncio.open_unix_connection", "asyncio.start_unix_server",
		"asyncio.create_subprocess_exec", "asyncio.create_subprocess_shell", "asyncio.to_thread",
		"trio.sleep", "trio.sleep_until", "trio.sleep_forever", "trio.open_tcp_stream",
		"trio.open_ssl_over_tcp_stream", "trio.open_unix_socket", "trio.serve_tcp", "trio.run_process",
		"trio.to_thread.run_sync", "trio.lowlevel.checkpoint",
		"anyio.sleep", "anyio.sleep_until", "anyio.sleep_forever", "anyio.connect_tcp",
		"anyio.connect_unix", "anyio.run_process", "anyio.to_thread.run_sync", "anyio.wait_all_tasks_blocked",
		"aiofiles.os.stat", "aiofiles.os.remove", "aiofiles.os.unlink", "aiofiles.os.rename",
		"aiofiles.os.replace", "aiofiles.os.mkdir", "aiofiles.os.makedirs", "aiofiles.os.rmdir",
		"aiofiles.os.listdir", "aiofiles.os.scandir", "aiofiles.os.path.exists",
		"aiofiles.os.path.isfile", "aiofiles.os.path.isdir", "aiofiles.os.path.getsize",
		"asyncpg.connect"),
	apis(awaitable, "asyncio.Queue", "get", "put", "join"),
	apis(awaitable, "asyncio.Lock", "acquire"),
	apis(awaitable, "asyncio.Semaphore", "acquire"),
	apis(awaitable, "asyncio.Event", "wait"),
	apis(awaitable, "asyncio.Condition", "acquire", "wait", "wait_for"),
	apis(awaitable, "asyncio.Barrier", "wait", "reset", "abort"),
	apis(awaitable, "asyncio.subprocess.Process", "wait", "communicate"),
	apis(awaitable, "asyncio.StreamReader", "read", "readline", "readexactly", "readuntil"),
	apis(awaitable, "asyncio.StreamWriter", "drain", "wait_closed", "start_tls"),
	apis(awaitable, "asyncio.AbstractEventLoop",
		"sock_recv", "sock_recv_into", "sock_sendall", "sock_connect", "sock_accept", "sock_sendfile",
		"getaddrinfo", "getnameinfo", "create_connection", "create_server", "create_unix_connection",
		"create_unix_server", "create_datagram_endpoint", "connect_read_pipe", "connect_write_pipe",
		"subprocess_exec", "subprocess_shell", "shutdown_asyncgens", "shutdown_default_executor",
		"start_tls", "sendfile"),
	apis(awaitable, "trio.Lock", "acquire"),
	apis(awaitable, "trio.Event", "wait"),
	apis(awaitable, "trio.Semaphore", "acquire"),
	apis(awaitable, "trio.CapacityLimiter", "acquire"),
	apis(awaitable, "anyio.Lock", "acquire"),
	apis(awaitable, "anyio.Event", "wait"),
	apis(awaitable, "anyio.Semaphore", "acquire"),
	apis(awaitable, "anyio.Path",
		"read_text", "read_bytes", "write_text", "write_bytes", "exists", "is_file", "is_dir",
		"stat", "mkdir", "unlink", "rename", "touch", "iterdir", "glob"),
	apis(awaitable, "aiofiles.File", "read", "readline", "readlines", "write", "writelines", "flush", "close", "seek"),
	apis(awaitable, "aiohttp.ClientResponse", "json", "text", "read", "release", "wait_for_close"),
	apis(awaitable, "aiohttp.web.Request", "json", "text", "read", "post", "multipart"),
	apis(awaitable, "aiohttp.ClientSession", "close", "ws_connect"),
	apis(awaitable, "httpx.AsyncClient",
		"get", "post", "put", "patch", "delete", "head", "options", "request", "send", "aclose"),
	apis(awaitable, "httpx.Response", "aread", "aclose"),
	apis(awaitable, "asyncpg.Connection",
		"fetch", "fetchrow", "fetchval", "execute", "executemany", "close", "prepare",
		"copy_from_table", "copy_to_table", "copy_records_to_table", "set_type_codec"),
	apis(awaitable, "asyncpg.Pool", "fetch", "fetchrow", "fetchval", "execute", "executemany", "close", "release"),
	apis(awaitable, "redis.asyncio.Redis",
		"get", "set", "setex", "setnx", "getset", "mget", "mset", "delete", "exists", "expire",
		"ttl", "incr", "incrby", "decr", "decrby", "append", "hget", "hset", "hgetall", "hmget",
		"hdel", "hexists", "hincrby", "hkeys", "hvals", "hlen", "lpush", "rpush", "lpop", "rpop",
		"lrange", "llen", "blpop", "brpop", "sadd", "srem", "smembers", "sismember", "scard",
		"zadd", "zrange", "zrangebyscore", "zrem", "zscore", "zcard", "zincrby", "publish", "keys",
		"scan", "flushdb", "flushall", "ping", "info", "execute_command", "xadd", "xread",
		"xreadgroup", "eval", "evalsha", "close", "aclose"),
	apis(awaitable, "motor.Collection",
		"find_one", "insert_one", "insert_many", "update_one", "update_many", "replace_one",
		"delete_one", "delete_many", "count_documents", "estimated_document_count", "distinct",
		"find_one_and_update", "find_one_and_delete", "find_one_and_replace", "bulk_write",
		"create_index", "drop"),
	apis(awaitable, "motor.Cursor", "to_list"),

	// Awaitable and async context managers at once.
	apis(awaitable|asyncContext, "", "aiofiles.open", "asyncpg.create_pool", "anyio.open_file"),
	apis(awaitable|asyncContext, "aiohttp.ClientSession",
		"get", "post", "put", "patch", "delete", "head", "options", "request"),
	apis(awaitable|asyncContext, "asyncpg.Pool", "acquire"),

	// Async context managers only.
	apis(asyncContext, "",
		"asyncio.timeout", "asyncio.timeout_at", "asyncio.TaskGroup", "aiohttp.ClientSession",
		"aiohttp.request", "httpx.AsyncClient", "trio.open_nursery", "anyio.create_task_group",
		"redis.asyncio.Redis", "redis.asyncio.from_url"),
	apis(asyncContext, "httpx.AsyncClient", "stream"),
	apis(asyncContext, "asyncpg.Connection", "transaction"),

	// Async iterables.
	apis(asyncIterable, "asyncpg.Connection", "cursor"),
	apis(asyncIterable, "httpx.Response", "aiter_bytes", "aiter_text", "aiter_lines", "aiter_raw"),
	apis(asyncIterable, "aiohttp.StreamReader", "iter_chunked", "iter_any", "iter_chunks"),
	apis(asyncIterable, "motor.Collection", "find", "aggregate"),
	apis(asyncIterable, "redis.asyncio.Redis", "scan_iter", "hscan_iter", "sscan_iter", "zscan_iter"),
)

// asyncTypes says which calls build the objects whose methods are async,
// for receivers such as q = asyncio.Queue() or s = aiohttp.ClientSession().
var asyncTypes = &semantic.Types{
	Returns: map[string]string{
		"asyncio.Queue": "asyncio.Queue", "asyncio.LifoQueue": "asyncio.Queue",
		"asyncio.PriorityQueue": "asyncio.Queue",
		"asyncio.Lock":          "asyncio.Lock", "asyncio.Semaphore": "asyncio.Semaphore",
		"asyncio.BoundedSemaphore": "asyncio.Semaphore", "asyncio.Event": "asyncio.Event",
		"asyncio.Condition": "asyncio.Condition", "asyncio.Barrier": "asyncio.Barrier",
		"asyncio.create_subprocess_exec":  "asyncio.subprocess.Process",
		"asyncio.create_subprocess_shell": "asyncio.subprocess.Process",
		"asyncio.StreamReader":            "asyncio.StreamReader",
		"asyncio.StreamWriter":            "asyncio.StreamWriter",
		"asyncio.get_running_loop":        "asyncio.AbstractEventLoop",
		"asyncio.get_event_loop":          "asyncio.AbstractEventLoop",
		"asyncio.new_event_loop":          "asyncio.AbstractEventLoop",
		"asyncio.AbstractEventLoop":       "asyncio.AbstractEventLoop",
		"trio.Lock":                       "trio.Lock", "trio.Event": "trio.Event",
		"trio.Semaphore": "trio.Semaphore", "trio.CapacityLimiter": "trio.CapacityLimiter",
		"anyio.Lock": "anyio.Lock", "anyio.Event": "anyio.Event", "anyio.Semaphore": "anyio.Semaphore",
		"anyio.Path":                    "anyio.Path",
		"aiofiles.open":                 "aiofiles.File",
		"aiohttp.ClientSession":         "aiohttp.ClientSession",
		"aiohttp.ClientSession.get":     "aiohttp.ClientResponse",
		"aiohttp.ClientSession.post":    "aiohttp.ClientResponse",
		"aiohttp.ClientSession.put":     "aiohttp.ClientResponse",
		"aiohttp.ClientSession.patch":   "aiohttp.ClientResponse",
		"aiohttp.ClientSession.delete":  "aiohttp.ClientResponse",
		"aiohttp.ClientSession.request": "aiohttp.ClientResponse",
		"aiohttp.ClientResponse":        "aiohttp.ClientResponse",
		"aiohttp.web.Request":           "aiohttp.web.Request",
		"httpx.AsyncClient":             "httpx.AsyncClient",
		"httpx.AsyncClient.get":         "httpx.Response", "httpx.AsyncClient.post": "httpx.Response",
		"httpx.AsyncClient.request": "httpx.Response", "httpx.AsyncClient.send": "httpx.Response",
		"httpx.AsyncClient.stream": "httpx.Response",
		"asyncpg.connect":          "asyncpg.Connection", "asyncpg.Connection": "asyncpg.Connection",
		"asyncpg.create_pool": "asyncpg.Pool", "asyncpg.Pool": "asyncpg.Pool",
		"asyncpg.Pool.acquire": "asyncpg.Connection",
		"redis.asyncio.Redis":  "redis.asyncio.Redis", "redis.asyncio.from_url": "redis.asyncio.Redis",
		"redis.asyncio.StrictRedis":              "redis.asyncio.Redis",
		"motor.motor_asyncio.AsyncIOMotorClient": "motor.Client",
		"motor.Collection.find":                  "motor.Cursor",
	},
	Attributes: map[string]string{
		"motor.Client":           "motor.Database",
		"motor.Database":         "motor.Collection",
		"aiohttp.ClientResponse": "aiohttp.StreamReader", // response.content
	},
}

// asyncTypeKinds says which types are themselves async context managers
// or async iterables, for with and for statements over a variable.
var asyncTypeKinds = map[string]asyncKind{
	"asyncio.Lock": asyncContext, "asyncio.Semaphore": asyncContext, "asyncio.Condition": asyncContext,
	"trio.Lock": asyncContext, "trio.Semaphore": asyncContext, "trio.CapacityLimiter": asyncContext,
	"anyio.Lock": asyncContext, "anyio.Semaphore": asyncContext,
	"aiohttp.ClientSession": asyncContext, "httpx.AsyncClient": asyncContext,
	"asyncpg.Pool": asyncContext, "redis.asyncio.Redis": asyncContext,
	"aiofiles.File":        asyncContext | asyncIterable,
	"asyncio.StreamReader": asyncIterable,
	"aiohttp.StreamReader": asyncIterable,
	"motor.Cursor":         asyncIterable,
}

// apis lists functions (typ "") or methods of typ with the same kind.
func apis(kind asyncKind, typ string, names ...string) map[string]asyncKind {
	m := make(map[string]asyncKind, len(names))
	for _, n := range names {
		if typ != "" {
			n = typ + "." + n
		}
		m[n] = kind
	}
	return m
}

func merge(tables ...map[string]asyncKind) map[string]asyncKind {
	all := map[string]asyncKind{}
	for _, t := range tables {
		for k, v := range t {
			all[k] |= v
		}
	}
	return all
}
