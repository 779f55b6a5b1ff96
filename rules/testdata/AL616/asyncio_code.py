"""asyncio has no sleep_forever."""

import asyncio
import math


async def wait():
    await asyncio.sleep(math.inf)
    await asyncio.sleep(10**9)
