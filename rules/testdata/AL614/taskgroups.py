import asyncio

import anyio
import trio
from trio import open_nursery


async def serve(port): ...


async def serve_with(group, port): ...


async def trio_one_task():
    async with trio.open_nursery() as nursery:  # want: AL614 "this nursery only runs one task"
        nursery.start_soon(serve, 8080)
    async with open_nursery() as nursery:  # want: AL614
        await nursery.start(serve, 8080)
    async with trio.open_nursery() as nursery:  # want: AL614 "starts no task"
        pass


async def anyio_one_task():
    async with anyio.create_task_group() as tg:  # want: AL614 "this task group only runs one task"
        tg.start_soon(serve, 8080)


async def local_task_without_group():
    async def worker():
        await serve(8080)

    async with anyio.create_task_group() as tg:  # want: AL614 "this task group only runs one task"
        tg.start_soon(worker)


async def asyncio_one_task():
    async with asyncio.TaskGroup() as tg:  # want: AL614 "this TaskGroup only runs one task"
        tg.create_task(serve(8080))


async def useful():
    async with trio.open_nursery() as nursery:
        nursery.start_soon(serve, 8080)
        nursery.start_soon(serve, 8081)
    async with trio.open_nursery() as nursery:
        nursery.start_soon(serve_with, nursery, 8080)
    async with anyio.create_task_group() as tg:
        tg.start_soon(serve_with, tg.cancel_scope, 8080)
    async with asyncio.TaskGroup() as tg:
        task = tg.create_task(serve(8080))
    print(task.result())
    async with trio.open_nursery() as nursery:
        nursery.start_soon(serve, 8080)
        await trio.sleep(1)
        nursery.cancel_scope.cancel()
    async with asyncio.TaskGroup() as tg:
        tg.start_soon(serve, 8080)


async def starter_starts_more():
    async def starter():
        tg.start_soon(serve, 8081)
        await serve(8080)

    async with anyio.create_task_group() as tg:
        tg.start_soon(starter)

    async def spawner():
        tg.create_task(serve(8081))

    async with asyncio.TaskGroup() as tg:
        tg.create_task(spawner())


async def recursive(depth):
    if depth == 0:
        return
    async with anyio.create_task_group() as tg:  # want: AL614 "this task group only runs one task"
        tg.start_soon(recursive, depth - 1)
