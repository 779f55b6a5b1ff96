import asyncio


async def work(): ...


async def spins():
    while True:  # want: AL612 "this loop never ends by itself, and some paths through its body do not await"
        pass


async def awaits():
    while True:
        await work()


async def sometimes(flag):
    while True:  # want: AL612 "`await asyncio.sleep(0)` at least"
        if flag():
            await work()


async def skips(queue):
    while 1:  # want: AL612
        if queue.empty():
            continue
        await work()


async def breaks(flag):
    while True:
        if flag():
            break


async def returns(flag):
    while True:  # want: AL612
        if flag():
            await work()
            return


async def raises(flag):
    while True:
        if flag():
            raise RuntimeError
        await work()


async def nested():
    while True:
        while True:  # want: AL612
            pass


async def conditional(flag):
    while True:  # want: AL612
        if flag():
            while True:  # want: AL612
                pass


async def until(flag):
    while flag():
        pass


async def iterates(source):
    while True:
        async for _ in source:
            pass


async def enters(lock):
    while True:
        async with lock:
            pass


async def swallows(queue):
    while True:
        try:
            job = await queue.get()
        except asyncio.CancelledError:  # want: AL402
            continue
        await job


async def handles(queue):
    while True:
        try:
            job = await queue.get()
            await job
        except ValueError:
            pass


async def retries(reader, parse, buffer):
    while True:
        try:
            size = parse(buffer)
            await reader.read(size)
        except ValueError:
            continue


async def parses(parse, buffer):
    while True:  # want: AL612
        try:
            parse(buffer)
        except ValueError:
            continue


async def drains(queue, handle):
    while True:
        try:
            item = queue.get_nowait()
        except asyncio.QueueEmpty:
            return
        handle(item)


async def drains_until_raised(sock):
    try:
        while True:
            sock.send(b"x")
    except BlockingIOError:
        pass


async def polls(state):
    while True:  # want: AL612
        if state.done:
            return


def sync():
    while True:
        pass


async def cycle(items):
    saved = []
    async for item in items:
        saved.append(item)
        yield item
    if not saved:
        return
    while True:
        for item in saved:
            await asyncio.sleep(0)
            yield item


async def cycle_unchecked(items):
    saved = [item async for item in items]
    while True:  # want: AL612
        for item in saved:
            await asyncio.sleep(0)
            yield item


async def cycle_emptied(items):
    saved = [item async for item in items]
    if not saved:
        return
    while True:  # want: AL612
        for item in saved:
            await asyncio.sleep(0)
            yield saved.pop()


async def cycle_rebound(items, more):
    saved = [item async for item in items]
    if not saved:
        return
    while True:  # want: AL612
        for item in saved:
            await asyncio.sleep(0)
            yield item
        saved = more()
