import asyncio as aio


async def fetch(url): ...


async def main(urls):
    await aio.wait([fetch(u) for u in urls])  # want: AL403
    await aio.wait(fetch(u) for u in urls)  # want: AL403
