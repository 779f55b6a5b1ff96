from typing import Optional

import anyio
import trio
from anyio.abc import TaskStatus


async def never(task_status=trio.TASK_STATUS_IGNORED):  # want: AL610 "`never` takes `task_status` but can return without calling `task_status.started()`"
    await trio.sleep(1)


async def started(task_status=trio.TASK_STATUS_IGNORED):
    task_status.started()
    await trio.sleep_forever()


async def annotated(status: TaskStatus[int]):  # want: AL610 "`status.started()`"
    await anyio.sleep(1)


async def annotated_started(status: TaskStatus[int]):
    status.started(1)
    await anyio.sleep(1)


async def some_branch(ready: bool, *, task_status=trio.TASK_STATUS_IGNORED):  # want: AL610
    if ready:
        task_status.started()
    await trio.sleep_forever()


async def early_return(ready: bool, *, task_status=trio.TASK_STATUS_IGNORED):  # want: AL610
    if not ready:
        return
    task_status.started()
    await trio.sleep_forever()


async def raises_instead(ready: bool, *, task_status=trio.TASK_STATUS_IGNORED):
    if not ready:
        raise RuntimeError("not ready")
    task_status.started()
    await trio.sleep_forever()


async def every_branch(ready: bool, *, task_status=trio.TASK_STATUS_IGNORED):
    if ready:
        task_status.started(True)
    elif ready is None:
        raise ValueError("ready is unknown")
    else:
        task_status.started(False)
    await trio.sleep_forever()


async def loop_may_not_run(items, *, task_status=trio.TASK_STATUS_IGNORED):  # want: AL610
    for item in items:
        task_status.started(item)
        break
    await trio.sleep_forever()


async def forever_loop(stream, *, task_status=trio.TASK_STATUS_IGNORED):
    while True:
        data = await stream.receive_some()
        if data:
            task_status.started(data)
            break
    await trio.sleep_forever()


async def swallowed(stream, *, task_status=trio.TASK_STATUS_IGNORED):  # want: AL610
    try:
        await stream.send_all(b"hello")
        task_status.started()
    except OSError:
        return
    await trio.sleep_forever()


async def started_first(stream, *, task_status=trio.TASK_STATUS_IGNORED):
    try:
        task_status.started()
        await stream.send_all(b"hello")
    except OSError:
        return


async def started_in_finally(stream, *, task_status=trio.TASK_STATUS_IGNORED):
    try:
        await stream.send_all(b"hello")
    finally:
        task_status.started()
    await trio.sleep_forever()


async def handed_on(handler, port, *, task_status=trio.TASK_STATUS_IGNORED):
    await trio.serve_tcp(handler, port, task_status=task_status)


async def optional(stream, task_status: Optional[TaskStatus[int]] = None):
    await stream.send(b"hello")
    if task_status is not None:
        task_status.started(1)
    if task_status:
        task_status.started(2)
    await anyio.sleep_forever()


async def optional_return(stream, task_status: Optional[TaskStatus[int]] = None):
    if task_status is None:
        return
    task_status.started(1)
    await stream.send(b"hello")


async def closure(task_status=trio.TASK_STATUS_IGNORED):
    def ready():
        task_status.started()

    await trio.lowlevel.checkpoint()
    ready()


async def shadowed(task_status=trio.TASK_STATUS_IGNORED):  # want: AL610
    async def inner(task_status=trio.TASK_STATUS_IGNORED):
        task_status.started()

    await inner()


async def not_called(task_status):  # want: AL610
    await trio.lowlevel.checkpoint()
    print(task_status.started)


async def matched(mode, *, task_status=trio.TASK_STATUS_IGNORED):
    match mode:
        case "fast":
            task_status.started("fast")
        case _:
            task_status.started("slow")
    await trio.sleep_forever()


async def matched_partly(mode, *, task_status=trio.TASK_STATUS_IGNORED):  # want: AL610
    match mode:
        case "fast":
            task_status.started("fast")
    await trio.sleep_forever()


class Protocol:
    async def stub(self, *, task_status: TaskStatus[None]) -> None: ...

    async def documented(self, *, task_status: TaskStatus[None]) -> None:
        """Serve until cancelled."""

    async def abstract(self, *, task_status: TaskStatus[None]) -> None:
        raise NotImplementedError


async def positional_only(task_status, /):
    await trio.lowlevel.checkpoint()


def sync_function(task_status):
    return task_status
