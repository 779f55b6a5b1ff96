import asyncio


async def ready():
    return True


async def conditions(items):
    if ready():  # want: AL303 "`ready()` is a coroutine object, which is always true"
        pass
    elif ready():  # want: AL303
        pass
    while not ready():  # want: AL303
        break
    x = 1 if ready() else 2  # want: AL303
    assert ready(), "ready"  # want: AL303
    if items and (ready()):  # want: AL303
        pass
    y = ready() or None  # want: AL303
    print([i for i in items if ready()])  # want: AL303
    print(list(i for i in items if ready()))  # want: AL303
    match items:
        case [first] if ready():  # want: AL303
            print(first)
    if await ready():
        pass
    return x, y


async def not_tests(items):
    a = items and ready()
    b = ready() if items else None
    await asyncio.gather(a, b)


class Service:
    async def healthy(self):
        return True

    async def check(self):
        if self.healthy():  # want: AL303 "self.healthy()"
            pass


async def local():
    c = ready()  # want: AL302
    if c:  # want: AL303 "test the result of awaiting it instead"
        pass


async def local_in_loop():
    c = ready()  # want: AL302
    while c:  # want: AL303
        break


async def local_used_twice():
    c = ready()
    if not c:  # want: AL303
        return None
    return await c


async def local_maybe_none(flag):
    c = None
    if flag:
        c = ready()
    if c:
        await c


def sync_code():
    if ready():  # want: AL303
        pass


check = lambda: ready() and 1  # want: AL303


async def shadowed(ready):
    if ready():
        pass
