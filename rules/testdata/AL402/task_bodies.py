"""Handlers that end the body of a task: the task stops."""
import asyncio


async def work(): ...


class Consumer:
    def __init__(self):
        self._task = asyncio.create_task(self._run())
        self._pinger = asyncio.ensure_future(self._ping())
        self._flusher = asyncio.get_running_loop().create_task(self._flush_periodically(1))

    async def _run(self):
        try:
            while True:
                await work()
        except asyncio.CancelledError:
            print("consumer stopped")
        finally:
            await self.close()

    async def _ping(self):
        while True:
            try:
                await work()
            except asyncio.CancelledError:
                break
        self._pinger = None

    async def _flush_periodically(self, every):
        while True:
            try:
                await asyncio.sleep(every)
                await self.flush()
            except asyncio.CancelledError:
                return
            except Exception:
                print("flush failed")

    async def flush(self): ...

    async def close(self): ...


async def run_event(handler):
    try:
        await handler()
    except asyncio.CancelledError:
        pass


def schedule_event(handler):
    wrapped = run_event(handler)
    return asyncio.create_task(wrapped)


async def main():
    try:
        await work()
    except asyncio.CancelledError:
        pass


async def awaited_coroutine():
    try:
        await work()
    except asyncio.CancelledError:  # want: AL402 "the coroutine returns as if it had finished"
        pass


async def task_that_carries_on(queue):
    while True:
        try:
            await queue.get()
        except asyncio.CancelledError:  # want: AL402 "the task will not stop"
            print("cancelled")


async def task_that_awaits_again(conn):
    try:
        await work()
    except asyncio.CancelledError:  # want: AL402 "the task will not stop"
        pass
    await conn.close()


async def spawn(queue, conn):
    return [
        asyncio.create_task(task_that_carries_on(queue)),
        asyncio.create_task(task_that_awaits_again(conn)),
    ]


async def from_another_thread(loop):
    try:
        await work()
    except BaseException:
        print("failed")


def submit(loop):
    loop.call_soon_threadsafe(loop.create_task, from_another_thread(loop))


async def fetch(node):
    try:
        await work()
    except asyncio.CancelledError:
        return False
    return True


async def refresh(node):
    try:
        await work()
    except asyncio.CancelledError:
        return None


class Fetcher:
    def __init__(self):
        self._tasks = set()

    def _spawn(self, coro, node):
        task = asyncio.create_task(coro)
        self._tasks.add(task)

    async def _fetch_all(self, nodes):
        def start_pending(coro, node):
            self._tasks.add(asyncio.create_task(coro))

        for node in nodes:
            start_pending(fetch(node), node)
            self._spawn(refresh(node), node=node)


async def not_started(node):
    try:
        await work()
    except asyncio.CancelledError:  # want: AL402 "the coroutine returns as if it had finished"
        return None


def takes_a_coroutine(coro, node):
    print(coro, node)


def passes_it_on(node):
    takes_a_coroutine(not_started(node), node)


asyncio.run(main())
