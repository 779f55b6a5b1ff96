import contextlib

import trio


async def fetch(cache, key):
    if key in cache:
        return cache[key]  # want: AL618 "this `return` can be reached without a checkpoint since the function started"
    await trio.sleep(1)
    return key


async def prints():  # want: AL618 "`prints` can end without a checkpoint since the function started"
    print("hello")


async def both_branches(flag):
    if flag:
        await trio.sleep(1)
    else:
        await trio.sleep(2)


async def one_branch(flag):  # want: AL618
    if flag:
        await trio.sleep(1)


async def elif_branches(flag):  # want: AL618
    if flag == 1:
        await trio.sleep(1)
    elif flag == 2:
        pass
    else:
        await trio.sleep(2)


async def short_circuit(flag):
    return flag and await trio.sleep(1)  # want: AL618


async def raises():
    raise ValueError


async def loop_may_not_run(items):  # want: AL618
    for _ in items:
        await trio.sleep(0.1)


async def loop_runs(items):
    for _ in range(3):
        await trio.sleep(0.1)


async def loop_else(items):
    for _ in items:
        await trio.sleep(0.1)
    else:
        await trio.sleep(0.1)


async def loop_break(flag):  # want: AL618
    while flag():
        break
    else:
        await trio.sleep(1)


async def forever(flag):
    while True:  # want: AL612
        if flag():
            await trio.sleep(1)
            return


async def handler_swallows():  # want: AL618
    try:
        await trio.sleep(1)
    except ValueError:
        pass


async def handler_awaits():
    try:
        await trio.sleep(1)
    except ValueError:
        await trio.sleep(1)


async def handler_raises():
    try:
        await trio.sleep(1)
    except ValueError:
        raise


async def finally_awaits():
    try:
        pass
    finally:
        await trio.sleep(1)  # want: AL603


async def suppressed():  # want: AL618
    with contextlib.suppress(KeyError):
        await trio.sleep(1)


async def nursery(job):
    async with trio.open_nursery():  # want: AL614
        pass


async def nursery_starts(job):
    async with trio.open_nursery() as nursery:  # want: AL614
        nursery.start_soon(job)


async def enters(lock):
    async with lock:
        pass


async def iterates(source):
    async for _ in source:
        pass


def sync():
    return 1


async def stub():
    """Implemented by subclasses."""


class Connection(trio.abc.AsyncResource):
    async def __aenter__(self):
        return self

    async def aclose(self):  # want: AL618
        print("closed")


class Fast:
    async def __aenter__(self):
        await trio.sleep(0.1)
        return self

    async def __aexit__(self, *exc):
        return None


class Neither:
    async def __aenter__(self):
        return self  # want: AL618

    async def __aexit__(self, *exc):
        return None


async def match_all(value):
    match value:
        case 1:
            await trio.sleep(1)
        case _:
            await trio.sleep(2)


async def match_some(value):  # want: AL618
    match value:
        case 1:
            await trio.sleep(1)
