"""Legacy coroutines the fix leaves alone."""
import asyncio
import types


@asyncio.coroutine  # want: AL501
def mixed(fut):
    value = yield from fut
    yield value


@asyncio.coroutine  # want: AL501
def not_a_generator():
    return 1


@asyncio.coroutine  # want: AL501
async def already_async():
    return 1


@asyncio.coroutine  # want: AL501
@types.coroutine
def twice():
    yield


@asyncio.coroutine  # want: AL501
def the_one_fixable():
    yield from asyncio.sleep(0)


@asyncio.coroutine  # want: AL501
def iterates():
    yield from [1, 2]
    yield from range(3)


@asyncio.coroutine  # want: AL501
def empty_value():
    value = yield from []
    return value
