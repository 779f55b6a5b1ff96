package rules

import (
	"fmt"
	"slices"

	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/analysis/syntax"
)

// The catalog of blocking calls: which qualified names (functions, or
// methods written Type.method) block the thread, the rule that reports
// them, and what to use instead. Methods are matched only when the type of
// the receiver is known (see blockingTypes).
var blockingCatalog = slices.Concat(
	calls("AL201", "stdlib", inLibrary("`%s.sleep`"), "time.sleep"),

	// AL202: HTTP clients.
	calls("AL202", "requests", asyncHTTP,
		"requests.get", "requests.post", "requests.put", "requests.patch", "requests.delete",
		"requests.head", "requests.options", "requests.request",
		"requests.api.get", "requests.api.post", "requests.api.put", "requests.api.patch",
		"requests.api.delete", "requests.api.head", "requests.api.options", "requests.api.request"),
	methods("AL202", "requests", asyncHTTP, "requests.Session",
		"get", "post", "put", "patch", "delete", "head", "options", "request", "send"),
	calls("AL202", "stdlib", asyncHTTP, "urllib.request.urlopen", "urllib.request.urlretrieve"),
	methods("AL202", "stdlib", asyncHTTP, "urllib.request.OpenerDirector", "open"),
	methods("AL202", "stdlib", asyncHTTP, "http.client.HTTPConnection",
		"request", "getresponse", "connect", "send", "endheaders"),
	methods("AL202", "stdlib", asyncHTTP, "http.client.HTTPResponse",
		"read", "readline", "readlines", "read1", "readinto"),
	calls("AL202", "urllib3", asyncHTTP, "urllib3.request"),
	methods("AL202", "urllib3", asyncHTTP, "urllib3.PoolManager",
		"request", "urlopen", "request_encode_url", "request_encode_body"),
	methods("AL202", "urllib3", asyncHTTP, "urllib3.HTTPConnectionPool",
		"request", "urlopen", "request_encode_url", "request_encode_body"),
	calls("AL202", "httpx", everywhere("`httpx.AsyncClient`"),
		"httpx.get", "httpx.post", "httpx.put", "httpx.patch", "httpx.delete", "httpx.head",
		"httpx.options", "httpx.request", "httpx.stream"),
	methods("AL202", "httpx", everywhere("`httpx.AsyncClient`"), "httpx.Client",
		"get", "post", "put", "patch", "delete", "head", "options", "request", "send", "stream", "close"),
	calls("AL202", "httpx2", everywhere("`httpx2.AsyncClient`"),
		"httpx2.get", "httpx2.post", "httpx2.put", "httpx2.patch", "httpx2.delete", "httpx2.head",
		"httpx2.options", "httpx2.request", "httpx2.stream"),
	methods("AL202", "httpx2", everywhere("`httpx2.AsyncClient`"), "httpx2.Client",
		"get", "post", "put", "patch", "delete", "head", "options", "request", "send", "stream", "close"),

	// AL203: processes.
	calls("AL203", "stdlib", runProcess,
		"subprocess.run", "subprocess.call", "subprocess.check_call", "subprocess.check_output",
		"subprocess.getoutput", "subprocess.getstatusoutput",
		"os.system", "os.popen", "os.spawnl", "os.spawnle", "os.spawnlp", "os.spawnlpe",
		"os.spawnv", "os.spawnve", "os.spawnvp", "os.spawnvpe", "os.posix_spawn", "os.posix_spawnp",
		"os.wait", "os.wait3", "os.wait4", "os.waitpid", "os.waitid"),
	calls("AL203", "stdlib", openProcess, "subprocess.Popen"),
	methods("AL203", "stdlib", openProcess, "subprocess.Popen", "wait", "communicate"),

	// AL204: reading and writing files, and walking directories.
	noFix(calls("AL204", "stdlib", openFile, "builtins.open", "io.open", "io.open_code", "os.fdopen", "codecs.open")),
	noFix(methods("AL204", "stdlib", openFile, "pathlib.Path", "open")),
	methods("AL204", "stdlib", pathOrThread, "pathlib.Path", "read_text", "read_bytes", "write_text", "write_bytes"),
	noFix(methods("AL204", "stdlib", pathOrWalkInThread, "pathlib.Path", "iterdir", "glob", "rglob", "walk")),
	methods("AL204", "stdlib", openFile, "io.IOBase", "read", "readline", "readlines", "write", "writelines", "flush"),
	calls("AL204", "stdlib", toThread, "os.listdir", "os.fsync", "os.sendfile", "glob.glob",
		"shutil.copy", "shutil.copy2", "shutil.copyfile", "shutil.copyfileobj", "shutil.copytree",
		"shutil.move", "shutil.rmtree", "shutil.make_archive", "shutil.unpack_archive"),
	noFix(calls("AL204", "stdlib", walkInThread, "os.scandir", "os.walk", "glob.iglob")),

	// AL211: one metadata system call on a path.
	methods("AL211", "stdlib", pathOrThread, "pathlib.Path",
		"exists", "is_file", "is_dir", "is_symlink", "is_mount", "is_socket", "is_fifo",
		"is_block_device", "is_char_device", "is_junction", "stat", "lstat", "owner", "group",
		"samefile", "resolve", "absolute", "readlink", "mkdir", "rmdir", "unlink", "rename",
		"replace", "touch", "chmod", "lchmod", "symlink_to", "hardlink_to"),
	calls("AL211", "stdlib", toThread,
		"os.stat", "os.lstat", "os.access", "os.mkdir", "os.makedirs", "os.remove", "os.unlink",
		"os.rmdir", "os.removedirs", "os.rename", "os.renames", "os.replace", "os.chmod",
		"os.chown", "os.link", "os.symlink", "os.readlink", "os.truncate", "os.utime",
		"os.path.exists", "os.path.lexists", "os.path.isfile", "os.path.isdir", "os.path.islink",
		"os.path.ismount", "os.path.getsize", "os.path.getmtime", "os.path.getatime",
		"os.path.getctime", "os.path.samefile", "os.path.sameopenfile", "os.path.realpath",
		"os.path.abspath", "os.path.relpath",
		"shutil.copymode", "shutil.copystat", "shutil.disk_usage", "shutil.chown"),

	// AL205: the console.
	calls("AL205", "stdlib", inLibrary("`%s`(input, ...)", "asyncio.to_thread", "trio.to_thread.run_sync", "anyio.to_thread.run_sync"),
		"builtins.input"),

	// AL206: sockets, TLS, DNS and mail/FTP clients. A socket set
	// non-blocking returns at once, and so does a lookup of a numeric
	// address.
	calls("AL206", "stdlib", inLibrary("`%s`", "asyncio.open_connection", "trio.open_tcp_stream", "anyio.connect_tcp"),
		"socket.create_connection"),
	nonBlockingWhen(calls("AL206", "stdlib", resolver, "socket.getaddrinfo"), numericOnly),
	calls("AL206", "stdlib", resolver,
		"socket.gethostbyname", "socket.gethostbyname_ex", "socket.gethostbyaddr", "socket.getnameinfo", "socket.getfqdn"),
	nonBlockingWhen(methods("AL206", "stdlib", asyncSockets, "socket.socket",
		"connect", "connect_ex", "accept", "recv", "recvfrom", "recv_into", "recvfrom_into",
		"recvmsg", "send", "sendall", "sendto", "sendmsg", "sendfile"), nonBlockingSocket),
	nonBlockingWhen(methods("AL206", "stdlib",
		inLibrary("%s", "asyncio streams with `ssl=`", "`trio.SSLStream`", "`anyio.streams.tls.TLSStream`"),
		"ssl.SSLSocket", "do_handshake", "read", "write", "recv", "send", "sendall", "connect", "accept"), nonBlockingSocket),
	calls("AL206", "stdlib", orThread("`aiosmtplib`"),
		"smtplib.SMTP", "smtplib.SMTP_SSL"),
	methods("AL206", "stdlib", orThread("`aiosmtplib`"),
		"smtplib.SMTP", "connect", "login", "starttls", "ehlo", "helo", "sendmail", "send_message", "quit",
		"noop", "verify"),
	calls("AL206", "stdlib", orThread("`aioftp`"),
		"ftplib.FTP", "ftplib.FTP_TLS"),
	methods("AL206", "stdlib", orThread("`aioftp`"),
		"ftplib.FTP", "connect", "login", "cwd", "pwd", "nlst", "dir", "mlsd", "retrbinary", "retrlines",
		"storbinary", "storlines", "delete", "rename", "mkd", "rmd", "size", "sendcmd",
		"voidcmd", "quit"),
	// AL207: database drivers.
	calls("AL207", "stdlib", orThread("`aiosqlite`"), "sqlite3.connect"),
	methods("AL207", "stdlib", orThread("`aiosqlite`"), "sqlite3.Connection",
		"execute", "executemany", "executescript", "commit", "rollback", "backup"),
	methods("AL207", "stdlib", orThread("`aiosqlite`"), "sqlite3.Cursor",
		"execute", "executemany", "executescript", "fetchone", "fetchmany", "fetchall"),
	calls("AL207", "psycopg2", orThread("`asyncpg` or psycopg's `AsyncConnection`"), "psycopg2.connect"),
	methods("AL207", "psycopg2", orThread("`asyncpg` or psycopg's `AsyncConnection`"), "psycopg2.connection", "commit", "rollback"),
	methods("AL207", "psycopg2", orThread("`asyncpg` or psycopg's `AsyncConnection`"), "psycopg2.cursor",
		"execute", "executemany", "callproc", "fetchone", "fetchmany", "fetchall",
		"copy_from", "copy_to", "copy_expert"),
	calls("AL207", "psycopg", orThread("`psycopg.AsyncConnection`"), "psycopg.connect"),
	methods("AL207", "psycopg", orThread("`psycopg.AsyncConnection`"), "psycopg.Connection", "execute", "commit", "rollback"),
	methods("AL207", "psycopg", orThread("`psycopg.AsyncConnection`"), "psycopg.Cursor",
		"execute", "executemany", "fetchone", "fetchmany", "fetchall"),
	calls("AL207", "pymysql", orThread("`aiomysql`"), "pymysql.connect", "pymysql.Connect"),
	methods("AL207", "pymysql", orThread("`aiomysql`"), "pymysql.Connection", "commit", "rollback", "ping", "select_db", "query"),
	methods("AL207", "pymysql", orThread("`aiomysql`"), "pymysql.Cursor",
		"execute", "executemany", "callproc", "fetchone", "fetchmany", "fetchall"),
	calls("AL207", "mysqlclient", orThread("`aiomysql`"), "MySQLdb.connect", "MySQLdb.Connect"),
	methods("AL207", "mysqlclient", orThread("`aiomysql`"), "MySQLdb.Connection", "commit", "rollback", "ping", "select_db", "query"),
	methods("AL207", "mysqlclient", orThread("`aiomysql`"), "MySQLdb.Cursor",
		"execute", "executemany", "callproc", "fetchone", "fetchmany", "fetchall"),
	methods("AL207", "redis", orThread("`redis.asyncio`"), "redis.Redis",
		"get", "set", "setex", "setnx", "getset", "mget", "mset", "delete", "exists", "expire",
		"ttl", "incr", "incrby", "decr", "decrby", "append", "hget", "hset", "hgetall", "hmget",
		"hmset", "hdel", "hexists", "hincrby", "hkeys", "hvals", "hlen", "lpush", "rpush", "lpop",
		"rpop", "lrange", "llen", "blpop", "brpop", "sadd", "srem", "smembers", "sismember",
		"scard", "zadd", "zrange", "zrangebyscore", "zrem", "zscore", "zcard", "zincrby",
		"publish", "keys", "scan", "scan_iter", "flushdb", "flushall", "ping", "info",
		"execute_command", "xadd", "xread", "xreadgroup", "eval", "evalsha"),
	methods("AL207", "redis", orThread("`redis.asyncio`"), "redis.client.Pipeline", "execute"),
	methods("AL207", "pymongo", orThread("`motor`"), "pymongo.MongoClient",
		"list_database_names", "server_info", "drop_database"),
	methods("AL207", "pymongo", orThread("`motor`"), "pymongo.database.Database",
		"command", "list_collection_names", "drop_collection", "create_collection"),
	methods("AL207", "pymongo", orThread("`motor`"), "pymongo.collection.Collection",
		"find", "find_one", "insert_one", "insert_many", "update_one", "update_many",
		"replace_one", "delete_one", "delete_many", "count_documents",
		"estimated_document_count", "aggregate", "distinct", "find_one_and_update",
		"find_one_and_delete", "find_one_and_replace", "bulk_write", "create_index", "drop"),

	// AL208: waits on threads and synchronous primitives. A lock made in
	// the function, and not handed out yet, is free; a thread that
	// signalled its end is joined at once.
	nonBlockingWhen(methods("AL208", "stdlib", asyncPrimitive("Lock"), "threading.Lock", "acquire"), unsharedLock, passesFalse("blocking")),
	nonBlockingWhen(methods("AL208", "stdlib", asyncPrimitive("Lock"), "threading.RLock", "acquire"), unsharedLock, passesFalse("blocking")),
	nonBlockingWhen(methods("AL208", "stdlib", asyncPrimitive("Semaphore"), "threading.Semaphore", "acquire"), passesFalse("blocking")),
	methods("AL208", "stdlib", asyncPrimitive("Event"), "threading.Event", "wait"),
	methods("AL208", "stdlib", asyncPrimitive("Condition"), "threading.Condition", "wait", "wait_for"),
	nonBlockingWhen(methods("AL208", "stdlib", asyncPrimitive("Condition"), "threading.Condition", "acquire"), unsharedLock, passesFalse("blocking")),
	methods("AL208", "stdlib", orThread("`asyncio.Barrier`"),
		"threading.Barrier", "wait"),
	nonBlockingWhen(methods("AL208", "stdlib", waitInThread("thread.join"), "threading.Thread", "join"), signalledEnd),
	nonBlockingWhen(methods("AL208", "stdlib", asyncQueue, "queue.Queue", "get", "put"), passesFalse("block")),
	methods("AL208", "stdlib", asyncQueue, "queue.Queue", "join"),
	methods("AL208", "stdlib", orThread("`asyncio.wrap_future`"),
		"concurrent.futures.Future", "result", "exception"),
	calls("AL208", "stdlib", orThread("`asyncio.wait` on futures wrapped with `asyncio.wrap_future`"),
		"concurrent.futures.wait", "concurrent.futures.as_completed"),
	methods("AL208", "stdlib", orThread("`loop.run_in_executor`"),
		"concurrent.futures.Executor", "map", "shutdown"),
	nonBlockingWhen(methods("AL208", "stdlib", waitInThread("process.join"), "multiprocessing.Process", "join"), signalledEnd),
	methods("AL208", "stdlib", toThread, "multiprocessing.pool.Pool", "join", "map", "starmap", "apply"),
	nonBlockingWhen(methods("AL208", "stdlib", toThread, "multiprocessing.Queue", "get", "put"), passesFalse("block")),
)

