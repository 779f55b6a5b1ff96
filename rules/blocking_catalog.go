package rules

import (
	"slices"

	"github.com/asynclint/asynclint/analysis/semantic"
)

// The catalog of blocking calls: which qualified names (functions, or
// methods written Type.method) block the thread, the rule that reports
// them, and what to use instead. Methods are matched only when the type of
// the receiver is known (see blockingTypes).
var blockingCatalog = slices.Concat(
	calls("AL201", "stdlib", "asyncio.sleep", "time.sleep"),

	// AL202: HTTP clients.
	calls("AL202", "requests", "an async client such as httpx.AsyncClient or aiohttp",
		"requests.get", "requests.post", "requests.put", "requests.patch", "requests.delete",
		"requests.head", "requests.options", "requests.request",
		"requests.api.get", "requests.api.post", "requests.api.put", "requests.api.patch",
		"requests.api.delete", "requests.api.head", "requests.api.options", "requests.api.request"),
	methods("AL202", "requests", "an async client such as httpx.AsyncClient or aiohttp", "requests.Session",
		"get", "post", "put", "patch", "delete", "head", "options", "request", "send"),
	calls("AL202", "stdlib", "an async client such as httpx.AsyncClient or aiohttp",
		"urllib.request.urlopen", "urllib.request.urlretrieve"),
	methods("AL202", "stdlib", "an async client such as httpx.AsyncClient or aiohttp",
		"urllib.request.OpenerDirector", "open"),
	methods("AL202", "stdlib", "an async client such as httpx.AsyncClient or aiohttp",
		"http.client.HTTPConnection", "request", "getresponse", "connect", "send", "endheaders"),
	methods("AL202", "stdlib", "an async client such as httpx.AsyncClient or aiohttp",
		"http.client.HTTPResponse", "read", "readline", "readlines", "read1", "readinto"),
	calls("AL202", "urllib3", "an async client such as httpx.AsyncClient or aiohttp", "urllib3.request"),
	methods("AL202", "urllib3", "an async client such as httpx.AsyncClient or aiohttp", "urllib3.PoolManager",
		"request", "urlopen", "request_encode_url", "request_encode_body"),
	methods("AL202", "urllib3", "an async client such as httpx.AsyncClient or aiohttp", "urllib3.HTTPConnectionPool",
		"request", "urlopen", "request_encode_url", "request_encode_body"),
	calls("AL202", "httpx", "httpx.AsyncClient",
		"httpx.get", "httpx.post", "httpx.put", "httpx.patch", "httpx.delete", "httpx.head",
		"httpx.options", "httpx.request", "httpx.stream"),
	methods("AL202", "httpx", "httpx.AsyncClient", "httpx.Client",
		"get", "post", "put", "patch", "delete", "head", "options", "request", "send", "stream", "close"),
	calls("AL202", "httpx2", "httpx2.AsyncClient",
		"httpx2.get", "httpx2.post", "httpx2.put", "httpx2.patch", "httpx2.delete", "httpx2.head",
		"httpx2.options", "httpx2.request", "httpx2.stream"),
	methods("AL202", "httpx2", "httpx2.AsyncClient", "httpx2.Client",
		"get", "post", "put", "patch", "delete", "head", "options", "request", "send", "stream", "close"),

	// AL203: processes.
	calls("AL203", "stdlib", "asyncio.create_subprocess_exec",
		"subprocess.run", "subprocess.call", "subprocess.check_call", "subprocess.check_output",
		"subprocess.getoutput", "subprocess.getstatusoutput", "subprocess.Popen",
		"os.system", "os.popen", "os.spawnl", "os.spawnle", "os.spawnlp", "os.spawnlpe",
		"os.spawnv", "os.spawnve", "os.spawnvp", "os.spawnvpe", "os.posix_spawn", "os.posix_spawnp",
		"os.wait", "os.wait3", "os.wait4", "os.waitpid", "os.waitid"),
	methods("AL203", "stdlib", "asyncio.create_subprocess_exec", "subprocess.Popen", "wait", "communicate"),

	// AL204: files.
	noFix(calls("AL204", "stdlib", "aiofiles.open or anyio.open_file", "builtins.open", "io.open", "io.open_code", "os.fdopen", "codecs.open")),
	noFix(methods("AL204", "stdlib", "aiofiles.open or anyio.open_file", "pathlib.Path", "open")),
	methods("AL204", "stdlib", "anyio.Path or asyncio.to_thread", "pathlib.Path",
		"read_text", "read_bytes", "write_text", "write_bytes", "exists", "is_file", "is_dir",
		"is_symlink", "is_mount", "stat", "lstat", "iterdir", "glob", "rglob", "walk", "mkdir",
		"rmdir", "unlink", "rename", "replace", "touch", "chmod", "resolve", "samefile", "owner",
		"group", "readlink", "symlink_to", "hardlink_to"),
	methods("AL204", "stdlib", "aiofiles or anyio.open_file", "io.IOBase",
		"read", "readline", "readlines", "write", "writelines", "flush"),
	calls("AL204", "stdlib", "asyncio.to_thread",
		"os.stat", "os.lstat", "os.listdir", "os.scandir", "os.walk", "os.mkdir", "os.makedirs",
		"os.remove", "os.unlink", "os.rmdir", "os.removedirs", "os.rename", "os.renames",
		"os.replace", "os.chmod", "os.chown", "os.link", "os.symlink", "os.readlink",
		"os.truncate", "os.utime", "os.access", "os.fsync", "os.sendfile",
		"os.path.exists", "os.path.lexists", "os.path.isfile", "os.path.isdir", "os.path.islink",
		"os.path.ismount", "os.path.getsize", "os.path.getmtime", "os.path.getatime",
		"os.path.getctime", "os.path.samefile", "os.path.realpath",
		"shutil.copy", "shutil.copy2", "shutil.copyfile", "shutil.copyfileobj", "shutil.copymode",
		"shutil.copystat", "shutil.copytree", "shutil.move", "shutil.rmtree",
		"shutil.make_archive", "shutil.unpack_archive", "shutil.disk_usage", "shutil.chown"),

	// AL205: the console.
	calls("AL205", "stdlib", "asyncio.to_thread(input, ...)", "builtins.input"),

	// AL206: sockets, TLS, DNS and mail/FTP clients.
	calls("AL206", "stdlib", "asyncio.open_connection or loop.getaddrinfo",
		"socket.create_connection", "socket.getaddrinfo", "socket.gethostbyname",
		"socket.gethostbyname_ex", "socket.gethostbyaddr", "socket.getnameinfo", "socket.getfqdn"),
	methods("AL206", "stdlib", "asyncio streams (asyncio.open_connection, asyncio.start_server)", "socket.socket",
		"connect", "connect_ex", "accept", "recv", "recvfrom", "recv_into", "recvfrom_into",
		"recvmsg", "send", "sendall", "sendto", "sendmsg", "sendfile"),
	methods("AL206", "stdlib", "asyncio streams with ssl=", "ssl.SSLSocket",
		"do_handshake", "read", "write", "recv", "send", "sendall", "connect", "accept"),
	calls("AL206", "stdlib", "aiosmtplib", "smtplib.SMTP", "smtplib.SMTP_SSL"),
	methods("AL206", "stdlib", "aiosmtplib", "smtplib.SMTP",
		"connect", "login", "starttls", "ehlo", "helo", "sendmail", "send_message", "quit",
		"noop", "verify"),
	calls("AL206", "stdlib", "aioftp", "ftplib.FTP", "ftplib.FTP_TLS"),
	methods("AL206", "stdlib", "aioftp", "ftplib.FTP",
		"connect", "login", "cwd", "pwd", "nlst", "dir", "mlsd", "retrbinary", "retrlines",
		"storbinary", "storlines", "delete", "rename", "mkd", "rmd", "size", "sendcmd",
		"voidcmd", "quit"),

	// AL207: database drivers.
	calls("AL207", "stdlib", "aiosqlite", "sqlite3.connect"),
	methods("AL207", "stdlib", "aiosqlite", "sqlite3.Connection",
		"execute", "executemany", "executescript", "commit", "rollback", "backup"),
	methods("AL207", "stdlib", "aiosqlite", "sqlite3.Cursor",
		"execute", "executemany", "executescript", "fetchone", "fetchmany", "fetchall"),
	calls("AL207", "psycopg2", "asyncpg or psycopg's AsyncConnection", "psycopg2.connect"),
	methods("AL207", "psycopg2", "asyncpg or psycopg's AsyncConnection", "psycopg2.connection", "commit", "rollback"),
	methods("AL207", "psycopg2", "asyncpg or psycopg's AsyncConnection", "psycopg2.cursor",
		"execute", "executemany", "callproc", "fetchone", "fetchmany", "fetchall",
		"copy_from", "copy_to", "copy_expert"),
	calls("AL207", "psycopg", "psycopg.AsyncConnection", "psycopg.connect"),
	methods("AL207", "psycopg", "psycopg.AsyncConnection", "psycopg.Connection", "execute", "commit", "rollback"),
	methods("AL207", "psycopg", "psycopg.AsyncConnection", "psycopg.Cursor",
		"execute", "executemany", "fetchone", "fetchmany", "fetchall"),
	calls("AL207", "pymysql", "aiomysql", "pymysql.connect", "pymysql.Connect"),
	methods("AL207", "pymysql", "aiomysql", "pymysql.Connection", "commit", "rollback", "ping", "select_db", "query"),
	methods("AL207", "pymysql", "aiomysql", "pymysql.Cursor",
		"execute", "executemany", "callproc", "fetchone", "fetchmany", "fetchall"),
	calls("AL207", "mysqlclient", "aiomysql", "MySQLdb.connect", "MySQLdb.Connect"),
	methods("AL207", "mysqlclient", "aiomysql", "MySQLdb.Connection", "commit", "rollback", "ping", "select_db", "query"),
	methods("AL207", "mysqlclient", "aiomysql", "MySQLdb.Cursor",
		"execute", "executemany", "callproc", "fetchone", "fetchmany", "fetchall"),
	methods("AL207", "redis", "redis.asyncio", "redis.Redis",
		"get", "set", "setex", "setnx", "getset", "mget", "mset", "delete", "exists", "expire",
		"ttl", "incr", "incrby", "decr", "decrby", "append", "hget", "hset", "hgetall", "hmget",
		"hmset", "hdel", "hexists", "hincrby", "hkeys", "hvals", "hlen", "lpush", "rpush", "lpop",
		"rpop", "lrange", "llen", "blpop", "brpop", "sadd", "srem", "smembers", "sismember",
		"scard", "zadd", "zrange", "zrangebyscore", "zrem", "zscore", "zcard", "zincrby",
		"publish", "keys", "scan", "scan_iter", "flushdb", "flushall", "ping", "info",
		"execute_command", "xadd", "xread", "xreadgroup", "eval", "evalsha"),
	methods("AL207", "redis", "redis.asyncio", "redis.client.Pipeline", "execute"),
	methods("AL207", "pymongo", "motor", "pymongo.MongoClient",
		"list_database_names", "server_info", "drop_database"),
	methods("AL207", "pymongo", "motor", "pymongo.database.Database",
		"command", "list_collection_names", "drop_collection", "create_collection"),
	methods("AL207", "pymongo", "motor", "pymongo.collection.Collection",
		"find", "find_one", "insert_one", "insert_many", "update_one", "update_many",
		"replace_one", "delete_one", "delete_many", "count_documents",
		"estimated_document_count", "aggregate", "distinct", "find_one_and_update",
		"find_one_and_delete", "find_one_and_replace", "bulk_write", "create_index", "drop"),

	// AL208: waits on threads and synchronous primitives.
	nonBlockingWith("blocking", methods("AL208", "stdlib", "asyncio.Lock", "threading.Lock", "acquire")),
	nonBlockingWith("blocking", methods("AL208", "stdlib", "asyncio.Lock", "threading.RLock", "acquire")),
	nonBlockingWith("blocking", methods("AL208", "stdlib", "asyncio.Semaphore", "threading.Semaphore", "acquire")),
	methods("AL208", "stdlib", "asyncio.Event", "threading.Event", "wait"),
	methods("AL208", "stdlib", "asyncio.Condition", "threading.Condition", "wait", "wait_for"),
	nonBlockingWith("blocking", methods("AL208", "stdlib", "asyncio.Condition", "threading.Condition", "acquire")),
	methods("AL208", "stdlib", "asyncio.Barrier", "threading.Barrier", "wait"),
	methods("AL208", "stdlib", "await asyncio.to_thread(thread.join)", "threading.Thread", "join"),
	nonBlockingWith("block", methods("AL208", "stdlib", "asyncio.Queue", "queue.Queue", "get", "put")),
	methods("AL208", "stdlib", "asyncio.Queue", "queue.Queue", "join"),
	methods("AL208", "stdlib", "asyncio.wrap_future or loop.run_in_executor", "concurrent.futures.Future", "result", "exception"),
	calls("AL208", "stdlib", "asyncio.wait or asyncio.as_completed on wrapped futures",
		"concurrent.futures.wait", "concurrent.futures.as_completed"),
	methods("AL208", "stdlib", "loop.run_in_executor", "concurrent.futures.Executor", "map", "shutdown"),
	methods("AL208", "stdlib", "await asyncio.to_thread(process.join)", "multiprocessing.Process", "join"),
	methods("AL208", "stdlib", "loop.run_in_executor", "multiprocessing.pool.Pool",
		"join", "map", "starmap", "apply"),
	nonBlockingWith("block", methods("AL208", "stdlib", "asyncio.Queue", "multiprocessing.Queue", "get", "put")),
)

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
func calls(code, library, replacement string, names ...string) []blockingAPI {
	rows := make([]blockingAPI, len(names))
	for i, n := range names {
		rows[i] = blockingAPI{library: library, name: n, code: code, replacement: replacement}
	}
	return rows
}

// methods lists methods of a type.
func methods(code, library, replacement, typ string, names ...string) []blockingAPI {
	rows := calls(code, library, replacement, names...)
	for i := range rows {
		rows[i].name, rows[i].method = typ+"."+rows[i].name, true
	}
	return rows
}

// noFix marks rows whose calls cannot be moved to a thread as they are:
// the file object open returns would still be read on the loop.
func noFix(rows []blockingAPI) []blockingAPI {
	for i := range rows {
		rows[i].noFix = true
	}
	return rows
}

// nonBlockingWith marks rows whose call does not block when the keyword
// argument (or the first positional argument) is False.
func nonBlockingWith(keyword string, rows []blockingAPI) []blockingAPI {
	for i := range rows {
		rows[i].nonBlocking = keyword
	}
	return rows
}
