import contextlib
import functools
from typing import overload


async def work(): ...


async def prints():  # want: AL617 "`prints` is an `async def` that never awaits"
    print("hello")


async def conditional_await(flag):
    if flag:
        await work()


async def gen():  # want: AL617
    yield 1


async def uses_async_with():
    async with contextlib.AsyncExitStack():
        pass


async def uses_async_for():
    async for _ in gen():
        pass


async def async_comprehension():
    return [x async for x in gen()]


async def nested():  # want: AL617
    async def inner():
        await work()

    return inner


async def default_value():
    def callback(value=await work()):
        return value

    return callback


async def lazy_generator():  # want: AL617
    return (await x async for x in gen())


async def eager_iterable():
    return (x for x in await work())


async def stub():
    """Overridden elsewhere."""
    ...


async def not_implemented():
    raise NotImplementedError


@overload
async def typed(x: int) -> int: ...


@overload
async def typed(x: str) -> str: ...


async def typed(x):
    await work()
    return x


@functools.cache
async def decorated():
    return 1


class Handler:
    async def handle(self, request):
        return request

    @staticmethod
    async def static():
        return 1

    async def outer(self):
        async def callback():  # want: AL617
            print("called")

        await work()
        return callback


def sync():
    async def closure():  # want: AL617
        return 1

    return closure