// What a coroutine should use instead, in the words of each library.
var (
	toThread     = inLibrary("`%s`", "asyncio.to_thread", "trio.to_thread.run_sync", "anyio.to_thread.run_sync")
	pathOrThread = inLibrary("%s", "`asyncio.to_thread`", "`trio.Path` or `trio.to_thread.run_sync`", "`anyio.Path` or `anyio.to_thread.run_sync`")
	walkInThread = inLibrary("a worker thread for the whole walk (`%s`)",
		"asyncio.to_thread", "trio.to_thread.run_sync", "anyio.to_thread.run_sync")
	pathOrWalkInThread = inLibrary("%s", walkInThread.asyncio,
		"`trio.Path`, or "+walkInThread.trio, "`anyio.Path`, or "+walkInThread.anyio)
	openFile  = inLibrary("%s", "`aiofiles.open` or `anyio.open_file`", "`trio.open_file`", "`anyio.open_file`")
	asyncHTTP = inLibrary("%s", "an async client such as `httpx.AsyncClient` or `aiohttp`",
		"an async client such as `httpx.AsyncClient`", "an async client such as `httpx.AsyncClient`")
	runProcess   = inLibrary("`%s`", "asyncio.create_subprocess_exec", "trio.run_process", "anyio.run_process")
	openProcess  = inLibrary("`%s`", "asyncio.create_subprocess_exec", "trio.lowlevel.open_process", "anyio.open_process")
	resolver     = inLibrary("`%s`", "loop.getaddrinfo", "trio.socket.getaddrinfo", "anyio.getaddrinfo")
	asyncSockets = inLibrary("%s", "asyncio streams (`asyncio.open_connection`, `asyncio.start_server`)",
		"`trio.open_tcp_stream` or `trio.serve_tcp`", "`anyio.connect_tcp` or `anyio.create_tcp_listener`")
	asyncQueue = inLibrary("%s", "`asyncio.Queue`", "a memory channel (`trio.open_memory_channel`)",
		"a memory object stream (`anyio.create_memory_object_stream`)")
	// lockInWith is what to use instead of `with` on a thread's lock.
	lockInWith = inLibrary("%s with `async with`", "an `asyncio.Lock`", "a `trio.Lock`", "an `anyio.Lock`")
)

