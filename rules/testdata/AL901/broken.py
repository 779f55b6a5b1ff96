import asyncio


async def pause():
    await asyncio.sleep(1)  # noqa: AL201
    x = (
