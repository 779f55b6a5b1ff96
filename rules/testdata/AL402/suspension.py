"""Handlers whose try has no point where a cancellation arrives."""
import asyncio
import contextlib


async def work(): ...


async def result_of_a_done_task(task, log):
    if task.done():
        try:
            task.result()
        except BaseException as exc:
            log.critical("fetching updates failed: %r", exc)


@contextlib.asynccontextmanager
async def session(log):
    try:
        yield
    except asyncio.CancelledError:  # want: AL402
        log.info("block cancelled")
