"""Starting an event loop from inside a coroutine."""
import asyncio
import asyncio as aio
from asyncio import run


async def fetch():
    return 1


async def handler():
    asyncio.run(fetch())  # want: AL503 "`asyncio.run()` in a coroutine raises RuntimeError: an event loop is already running"
    aio.run(fetch())  # want: AL503
    run(fetch())  # want: AL503
    return await fetch()


async def with_loops(event_loop, other):
    loop = asyncio.get_event_loop()  # want: AL502
    loop.run_until_complete(fetch())  # want: AL503 "`loop.run_until_complete()` in a coroutine raises RuntimeError"
    asyncio.new_event_loop().run_until_complete(fetch())  # want: AL503
    asyncio.get_running_loop().run_forever()  # want: AL503 "`await` an `asyncio.Event`"
    event_loop.run_until_complete(fetch())  # want: AL503
    other.run_until_complete(fetch())


async def annotated(runner: asyncio.AbstractEventLoop):
    runner.run_until_complete(fetch())  # want: AL503


class Service:
    async def start(self):
        self._loop.run_until_complete(fetch())  # want: AL503


async def nested():
    def in_thread():
        return asyncio.run(fetch())

    later = lambda: asyncio.run(fetch())
    return await asyncio.to_thread(in_thread), later


def main():
    asyncio.run(fetch())
    asyncio.get_event_loop().run_until_complete(fetch())  # want: AL504


async def shadowed(asyncio):
    asyncio.run(fetch())


async def scheduler():
    class Runner:
        def run(self):
            return asyncio.run(fetch())

    return Runner
