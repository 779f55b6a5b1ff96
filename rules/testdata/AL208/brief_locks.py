import asyncio
import threading

# Every hold of counts_lock updates a dict: a coroutine waits at most for
# that, and the lock keeps the worker threads out, which an asyncio lock
# would not.
counts_lock = threading.Lock()
counts = {}


async def count(name):
    with counts_lock:
        counts[name] = counts.get(name, 0) + 1


def count_in_thread(name):
    with counts_lock:
        counts[name] = counts.get(name, 0) + 1


def reset():
    if counts_lock.locked():
        return
    with (counts_lock):
        counts.clear()


# A worker thread reads a file while it holds cache_lock.
cache_lock = threading.Lock()
cache = {}


def reload(path):
    with cache_lock:
        with open(path) as f:
            cache["data"] = f.read()


async def lookup(key):
    with cache_lock:  # want: AL208 "`with` on a `threading.Lock`"
        return cache.get(key)


# A coroutine holds held_lock across an await.
held_lock = threading.Lock()


async def hold_across_await():
    with held_lock:  # want: AL208 "`with` on a `threading.Lock`"
        await asyncio.sleep(1)


async def quick():
    with held_lock:  # want: AL208 "`with` on a `threading.Lock`"
        pass


# acquire() may hold shared_lock across anything, and the condition holds
# it for as long as its users do.
shared_lock = threading.Lock()
ready = threading.Condition(shared_lock)


def take():
    shared_lock.acquire()


async def peek():
    with shared_lock:  # want: AL208 "`with` on a `threading.Lock`"
        pass


# Another lock taken under outer_lock may be held by a slow thread;
# inner_lock itself is only ever held for a pass.
outer_lock = threading.Lock()
inner_lock = threading.Lock()


async def nested():
    with outer_lock:  # want: AL208 "`with` on a `threading.Lock`"
        with inner_lock:
            pass


# Made on first use, and only ever held for a counter.
metrics_lock: threading.Lock | None = None
metrics = {}


async def bump(key):
    global metrics_lock
    if metrics_lock is None:
        metrics_lock = threading.Lock()
    with metrics_lock:
        metrics[key] = metrics.get(key, 0) + 1


# A lock from elsewhere may be held by code this module does not show.
async def given(lock: threading.Lock):
    with lock:  # want: AL208 "`with` on a `threading.Lock`"
        pass
