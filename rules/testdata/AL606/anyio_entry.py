from contextlib import asynccontextmanager

import anyio
from anyio.abc import TaskGroup, TaskStatus


async def listen(port: int, *, task_status: TaskStatus[None] = anyio.TASK_STATUS_IGNORED) -> None:
    listener = await anyio.create_tcp_listener(local_port=port)
    task_status.started()
    await listener.serve(print)


@asynccontextmanager
async def listening(port: int):
    async with anyio.create_task_group() as tg:
        tg.start_soon(listen, port)  # want: AL606 "`tg.start_soon(...)`"
        yield tg


@asynccontextmanager
async def listening_in(task_group: TaskGroup, port: int):
    task_group.start_soon(listen, port)  # want: AL606
    yield
    await anyio.run_process(["true"])


@asynccontextmanager
async def started(port: int):
    async with anyio.create_task_group() as tg:
        await tg.start(listen, port)
        tg.start_soon(anyio.run_process, ["true"])
        yield tg
