import asyncio


async def fetch(url): ...


def plain(url): ...


async def literals(a, b):
    await asyncio.wait([fetch(a), fetch(b)])  # want: AL403 "asyncio.wait"
    await asyncio.wait({fetch(a), fetch(b)})  # want: AL403
    await asyncio.wait((fetch(a),), timeout=1)  # want: AL403
    await asyncio.wait(fs=[fetch(a)])  # want: AL403
    await asyncio.wait([  # want: AL403
        fetch(a),
        fetch(b),  # the second
    ])


async def comprehensions(urls):
    await asyncio.wait([fetch(u) for u in urls])  # want: AL403
    await asyncio.wait({fetch(u) for u in urls if u})  # want: AL403
    await asyncio.wait(fetch(u) for u in urls)  # want: AL403
    done, pending = await asyncio.wait((fetch(u) for u in urls), return_when=asyncio.FIRST_COMPLETED)  # want: AL403


async def mixed(a, more):
    task = asyncio.create_task(fetch(a))
    await asyncio.wait([task, fetch(a)])  # want: AL403
    await asyncio.wait([fetch(a), *more])  # want: AL403


async def through_a_name(urls):
    coros = [fetch(u) for u in urls]
    await asyncio.wait(coros)  # want: AL403


async def tasks_are_fine(a, b, urls):
    await asyncio.wait([asyncio.create_task(fetch(a)), asyncio.ensure_future(fetch(b))])
    await asyncio.wait({asyncio.create_task(fetch(u)) for u in urls})
    tasks = [asyncio.create_task(fetch(u)) for u in urls]
    await asyncio.wait(tasks)
    await asyncio.wait([plain(a)])
    await asyncio.gather(fetch(a), fetch(b))
    await asyncio.wait_for(fetch(a), 1)


async def shadowed(a):
    asyncio = Waiter()
    await asyncio.wait([fetch(a)])


class Waiter:
    async def wait(self, fs): ...


async def splatted(coros):
    await asyncio.wait(*coros)


def outside_the_loop(loop, a):
    # The list is built before the loop runs, where create_task would fail.
    loop.run_until_complete(asyncio.wait([fetch(a)]))  # want: AL403


class Service:
    async def ping(self): ...

    async def check(self):
        # A subclass may override ping with a plain function: no fix.
        await asyncio.wait([self.ping()])  # want: AL403