// inChains reports whether a blocking call makes the project functions
// that run it block, for AL210: one metadata call on a path (AL211, off by
// default) is too short a stall to report through every caller.
func (api *blockingAPI) inChains() bool { return api.code != "AL211" }

// remedy is what a coroutine should use instead of a blocking call, in the
// words of each async library.
type remedy struct{ asyncio, trio, anyio string }

// in returns the remedy for code written for library.
func (r remedy) in(library string) string {
	switch library {
	case "trio":
		return r.trio
	case "anyio":
		return r.anyio
	}
	return r.asyncio
}

// inLibrary fills format with each library's name, or with the words
// given for asyncio, trio and anyio in that order.
func inLibrary(format string, words ...string) remedy {
	if len(words) == 0 {
		words = []string{"asyncio", "trio", "anyio"}
	}
	return remedy{fmt.Sprintf(format, words[0]), fmt.Sprintf(format, words[1]), fmt.Sprintf(format, words[2])}
}

// everywhere is the same remedy in every library.
func everywhere(text string) remedy { return remedy{text, text, text} }

// orThread suggests an asyncio API to asyncio code, and a worker thread to
// trio and anyio code, which the API does not serve.
func orThread(asyncio string) remedy {
	return remedy{asyncio, toThread.trio, toThread.anyio}
}

