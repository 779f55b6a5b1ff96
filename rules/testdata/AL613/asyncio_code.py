# analysistest: target-version=py311
import asyncio


async def fetch(reader, timeout=None):  # want: AL613 "`async with asyncio.timeout(...)`"
    return await reader.read()
