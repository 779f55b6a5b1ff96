"""asyncio promises no checkpoint in every async function."""

import asyncio


async def helper(value):
    return value


async def loop(queue):
    while True:
        await queue.get()