// asyncPrimitive suggests the library's own primitive of that name.
func asyncPrimitive(name string) remedy {
	return inLibrary("`%s." + name + "`")
}

// waitInThread suggests waiting in a worker thread: await
// asyncio.to_thread(thread.join).
func waitInThread(wait string) remedy {
	return inLibrary("`await %s("+wait+")`", "asyncio.to_thread", "trio.to_thread.run_sync", "anyio.to_thread.run_sync")
}

// blockingTypes says which calls build the objects whose methods block.
var blockingTypes = &semantic.Types{
	Returns: map[string]string{
		"requests.Session": "requests.Session", "requests.session": "requests.Session",
		"requests.sessions.Session":              "requests.Session",
		"urllib.request.build_opener":            "urllib.request.OpenerDirector",
		"urllib.request.OpenerDirector":          "urllib.request.OpenerDirector",
		"http.client.HTTPConnection":             "http.client.HTTPConnection",
		"http.client.HTTPSConnection":            "http.client.HTTPConnection",
		"http.client.HTTPConnection.getresponse": "http.client.HTTPResponse",
		"urllib3.PoolManager":                    "urllib3.PoolManager",
		"urllib3.ProxyManager":                   "urllib3.PoolManager",
		"urllib3.HTTPConnectionPool":             "urllib3.HTTPConnectionPool",
		"urllib3.HTTPSConnectionPool":            "urllib3.HTTPConnectionPool",
		"urllib3.connection_from_url":            "urllib3.HTTPConnectionPool",
		"httpx.Client":                           "httpx.Client",
		"httpx2.Client":                          "httpx2.Client",
		"subprocess.Popen":                       "subprocess.Popen",
		"builtins.open":                          "io.IOBase", "io.open": "io.IOBase", "os.fdopen": "io.IOBase",
		"io.open_code":      "io.IOBase",
		"codecs.open":       "io.IOBase",
		"pathlib.Path.open": "io.IOBase",
		"pathlib.Path":      "pathlib.Path", "pathlib.PosixPath": "pathlib.Path",
		"pathlib.WindowsPath":      "pathlib.Path",
		"pathlib.Path.__truediv__": "pathlib.Path",
		"pathlib.Path.resolve":     "pathlib.Path", "pathlib.Path.absolute": "pathlib.Path",
		"pathlib.Path.with_name": "pathlib.Path", "pathlib.Path.with_suffix": "pathlib.Path",
		"pathlib.Path.joinpath": "pathlib.Path", "pathlib.Path.expanduser": "pathlib.Path",
		"pathlib.Path.home": "pathlib.Path", "pathlib.Path.cwd": "pathlib.Path",
		"socket.socket": "socket.socket", "socket.create_connection": "socket.socket",
		"socket.create_server": "socket.socket", "socket.fromfd": "socket.socket",
		"ssl.SSLContext.wrap_socket": "ssl.SSLSocket", "ssl.wrap_socket": "ssl.SSLSocket",
		"ssl.create_default_context": "ssl.SSLContext", "ssl.SSLContext": "ssl.SSLContext",
		"smtplib.SMTP": "smtplib.SMTP", "smtplib.SMTP_SSL": "smtplib.SMTP",
		"smtplib.LMTP": "smtplib.SMTP",
		"ftplib.FTP":   "ftplib.FTP", "ftplib.FTP_TLS": "ftplib.FTP",
		"sqlite3.connect": "sqlite3.Connection", "sqlite3.Connection": "sqlite3.Connection",
		"sqlite3.Connection.cursor": "sqlite3.Cursor", "sqlite3.Connection.execute": "sqlite3.Cursor",
		"sqlite3.Connection.executemany": "sqlite3.Cursor",
		"sqlite3.Cursor.execute":         "sqlite3.Cursor", "sqlite3.Cursor.executemany": "sqlite3.Cursor",
		"psycopg2.connect": "psycopg2.connection", "psycopg2.extensions.connection": "psycopg2.connection",
		"psycopg2.connection.cursor": "psycopg2.cursor",
		"psycopg.connect":            "psycopg.Connection", "psycopg.Connection.connect": "psycopg.Connection",
		"psycopg.Connection":        "psycopg.Connection",
		"psycopg.Connection.cursor": "psycopg.Cursor", "psycopg.Connection.execute": "psycopg.Cursor",
		"pymysql.connect": "pymysql.Connection", "pymysql.Connect": "pymysql.Connection",
		"pymysql.connections.Connection": "pymysql.Connection",
		"pymysql.Connection.cursor":      "pymysql.Cursor",
		"MySQLdb.connect":                "MySQLdb.Connection", "MySQLdb.Connect": "MySQLdb.Connection",
		"MySQLdb.Connection.cursor": "MySQLdb.Cursor",
		"redis.Redis":               "redis.Redis", "redis.StrictRedis": "redis.Redis",
		"redis.from_url": "redis.Redis", "redis.Redis.from_url": "redis.Redis",
		"redis.client.Redis":                       "redis.Redis",
		"redis.Redis.pipeline":                     "redis.client.Pipeline",
		"pymongo.MongoClient":                      "pymongo.MongoClient",
		"pymongo.MongoClient.get_database":         "pymongo.database.Database",
		"pymongo.MongoClient.get_default_database": "pymongo.database.Database",
		"pymongo.database.Database.get_collection": "pymongo.collection.Collection",
		"threading.Lock":                           "threading.Lock", "threading.RLock": "threading.RLock",
		"threading.Semaphore": "threading.Semaphore", "threading.BoundedSemaphore": "threading.Semaphore",
		"threading.Event": "threading.Event", "threading.Condition": "threading.Condition",
		"threading.Barrier": "threading.Barrier", "threading.Thread": "threading.Thread",
		"threading.Timer": "threading.Thread",
		"queue.Queue":     "queue.Queue", "queue.LifoQueue": "queue.Queue",
		"queue.PriorityQueue": "queue.Queue", "queue.SimpleQueue": "queue.Queue",
		"concurrent.futures.ThreadPoolExecutor":  "concurrent.futures.Executor",
		"concurrent.futures.ProcessPoolExecutor": "concurrent.futures.Executor",
		"concurrent.futures.Executor.submit":     "concurrent.futures.Future",
		"concurrent.futures.Future":              "concurrent.futures.Future",
		"multiprocessing.Process":                "multiprocessing.Process",
		"multiprocessing.Pool":                   "multiprocessing.pool.Pool",
		"multiprocessing.pool.Pool":              "multiprocessing.pool.Pool",
		"multiprocessing.pool.ThreadPool":        "multiprocessing.pool.Pool",
		"multiprocessing.Queue":                  "multiprocessing.Queue",
		"multiprocessing.JoinableQueue":          "multiprocessing.Queue",
	},
	Attributes: map[string]string{
		"pymongo.MongoClient":       "pymongo.database.Database",
		"pymongo.database.Database": "pymongo.collection.Collection",
	},
	// The file classes open returns; built directly, they may wrap a
	// buffer in memory.
	Annotations: map[string]string{
		"io.TextIOWrapper": "io.IOBase", "io.BufferedReader": "io.IOBase", "io.BufferedWriter": "io.IOBase",
		"io.BufferedRandom": "io.IOBase", "io.FileIO": "io.IOBase",
	},
}

