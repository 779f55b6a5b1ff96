import asyncio


async def commented(loop):
    queue = asyncio.Queue(loop=loop,  # want: AL505
                          maxsize=1)
    lock = asyncio.Lock(
        loop=loop,  # want: AL505
    )
    event = asyncio.Event(
        loop=loop)  # want: AL505
    return queue, lock, event
