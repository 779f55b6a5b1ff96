# analysistest: target-version=py311
"""asyncio.wait_for awaited in place."""
import asyncio
import asyncio as aio
from asyncio import wait_for


async def fetch(*args):
    return args


async def read(reader, other):
    line = await asyncio.wait_for(reader.readline(), 5)  # want: AL506 "write `async with asyncio.timeout(...)`"
    await asyncio.wait_for(reader.drain(), timeout=1.5)  # want: AL506
    data = await aio.wait_for(reader.read(100), timeout=7)  # want: AL506 "before 3.12, `wait_for` with a timeout runs a coroutine in a separate task"
    # No timeout: wait_for only awaits.
    await asyncio.wait_for(reader.drain(), None)
    await asyncio.wait_for(reader.drain(), timeout=None)
    value = await wait_for(fetch() or other(), 2)  # want: AL506 AL303
    if line:
        reader.value = await asyncio.wait_for(fetch(), 2)  # trailing comment  # want: AL506
        await asyncio.wait_for(fetch(  # want: AL506
            1,
        ), timeout=3)
    return line, data, value


class Client:
    async def ping(self):
        for _ in range(3):
            self.pong = await asyncio.wait_for(self.send("ping"), self.timeout)  # want: AL506