// blockingLocks are the types whose "with" statement acquires a lock of
// the thread, blocking the loop while another thread holds it.
var blockingLocks = map[string]bool{
	"threading.Lock": true, "threading.RLock": true, "threading.Semaphore": true,
	"threading.Condition": true,
}

// calls lists functions of a library.
func calls(code, library string, replacement remedy, names ...string) []blockingAPI {
	rows := make([]blockingAPI, len(names))
	for i, n := range names {
		rows[i] = blockingAPI{library: library, name: n, code: code, replacement: replacement}
	}
	return rows
}

// methods lists methods of a type.
func methods(code, library string, replacement remedy, typ string, names ...string) []blockingAPI {
	rows := calls(code, library, replacement, names...)
	for i := range rows {
		rows[i].name, rows[i].method = typ+"."+rows[i].name, true
	}
	return rows
}

// noFix marks rows whose calls cannot be moved to a thread as they are:
// the file object open returns would still be read on the loop, and a
// lazy iterator would still do its work there.
func noFix(rows []blockingAPI) []blockingAPI {
	for i := range rows {
		rows[i].noFix = true
	}
	return rows
}

// nonBlockingWhen marks rows whose call returns at once when one of the
// conditions holds.
func nonBlockingWhen(rows []blockingAPI, conditions ...func(*semantic.File, syntax.NodeID) bool) []blockingAPI {
	for i := range rows {
		rows[i].nonBlocking = func(f *semantic.File, call syntax.NodeID) bool {
			return slices.ContainsFunc(conditions, func(c func(*semantic.File, syntax.NodeID) bool) bool { return c(f, call) })
		}
	}
	return rows
}

