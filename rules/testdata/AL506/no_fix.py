# analysistest: target-version=py312
"""wait_for calls reported without a fix, and calls that are fine."""
import asyncio


async def fetch():
    return 1


async def reported(args, kwargs, ready):
    if ready: await asyncio.wait_for(fetch(), 1)  # want: AL506
    await asyncio.wait_for(fetch(), 1); print("done")  # want: AL506
    await asyncio.wait_for(*args)  # want: AL506
    await asyncio.wait_for(fetch(), **kwargs)  # want: AL506
    await asyncio.wait_for(fut=fetch(), timeout=1)  # want: AL506
    await asyncio.wait_for(fetch(), delay=1)  # want: AL506
    await asyncio.wait_for(  # want: AL506
        # the slow one
        fetch(), 1)


async def fine():
    result = await asyncio.wait_for(fetch(), 1) + 1
    first: int = await asyncio.wait_for(fetch(), 1)
    task = asyncio.wait_for(fetch(), 1)  # want: AL302
    a = b = await asyncio.wait_for(fetch(), 1)
    async with asyncio.timeout(1):
        await fetch()
    return await asyncio.wait_for(fetch(), 1)


def plain():
    return asyncio.wait_for(fetch(), 1)


async def nested():
    async def inner():
        await asyncio.wait_for(fetch(), 1)  # want: AL506

    def sync():
        return lambda: asyncio.wait_for(fetch(), 1)

    return inner, sync


async def shadowed(asyncio):
    await asyncio.wait_for(fetch(), 1)


async def the_one_fixable():
    await asyncio.wait_for(fetch(), 1)  # want: AL506
