import asyncio
import sys


class ConnectionLost(Exception):
    pass


async def work(): ...


async def converted():
    try:
        await work()
    except asyncio.CancelledError:
        raise ConnectionLost("interrupted")  # want: AL619 "`raise ConnectionLost(...)` in a handler of `except asyncio.CancelledError` turns the task's cancellation into an error"


async def converted_from(reader):
    try:
        return await reader.read()
    except asyncio.CancelledError as e:
        raise TimeoutError from e  # want: AL619 "`raise TimeoutError`"


async def bare_except():
    try:
        await work()
    except:
        raise RuntimeError("failed")  # want: AL619 "bare `except:`"


async def base_exception():
    try:
        await work()
    except BaseException as exc:
        sys.stderr.write(f"failed: {exc}")
        raise BaseException("wrapped")  # want: AL619 "`except BaseException`"


async def conditional(closed):
    try:
        await work()
    except asyncio.CancelledError:
        if closed:
            raise OSError("closed")
        raise


async def told_apart():
    try:
        await work()
    except BaseException as exc:
        if isinstance(exc, asyncio.CancelledError):
            raise
        raise ConnectionLost() from exc


async def unconditional_in_block(lock):
    try:
        await work()
    except asyncio.CancelledError:
        with lock:
            sys.stderr.write("cancelled")
            raise ConnectionLost()  # want: AL619


async def reraised():
    try:
        await work()
    except asyncio.CancelledError as e:
        raise e


async def new_cancellation():
    try:
        await work()
    except asyncio.CancelledError:
        raise asyncio.CancelledError("shutting down")


async def after_reraise():
    try:
        await work()
    except asyncio.CancelledError:
        raise
        raise ValueError()


async def cleanup_failure():
    try:
        await work()
    except asyncio.CancelledError:
        try:
            await asyncio.shield(work())
        except OSError as e:
            raise ConnectionLost() from e
        raise


async def nothing_to_cancel(data):
    try:
        value = int(data)
    except BaseException:
        raise ValueError(data)
    return value


async def other_exception():
    try:
        await work()
    except Exception as e:
        raise ConnectionLost() from e


def sync(future):
    try:
        return future.result()
    except asyncio.CancelledError:
        raise ConnectionLost()


async def asks_cancelling():
    try:
        await work()
    except asyncio.CancelledError:
        if asyncio.current_task().cancelling():
            raise
        raise TimeoutError


async def own_task(task):
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        raise ConnectionLost()


async def caught_before():
    try:
        await work()
    except asyncio.CancelledError:
        raise
    except BaseException:
        raise RuntimeError()


async def stream(queue):
    while True:
        try:
            item = await queue.get()
        except asyncio.CancelledError:
            yield None  # want: AL619 "`yield` in a handler of `except asyncio.CancelledError`"
            raise
        yield item
