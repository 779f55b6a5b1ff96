import asyncio
import sys


async def work(): ...


async def checks_cancelling(writer):
    try:
        await writer
    except asyncio.CancelledError:
        if sys.version_info >= (3, 11) and (task := asyncio.current_task()) and task.cancelling():
            raise


async def awaits_the_task_it_cancelled(task):
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        pass


async def cancels_inside_the_try(task):
    try:
        task.cancel()
        await task
    except asyncio.CancelledError:
        pass


async def shielded_or_with_timeout(self):
    self._task.cancel()
    try:
        await asyncio.shield(self._task)
    except asyncio.CancelledError:
        pass
    try:
        await asyncio.wait_for(self._task, 1)
    except asyncio.CancelledError:
        pass
    except BaseException:
        pass


async def several_cancelled_tasks(self):
    self.consumer.cancel()
    self.metrics.cancel()
    try:
        await self.consumer
        if self.metrics:
            await self.metrics
    except asyncio.CancelledError:
        pass


async def awaits_a_task_not_cancelled(task):
    try:
        await task
    except asyncio.CancelledError:  # want: AL402
        pass


async def cancelled_after_the_await(task):
    try:
        await task
    except asyncio.CancelledError:  # want: AL402
        pass
    task.cancel()


async def awaits_something_else_too(task):
    task.cancel()
    try:
        await task
        await work()
    except asyncio.CancelledError:  # want: AL402
        pass


async def gathers_cancelled_tasks(tasks):
    for task in tasks:
        task.cancel()
    try:
        await asyncio.gather(*tasks, return_exceptions=True)
    except asyncio.CancelledError:  # want: AL402
        return


async def cancelled_in_a_nested_function(task):
    def stop():
        task.cancel()
    stop()
    try:
        await task
    except asyncio.CancelledError:  # want: AL402
        pass


async def async_for_over_a_cancelled_task(task):
    task.cancel()
    try:
        async for item in task:
            pass
    except asyncio.CancelledError:  # want: AL402
        pass


async def handled_by_an_earlier_clause(log):
    try:
        await work()
    except asyncio.CancelledError:
        log.info("cancelled")
        raise
    except BaseException:
        log.exception("failed")
    try:
        await work()
    except ProjectCancelledError:  # the project's re-export, unknown here
        raise
    except:
        pass


async def earlier_clause_catches_something_else(log):
    try:
        await work()
    except ValueError:
        raise
    except BaseException:  # want: AL402
        log.exception("failed")


class ProjectCancelledError(Exception):
    pass


class Service:
    """stop() cancels the task start() awaits."""

    def __init__(self):
        self.consumer_task = None

    async def start(self):
        self.consumer_task = asyncio.create_task(work())
        try:
            await self.consumer_task
        except asyncio.CancelledError:
            pass

    async def stop(self):
        self.consumer_task.cancel()


class Unstopped:
    def __init__(self):
        self.consumer_task = None

    async def start(self):
        self.consumer_task = asyncio.create_task(work())
        try:
            await self.consumer_task
        except asyncio.CancelledError:  # want: AL402 "the coroutine returns as if it had finished"
            pass


distributor_task = None


async def run_distributor():
    global distributor_task
    distributor_task = asyncio.create_task(work())
    try:
        await distributor_task
    except asyncio.CancelledError:
        pass


async def stop_distributor():
    global distributor_task
    task = distributor_task
    distributor_task = None
    task.cancel()


async def cleanups_collect_their_errors(exits):
    errors = []
    for exit in reversed(exits):
        try:
            await exit()
        except (Exception, asyncio.CancelledError) as exc:
            errors.append(exc)
    if errors:
        if len(errors) == 1:
            raise errors[0]
        raise BaseExceptionGroup("cleanup failed", errors)


async def collects_but_never_raises(exits, log):
    errors = []
    for exit in exits:
        try:
            await exit()
        except asyncio.CancelledError as exc:  # want: AL402 "the task will not stop"
            errors.append(exc)
    log(errors)
