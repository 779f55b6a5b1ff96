import asyncio
from asyncio import create_task, ensure_future

background = set()


async def job(n): ...


async def discarded():
    asyncio.create_task(job(1))  # want: AL401 "discarded"
    asyncio.ensure_future(job(2))  # want: AL401 "asyncio.ensure_future"
    create_task(job(3))  # want: AL401 "create_task"
    ensure_future(job(4))  # want: AL401
    (asyncio.create_task(job(5)))  # want: AL401


async def never_used():
    task = asyncio.create_task(job(1))  # want: AL401 "kept in `task`, which is never used"
    annotated: asyncio.Task = asyncio.create_task(job(2))  # want: AL401 "`annotated`"
    del task


def sync_callback():
    asyncio.ensure_future(job(1))  # want: AL401


async def kept_in_a_set():
    task = asyncio.create_task(job(1))
    background.add(task)
    task.add_done_callback(background.discard)
    background.add(asyncio.create_task(job(2)))
    tasks = [asyncio.create_task(job(n)) for n in range(3)]
    return tasks


async def done_callback():
    task = asyncio.create_task(job(1))
    task.add_done_callback(lambda t: t.result())


async def awaited():
    task = asyncio.create_task(job(1))
    await asyncio.sleep(0)
    await task
    await asyncio.create_task(job(2))


async def returned():
    return asyncio.create_task(job(1))


async def passed_on(registry):
    task = asyncio.ensure_future(job(1))
    registry.track(task)


async def stored(self):
    self.task = asyncio.create_task(job(1))
    first, second = asyncio.create_task(job(2)), asyncio.create_task(job(3))
    results = {}
    results["a"] = asyncio.create_task(job(4))


async def used_in_closure():
    task = asyncio.create_task(job(1))

    def cancel():
        task.cancel()

    return cancel


async def chained():
    a = b = asyncio.create_task(job(1))
    return a


current = None


async def global_name():
    global current
    current = asyncio.create_task(job(1))


module_task = asyncio.ensure_future(job(1))


async def reassigned_and_used():
    task = asyncio.create_task(job(1))
    task = asyncio.create_task(job(2))
    await task


async def attribute_and_keyword_are_not_uses(obj):
    task = asyncio.create_task(job(1))  # want: AL401
    obj.task = None
    obj.run(task=None)


async def in_lambda(loop):
    loop.call_soon(lambda: asyncio.create_task(job(1)))
