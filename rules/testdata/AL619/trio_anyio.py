import anyio
import trio


async def work(): ...


async def trio_converted():
    try:
        await work()
    except trio.Cancelled:
        raise RuntimeError("stopped")  # want: AL619 "`except trio.Cancelled`"


async def anyio_converted():
    try:
        async with anyio.create_task_group() as tg:  # want: AL614
            tg.start_soon(work)
    except anyio.get_cancelled_exc_class():
        raise RuntimeError("stopped")  # want: AL619 "anyio.get_cancelled_exc_class()"


async def anyio_generator():
    try:
        await work()
    except anyio.get_cancelled_exc_class():
        yield "cancelled"  # want: AL619 "`yield`"
        raise


async def anyio_internal(process):
    try:
        await work()
    except (OSError, anyio.get_cancelled_exc_class()):
        raise
    except BaseException as exc:
        process.kill()
        raise RuntimeError("worker failed") from exc
