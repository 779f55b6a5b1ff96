import asyncio
import contextlib


async def ticks():
    async with asyncio.TaskGroup():
        yield 1  # want: AL602 "`asyncio.TaskGroup()`" AL604


async def timed_ticks():
    async with asyncio.timeout(10):
        yield 1  # want: AL602 "`asyncio.timeout(...)`" AL604


@contextlib.asynccontextmanager
async def group():
    async with asyncio.TaskGroup() as tg:
        yield tg
