"""Generator-based coroutines."""
import asyncio
import asyncio as aio
import types
from asyncio import coroutine


@asyncio.coroutine  # want: AL501 "`@asyncio.coroutine` was removed in Python 3.11"
def fetch(reader):
    line = yield from reader.readline()
    yield from asyncio.sleep(1)
    return line


@coroutine  # want: AL501 "`@asyncio.coroutine`"
def imported(future):
    yield from future or other
    return (yield from future)


@aio.coroutine  # want: AL501 "write `async def`"
def aliased(queue):
    item = yield from queue.get()

    def helper():
        yield from range(3)

    gen = lambda: (yield from range(3))
    return item, helper, gen


@types.coroutine  # want: AL501 "`@types.coroutine` still works but makes a legacy generator-based coroutine"
def low_level():
    yield from asyncio.sleep(0)


class Client:
    @property
    @asyncio.coroutine  # want: AL501
    def ready(self):
        return (yield from self.ping())

    @asyncio.coroutine  # want: AL501
    @staticmethod
    def build():
        yield from asyncio.sleep(0)


def plain_generator():
    yield from range(3)


@other.coroutine
def unrelated():
    yield from range(3)


def shadowed():
    asyncio = make_namespace()

    @asyncio.coroutine
    def inner():
        yield from range(3)

    return inner


@asyncio.coroutine  # want: AL501
def empty():
    yield from []
    if ready:
        yield from ()
