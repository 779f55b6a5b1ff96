"""loop= arguments that asyncio removed in Python 3.10."""
import asyncio
import asyncio as aio
from asyncio import Queue, sleep
from asyncio.subprocess import PIPE


async def worker(loop, tasks):
    await asyncio.sleep(1, loop=loop)  # want: AL505 "`asyncio.sleep()` has no `loop` parameter since Python 3.10: the call raises TypeError"
    await sleep(1, loop=loop)  # want: AL505
    queue = Queue(loop=loop)  # want: AL505
    lock = aio.Lock(loop=loop)  # want: AL505 "`asyncio.Lock()`"
    event = asyncio.Event(loop=loop,)  # want: AL505
    sem = asyncio.BoundedSemaphore(loop=loop, value=2)  # want: AL505
    await asyncio.wait_for(queue.get(), timeout=1, loop=loop)  # want: AL505
    results = await asyncio.gather(
        worker(1),
        worker(2),
        loop=loop,  # want: AL505
    )
    done, pending = await asyncio.wait(
        tasks,
        loop=loop  # want: AL505
    )
    reader, writer = await asyncio.open_connection(
        "localhost", 8080, loop=loop)  # want: AL505
    proc = await asyncio.create_subprocess_exec("ls", loop=loop,  # want: AL505
                                                stdout=PIPE)
    cond = asyncio.Condition(lock, loop=asyncio.get_running_loop())  # want: AL505
    return lock, event, sem, results, done, pending, reader, writer, proc, cond


async def still_valid(loop, coro):
    task = asyncio.ensure_future(coro, loop=loop)
    future = asyncio.run_coroutine_threadsafe(coro, loop)
    later = loop.create_task(coro)
    await other.sleep(1, loop=loop)
    return task, future, later


async def shadowed(asyncio, loop):
    await asyncio.sleep(1, loop=loop)


def removed_task_methods(loop):
    current = asyncio.Task.current_task()  # want: AL505 "`asyncio.Task.current_task()` was removed in Python 3.9 and raises AttributeError; use `asyncio.current_task()`"
    every = aio.Task.all_tasks(loop)  # want: AL505 "use `asyncio.all_tasks()`"
    return current, every, asyncio.current_task()
