"""@types.coroutine traps: a plain yield hands a value to the event loop."""
import types
from types import coroutine


@types.coroutine
def sleep0():
    # asyncio's own __sleep0.
    yield


@coroutine
def async_yield(value):
    # trio's _traps.py: the value goes to the run loop, the answer comes back.
    return (yield value)


@types.coroutine
def trap_then_delegate(awaitable):
    yield
    return (yield from awaitable)


@types.coroutine
def wraps_awaitable(awaitable):
    # Not a generator: types.coroutine wraps the returned generator.
    return awaitable.__await__()


@types.coroutine  # want: AL501 "`@types.coroutine`"
def delegates(awaitable):
    return (yield from awaitable)


class Loop:
    @types.coroutine
    def trap(self):
        def inner():
            yield from ()

        result = yield self
        return result, inner
