import asyncio


def schedule(coro):
    return asyncio.async(coro)  # want: AL505 "`asyncio.async()` is a SyntaxError since Python 3.7"
