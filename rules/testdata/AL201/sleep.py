"""Blocking sleeps in coroutines."""
import asyncio
import time
import time as t
from time import sleep
from time import sleep as snooze


async def direct():
    time.sleep(1)  # want: AL201 "`time.sleep` blocks the event loop"
    t.sleep(0.5)  # want: AL201
    sleep(2)  # want: AL201
    snooze(3)  # want: AL201
    value = time.sleep(1) or 0  # want: AL201
    await asyncio.sleep(1)


async def offloaded(loop):
    await asyncio.to_thread(time.sleep, 1)
    await loop.run_in_executor(None, time.sleep, 1)
    callback = lambda: time.sleep(1)

    def helper():
        time.sleep(1)

    return callback, helper


async def shadowed(time):
    time.sleep(1)  # the parameter, not the module


async def shadowed_local():
    sleep = asyncio.sleep
    await sleep(1)


def plain():
    time.sleep(1)


class Worker:
    async def run(self):
        time.sleep(1)  # want: AL201

    def stop(self):
        time.sleep(1)


async def in_comprehension():
    return [time.sleep(x) for x in range(3)]  # want: AL201
