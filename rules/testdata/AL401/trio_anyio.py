import anyio
import trio


async def job(): ...


async def trio_code():
    async with trio.open_nursery() as nursery:  # want: AL614
        nursery.start_soon(job)


async def anyio_code():
    async with anyio.create_task_group() as tg:  # want: AL614
        tg.start_soon(job)
