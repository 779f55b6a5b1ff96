"""asyncio has no lowlevel.checkpoint: sleep(0) is its idiom."""

import asyncio


async def tick():
    await asyncio.sleep(0)


async def sleep(seconds):
    await asyncio.sleep(seconds)


async def local():
    await sleep(0)
