# analysistest: target-version=py310
import asyncio


async def read(reader):
    line = await asyncio.wait_for(reader.readline(), 5)
    await asyncio.wait_for(reader.drain(), 1)
    return line
