# analysistest: target-version=py310
import asyncio


async def fetch(reader, timeout=None):  # want: AL613 "`asyncio.wait_for(...)`"
    return await asyncio.wait_for(reader.read(), timeout)
