import asyncio


async def fetch(url=None):
    return url


async def never(url):
    c = fetch(url)  # want: AL302 "`c` holds the coroutine `fetch(...)` but is never awaited"
    print(url)


async def discarded():
    _ = fetch()  # want: AL302 "`_ = fetch()` discards the coroutine"


def sync_never():
    c = fetch()  # want: AL302
    annotated: asyncio.Future = fetch()  # want: AL302


async def truth_only():
    c = fetch()  # want: AL302
    if c:  # want: AL303
        print("always")


async def attribute_only():
    c = fetch()  # want: AL302
    print(c.result)  # want: AL306


async def deleted():
    c = fetch()  # want: AL302
    del c


def nested_scope():
    async def inner():
        c = fetch()  # want: AL302
        return None

    c = inner()
    return c


async def receivers():
    queue = asyncio.Queue()
    item = queue.get()  # want: AL302 "`item` holds the coroutine `queue.get()`"
    lock = asyncio.Lock()
    acquired = lock.acquire()  # want: AL302
    return queue, lock


# The value escapes: awaited, returned, yielded, stored or passed on.


async def awaited():
    c = fetch()
    await c


async def rebound():
    c = fetch()
    c = await c
    return c


async def returned():
    c = fetch()
    return c


def yielded():
    c = fetch()
    yield c


async def gathered():
    a = fetch()
    b = fetch()
    await asyncio.gather(a, b)


async def as_task():
    c = fetch()
    task = asyncio.create_task(c)
    await task


async def in_group():
    async with asyncio.TaskGroup() as tg:
        c = fetch()
        tg.create_task(c)


async def stored(holder, items):
    a = fetch()
    b = fetch()
    c = fetch()
    d = fetch()
    items.append(a)
    holder.pending = b
    items[0] = c
    pending = [d]
    await asyncio.wait(pending)


async def closure():
    c = fetch()

    async def inner():
        await c

    await inner()


def callback(loop):
    c = fetch()
    loop.call_soon(lambda: c)


def closed():
    c = fetch()
    c.close()


async def formatted():
    c = fetch()
    print(f"{c}")


async def truth_and_await():
    c = fetch()
    if c:  # want: AL303
        await c


async def maybe(flag):
    c = None
    if flag:
        c = fetch()
    if c is not None:
        await c


async def other_binding_used():
    c = fetch()
    c = None
    return c


async def as_result():
    c = fetch()
    return c or None  # want: AL303


# Not locals of a function.

pending = fetch()


class Holder:
    attr = fetch()


async def global_name():
    global pending
    pending = fetch()


async def chained():
    a = b = fetch()
    await a


async def unpacked():
    a, b = fetch(), fetch()
    return a


async def shadowed(fetch):
    c = fetch()
