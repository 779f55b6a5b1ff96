import anyio
import trio


async def structured(limit: trio.CapacityLimiter, fn):
    with trio.open_nursery() as nursery:  # want: AL304 "trio.open_nursery()" AL614
        nursery.start_soon(fn)
    with anyio.create_task_group() as tg:  # want: AL304 AL614
        tg.start_soon(fn)
    with limit:  # want: AL304 "`limit` is an async context manager"
        pass
    with anyio.to_thread.current_default_thread_limiter():  # want: AL304
        pass
    with trio.move_on_after(1):  # want: AL601
        pass
    with anyio.CancelScope():  # want: AL601
        pass
