import asyncio


async def job(): ...


async def running_loop():
    loop = asyncio.get_running_loop()
    loop.create_task(job())  # want: AL401 "loop.create_task"
    asyncio.get_event_loop().create_task(job())  # want: AL401 AL502
    kept = loop.create_task(job())  # want: AL401 "`kept`"


def annotated(ev: asyncio.AbstractEventLoop):
    ev.create_task(job())  # want: AL401 "ev.create_task"


class Server:
    def __init__(self, loop):
        self._loop = loop
        self.event_loop = loop

    def start(self):
        self._loop.create_task(job())  # want: AL401 "self._loop.create_task"
        self.event_loop.create_task(job())  # want: AL401

    async def fine(self):
        self._task = self._loop.create_task(job())


async def task_group():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(job())
        task = tg.create_task(job())


async def nursery_and_unknown(nursery, scheduler):
    nursery.start_soon(job)
    scheduler.create_task(job())


async def shadowed():
    asyncio = Scheduler()
    asyncio.create_task(job())


class Scheduler:
    def create_task(self, coro): ...
