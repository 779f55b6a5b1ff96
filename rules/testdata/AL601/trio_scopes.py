import contextlib

import trio
from trio import move_on_after as move_on


def compute() -> int:
    return 1


async def no_checkpoint():
    with trio.move_on_after(10):  # want: AL601 "the timeout can only fire at a checkpoint"
        compute()
    with trio.fail_at(trio.current_time() + 10):  # want: AL601 "`trio.fail_at(...)`"
        compute()
    with trio.CancelScope():  # want: AL601 "the scope can only be cancelled"
        compute()
    with move_on(1):  # want: AL601 "`move_on(...)`"
        compute()


async def checkpoints(receive_channel, send_channel):
    with trio.move_on_after(10):
        await trio.sleep(1)
    with trio.fail_after(10):
        async for _ in receive_channel:
            compute()
    with trio.fail_after(10):
        async with send_channel:
            compute()
    with trio.fail_after(10):
        if compute():
            await trio.lowlevel.checkpoint()
    with trio.fail_after(10):
        values = [value async for value in receive_channel]
        print(values)


async def nested_scopes():
    with trio.fail_after(1):  # want: AL601 "`trio.fail_after(...)`"
        with trio.CancelScope():  # want: AL601 "`trio.CancelScope()`"
            compute()
    with trio.fail_after(1):
        with trio.CancelScope():
            await trio.sleep(1)


async def nested_function():
    with trio.move_on_after(10):  # want: AL601
        async def later():
            await trio.sleep(1)

        print(later)


async def nurseries(worker):
    with trio.CancelScope():  # want: AL601
        async with trio.open_nursery():
            compute()
    with trio.CancelScope():
        async with trio.open_nursery() as nursery:
            nursery.start_soon(worker)
            nursery.start_soon(worker)
    async with trio.open_nursery() as nursery:
        with trio.CancelScope():  # want: AL601
            nursery.start_soon(worker)


@contextlib.asynccontextmanager
async def generator():
    with trio.fail_after(1):
        yield


@contextlib.contextmanager
def sync_generator():
    with trio.move_on_after(1) as scope:
        yield scope


with trio.move_on_after(10):  # want: AL601
    compute()
