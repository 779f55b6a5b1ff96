"""Waits that return at once: a lock nobody else has yet, a thread that said it is done."""
import asyncio
import threading

guard = threading.Lock()


class Locks:
    def __init__(self):
        self._locks = {}

    async def acquire(self, key):
        lock = threading.Lock()
        lock.acquire()
        self._locks[key] = lock
        await asyncio.sleep(0)

    async def acquire_shared(self, key):
        lock = threading.Lock()
        self._locks[key] = lock
        lock.acquire()  # want: AL208 "use `asyncio.Lock`"
        await asyncio.sleep(0)

    async def acquire_existing(self):
        guard.acquire()  # want: AL208
        await asyncio.sleep(0)


def _do_shutdown(loop, future):
    loop.call_soon_threadsafe(future.set_result, None)


async def shutdown_executor():
    loop = asyncio.get_running_loop()
    future = loop.create_future()
    thread = threading.Thread(target=_do_shutdown, args=(loop, future))
    thread.start()
    try:
        await future
    finally:
        thread.join()


async def signalled_by_event():
    done = asyncio.Event()
    thread = threading.Thread(target=print, kwargs={"done": done})
    thread.start()
    await done.wait()
    thread.join()


async def joined_too_early():
    loop = asyncio.get_running_loop()
    future = loop.create_future()
    thread = threading.Thread(target=_do_shutdown, args=(loop, future))
    thread.start()
    thread.join()  # want: AL208 "use `await asyncio.to_thread(thread.join)`"
    await future


async def awaited_something_else(other):
    thread = threading.Thread(target=print)
    thread.start()
    await other
    thread.join()  # want: AL208
