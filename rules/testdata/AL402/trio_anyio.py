import anyio
import trio

Cancelled = anyio.get_cancelled_exc_class()


async def work(): ...


async def trio_swallowed():
    try:
        await work()
    except trio.Cancelled:  # want: AL402 "`except trio.Cancelled`"
        pass


async def trio_reraised():
    try:
        await work()
    except trio.Cancelled:
        raise


async def anyio_swallowed():
    try:
        await work()
    except anyio.get_cancelled_exc_class():  # want: AL402 "anyio.get_cancelled_exc_class()"
        pass


async def anyio_through_a_name():
    try:
        await work()
    except Cancelled:  # want: AL402 "`except Cancelled`"
        pass


async def anyio_reraised():
    try:
        await work()
    except anyio.get_cancelled_exc_class():
        raise


async def exception_groups():
    try:
        await work()
    except* trio.Cancelled:  # want: AL402
        pass
    try:
        await work()
    except* ValueError:
        pass