// passesFalse returns the condition that a call passes False for keyword,
// or as its first positional argument: lock.acquire(False),
// q.get(block=False).
func passesFalse(keyword string) func(*semantic.File, syntax.NodeID) bool {
	return func(f *semantic.File, call syntax.NodeID) bool { return returnsAtOnce(f.Tree, call, keyword) }
}

// numericOnly reports whether getaddrinfo is asked for a numeric host
// (AI_NUMERICHOST in its flags, directly or through a name), which it
// parses without a lookup.
func numericOnly(f *semantic.File, call syntax.NodeID) bool {
	t := f.Tree
	positional, keywords, ok := t.CallArguments(call)
	if !ok {
		return false
	}
	flags := syntax.NoNode
	if len(positional) >= 6 {
		flags = positional[5]
	} else if kw, ok := keywords["flags"]; ok {
		flags = t.ChildByField(kw, syntax.FieldValue)
	}
	return mentions(f, flags, "AI_NUMERICHOST", 0)
}

// mentions reports whether an expression names name, or a variable that
// does: every value assigned to it does, but those or-ed in with |=, which
// keep what it held.
func mentions(f *semantic.File, expr syntax.NodeID, name string, depth int) bool {
	t := f.Tree
	if expr == syntax.NoNode || depth > 4 {
		return false
	}
	for id := expr; id < t.Nodes[expr].After; id++ {
		if t.Kind(id) != syntax.Identifier {
			continue
		}
		if t.TextView(id) == name {
			return true
		}
		if f.IsBindingOccurrence(id) {
			continue
		}
		assigned := false
		for _, b := range f.Lookup(id) {
			if stmt := t.Parent(f.Bindings[b].Node); t.Kind(stmt) == syntax.AugmentedAssignment &&
				t.Text(t.ChildByField(stmt, syntax.FieldOperator)) == "|=" {
				continue
			}
			if !mentions(f, f.Bindings[b].Value, name, depth+1) {
				assigned = false
				break
			}
			assigned = true
		}
		if assigned {
			return true
		}
	}
	return false
}

