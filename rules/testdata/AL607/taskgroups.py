import asyncio

import anyio
import trio


def condition() -> bool:
    return False


async def trio_return(worker):
    async with trio.open_nursery() as nursery:
        nursery.start_soon(worker)
        if condition():
            return  # want: AL607 "`return` inside `async with trio.open_nursery()` only takes effect once every task of the nursery has finished"
        while condition():
            return  # want: AL607 "`nursery.cancel_scope.cancel()`"
    return


async def loops(worker):
    while True:
        async with anyio.create_task_group() as tg:
            tg.start_soon(worker)
            if condition():
                continue  # want: AL607 "`continue`"
            if condition():
                break  # want: AL607 "`break`"
            for _ in range(3):
                if condition():
                    break
                continue
        if condition():
            continue
        break


async def loop_else(worker):
    for _ in range(3):
        async with trio.open_nursery() as nursery:
            nursery.start_soon(worker)
            for _ in range(3):
                await trio.sleep(1)
            else:
                break  # want: AL607


async def asyncio_group(worker):
    async with asyncio.TaskGroup() as tg:
        task = tg.create_task(worker())
        tg.create_task(worker())
        return await task  # want: AL607 "move it after the block"


async def nested_function(worker):
    async with trio.open_nursery() as nursery:
        nursery.start_soon(worker)

        def callback():
            return 1

        nursery.start_soon(worker, callback)


async def other_context_managers(lock):
    async with lock:
        return 1
