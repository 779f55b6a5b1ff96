import asyncio


async def pause():
    # noqa: AL201  # want: AL901
    await asyncio.sleep(1)
