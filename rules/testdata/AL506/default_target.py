import asyncio


async def read(reader):
    await asyncio.wait_for(reader.drain(), 1)
