import asyncio


async def job(n): ...


async def dropped_inside_expressions(flag, items):
    x = 1 if asyncio.create_task(job(1)) else 2  # want: AL401 "discarded"
    [asyncio.create_task(job(2))]  # want: AL401
    asyncio.create_task(job(3)), asyncio.create_task(job(4))  # want: AL401 AL401
    {"a": asyncio.ensure_future(job(5))}  # want: AL401
    [asyncio.create_task(job(n)) for n in items]  # want: AL401
    gen = (n for n in items if asyncio.create_task(job(n)))  # want: AL401
    flag or asyncio.create_task(job(6))  # want: AL401
    if asyncio.create_task(job(7)):  # want: AL401
        pass
    with asyncio.create_task(job(8)) as task:  # want: AL401
        print(task)
    return x, gen


async def kept_inside_expressions(flag, items, registry):
    chosen = asyncio.create_task(job(1)) if flag else None
    pair = [asyncio.create_task(job(2)), asyncio.create_task(job(3))]
    mapping = {n: asyncio.create_task(job(n)) for n in items}
    either = flag or asyncio.create_task(job(4))
    registry.extend([asyncio.create_task(job(5))])
    return chosen, pair, mapping, either


async def gathered(coros):
    asyncio.gather(*coros)  # want: AL401 "the future `asyncio.gather` returns is discarded"
    asyncio.shield(job(1))  # want: AL401 "asyncio.shield"
    results = asyncio.gather(job(2), job(3))  # want: AL401 "kept in `results`, which is never used"
    await asyncio.gather(*coros)
    await asyncio.shield(job(4))
    pending = asyncio.gather(job(5))
    pending.add_done_callback(print)
    return asyncio.gather(job(6))


def gathered_outside_a_coroutine(loop):
    future = asyncio.gather(job(1))
    return loop.run_until_complete(future)
