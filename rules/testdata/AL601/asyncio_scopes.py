import asyncio


async def no_checkpoint(queue: asyncio.Queue):
    async with asyncio.timeout(1):  # want: AL601 "add a checkpoint such as `await asyncio.sleep(0)`"
        queue.put_nowait(1)
    async with asyncio.timeout_at(asyncio.get_running_loop().time() + 1):  # want: AL601
        queue.put_nowait(1)
    async with asyncio.timeout(1), asyncio.TaskGroup():  # want: AL601
        queue.put_nowait(1)


async def checkpoints(queue: asyncio.Queue, lock: asyncio.Lock):
    async with asyncio.timeout(1):
        await queue.put(1)
    async with asyncio.timeout(1), lock:
        queue.put_nowait(1)
    async with asyncio.timeout(1), asyncio.TaskGroup() as tg:
        tg.create_task(queue.put(1))
        tg.create_task(queue.put(2))
