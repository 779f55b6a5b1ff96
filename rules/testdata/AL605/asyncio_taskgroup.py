import asyncio


async def process(response): ...


async def fetch_all(session, urls):
    async with asyncio.TaskGroup() as tg:
        for url in urls:
            async with session.get(url) as response:
                tg.create_task(process(response))  # want: AL605 "inside the TaskGroup opened on line 8"


async def fetch_all_inside(session, urls):
    for url in urls:
        async with session.get(url) as response:
            async with asyncio.TaskGroup() as tg:
                tg.create_task(process(response))
                tg.create_task(process(url))