// nonBlockingSocket reports whether a socket call cannot block: the
// function set the socket non-blocking before (setblocking(False),
// settimeout(0)), or the call is in a try that handles BlockingIOError
// (or ssl's SSLWantReadError), which only a non-blocking socket raises.
func nonBlockingSocket(f *semantic.File, call syntax.NodeID) bool {
	t := f.Tree
	for a := range t.Ancestors(call) {
		switch t.Kind(a) {
		case syntax.FunctionDefinition, syntax.Lambda:
			return setNonBlocking(f, call)
		case syntax.TryStatement:
			if t.Contains(t.ChildByField(a, syntax.FieldBody), call) && handlesWouldBlock(f, a) {
				return true
			}
		}
	}
	return setNonBlocking(f, call)
}

// wouldBlockErrors are what a non-blocking socket raises when it would block.
var wouldBlockErrors = []string{"builtins.BlockingIOError", "ssl.SSLWantReadError", "ssl.SSLWantWriteError"}

// handlesWouldBlock reports whether a try statement has a handler for
// the errors of a non-blocking socket.
func handlesWouldBlock(f *semantic.File, try syntax.NodeID) bool {
	t := f.Tree
	for clause := range t.Children(try) {
		if t.Kind(clause) != syntax.ExceptClause {
			continue
		}
		spec := t.ChildByField(clause, syntax.FieldValue)
		if spec != syntax.NoNode && t.Kind(spec) == syntax.AsPattern {
			spec = t.FirstChild(spec)
		}
		if spec = t.Unwrap(spec); spec == syntax.NoNode {
			continue
		}
		classes := []syntax.NodeID{spec}
		if t.Kind(spec) == syntax.Tuple {
			classes = slices.Collect(t.NamedChildren(spec))
		}
		for _, c := range classes {
			if slices.Contains(wouldBlockErrors, f.QualifiedName(c)) {
				return true
			}
		}
	}
	return false
}

