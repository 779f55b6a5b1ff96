import asyncio
from contextlib import asynccontextmanager


async def serve(port, *, task_status=None):
    await asyncio.sleep(port)
    if task_status is not None:
        task_status.started()


@asynccontextmanager
async def serving(port):
    # asyncio's TaskGroup has no start(): nothing to use instead.
    async with asyncio.TaskGroup() as tg:
        tg.create_task(serve(port))
        yield tg
