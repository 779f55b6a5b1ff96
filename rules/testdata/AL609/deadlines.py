import asyncio
import math

import anyio
import trio

DEADLINE = 10


async def constant_deadlines(stream):
    with trio.fail_at(5):  # want: AL609 "`5` is an absolute deadline on trio's clock"
        await stream.send_all(b"ping")
    with trio.move_on_at(deadline=10**3):  # want: AL609 "use `trio.move_on_after(10**3)`"
        await stream.send_all(b"ping")
    with trio.CancelScope(shield=True, deadline=7):  # want: AL609
        await stream.send_all(b"ping")
    with anyio.fail_at(2 * 60 + 1.5):  # want: AL609 "`anyio.current_time()`"
        await stream.send_all(b"ping")
    with anyio.CancelScope(deadline=-1):  # want: AL609
        await stream.send_all(b"ping")
    async with asyncio.timeout_at(10):  # want: AL609 "use `asyncio.timeout(10)`"
        await stream.send_all(b"ping")


async def relative_deadlines(stream):
    with trio.fail_after(5):
        await stream.send_all(b"ping")
    with trio.fail_at(trio.current_time() + 5):
        await stream.send_all(b"ping")
    with trio.CancelScope(relative_deadline=7):
        await stream.send_all(b"ping")
    with anyio.CancelScope(deadline=math.inf):
        await stream.send_all(b"ping")
    with trio.move_on_at(DEADLINE):
        await stream.send_all(b"ping")
    async with asyncio.timeout_at(asyncio.get_running_loop().time() + 10):
        await stream.send_all(b"ping")
    async with asyncio.timeout_at(None):
        await stream.send_all(b"ping")