// setNonBlocking reports whether, before call, its function calls
// setblocking(False) or settimeout(0) on the socket call uses.
func setNonBlocking(f *semantic.File, call syntax.NodeID) bool {
	t := f.Tree
	sock := receiver(t, call)
	fn := f.ExecutingFunction(call)
	if sock == syntax.NoNode || fn == semantic.NoScope {
		return false
	}
	for id := f.Scopes[fn].Node; id < call; id++ {
		if t.Kind(id) != syntax.Call || f.ExecutingFunction(id) != fn {
			continue
		}
		if r := receiver(t, id); r == syntax.NoNode || t.TextView(r) != t.TextView(sock) {
			continue
		}
		arg := t.Unwrap(t.FirstArgument(id, ""))
		switch t.MethodName(id) {
		case "setblocking":
			if arg != syntax.NoNode && (t.Kind(arg) == syntax.False || t.Text(arg) == "0") {
				return true
			}
		case "settimeout":
			if arg != syntax.NoNode && (t.Text(arg) == "0" || t.Text(arg) == "0.0") {
				return true
			}
		}
	}
	return false
}

// unsharedLock reports whether the lock a call acquires was made by the
// statement before it in the same block, so that no other thread can hold
// it yet: lock = threading.Lock(); lock.acquire().
func unsharedLock(f *semantic.File, call syntax.NodeID) bool {
	t := f.Tree
	lock := receiver(t, call)
	if lock == syntax.NoNode || t.Kind(lock) != syntax.Identifier {
		return false
	}
	refs := f.Lookup(lock)
	if len(refs) != 1 || f.Bindings[refs[0]].Kind != semantic.AssignmentBinding {
		return false
	}
	made := t.SimpleStatement(f.Bindings[refs[0]].Value)
	stmt := t.SimpleStatement(call)
	return made != syntax.NoNode && stmt != syntax.NoNode && t.NextStatement(made) == stmt
}

// signalledEnd reports whether a thread (or process) that a call joins
// was made in the function with an object it signals through, such as a
// future or an event, and the function awaited that object before the
// join: the thread has finished its work, and the join returns at once.
func signalledEnd(f *semantic.File, call syntax.NodeID) bool {
	t := f.Tree
	worker := receiver(t, call)
	if worker == syntax.NoNode || t.Kind(worker) != syntax.Identifier {
		return false
	}
	refs := f.Lookup(worker)
	if len(refs) != 1 || f.Bindings[refs[0]].Kind != semantic.AssignmentBinding {
		return false
	}
	made := t.Unwrap(f.Bindings[refs[0]].Value)
	if made == syntax.NoNode || t.Kind(made) != syntax.Call {
		return false
	}
	// The variables passed on in args=(...) and kwargs={...}.
	signals := map[semantic.BindingID]bool{}
	for _, keyword := range []string{"args", "kwargs"} {
		kw := t.KeywordArgument(made, keyword)
		if kw == syntax.NoNode {
			continue
		}
		passed := t.Unwrap(t.ChildByField(kw, syntax.FieldValue))
		if passed == syntax.NoNode {
			continue
		}
		for v := range t.NamedChildren(passed) {
			if t.Kind(v) == syntax.Pair {
				v = t.ChildByField(v, syntax.FieldValue)
			}
			if v = t.Unwrap(v); v != syntax.NoNode && t.Kind(v) == syntax.Identifier {
				for _, b := range f.Lookup(v) {
					signals[b] = true
				}
			}
		}
	}
	fn := f.ExecutingFunction(call)
	for id := made; id < call; id++ {
		if t.Kind(id) != syntax.Await || f.ExecutingFunction(id) != fn {
			continue
		}
		for n := id; n < t.Nodes[id].After; n++ {
			if t.Kind(n) == syntax.Identifier && slices.ContainsFunc(f.Lookup(n), func(b semantic.BindingID) bool { return signals[b] }) {
				return true
			}
		}
	}
	return false
}

// receiver returns the object a method call is made on, or NoNode.
func receiver(t *syntax.Tree, call syntax.NodeID) syntax.NodeID {
	callee := t.ChildByField(call, syntax.FieldFunction)
	if callee == syntax.NoNode || t.Kind(callee) != syntax.Attribute {
		return syntax.NoNode
	}
	return t.Unwrap(t.ChildByField(callee, syntax.FieldObject))
}
