import anyio


async def ticks():
    while True:
        yield 1  # want: AL618 "this `yield` can be reached without a checkpoint since the function started"
        await anyio.sleep(1)


async def pairs():  # want: AL618 "`pairs` can end without a checkpoint since the `yield` on line 13"
    await anyio.sleep(1)
    yield 1
    yield 2  # want: AL618 "since the `yield` on line 12"


async def checkpointed():
    await anyio.sleep(1)
    yield 1
    await anyio.sleep(1)


async def in_handler():  # want: AL618 "since the `yield` on line 26"
    try:
        await anyio.sleep(1)
    except OSError:
        yield None  # want: AL618 "since the function started"
