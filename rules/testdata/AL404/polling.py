import asyncio

import anyio
import trio


async def poll_flag(service):
    while not service.ready:  # want: AL404 "asyncio.Event"
        await asyncio.sleep(0.1)


async def poll_with_pass(service):
    while service.busy:  # want: AL404
        await asyncio.sleep(1)
        pass


async def poll_with_continue(state):
    while state["pending"]:  # want: AL404
        await asyncio.sleep(1)
        continue


async def break_on_condition(service):
    while True:  # want: AL404
        if service.ready:
            break
        await asyncio.sleep(0.5)


async def sleep_then_break(service):
    while True:  # want: AL404
        await asyncio.sleep(0.5)
        if service.ready:
            break


async def trio_poll(service):
    while not service.ready:  # want: AL404 "trio.Event"
        await trio.sleep(1)


async def anyio_poll(service):
    while not service.ready:  # want: AL404 "anyio.Event"
        await anyio.sleep(1)


async def sleeps_until(service, deadline):
    while not service.ready:  # want: AL404 "trio.Event"
        await trio.sleep_until(deadline)
    while not service.ready:  # want: AL404 "anyio.Event"
        await anyio.sleep_until(deadline)


async def checkpoints(service):
    while not service.ready:  # want: AL404 "trio.Event"
        await trio.lowlevel.checkpoint()
    while service.busy:  # want: AL404 "anyio.Event"
        await anyio.lowlevel.checkpoint()
    while not service.ready:
        await trio.lowlevel.checkpoint_if_cancelled()


async def sleep_forever():
    while True:
        await asyncio.sleep(3600)


async def loop_does_work(service):
    while not service.ready:
        await service.refresh()
        await asyncio.sleep(1)


async def break_with_else(service):
    while True:
        if service.ready:
            break
        else:
            print("waiting")
        await asyncio.sleep(1)


async def condition_only_breaks(service):
    while service.running:
        if service.ready:
            break
        await asyncio.sleep(1)


async def no_sleep(service):
    while not service.ready:
        pass


async def other_sleep(clock, service):
    while not service.ready:
        await clock.sleep(1)


def plain_function(service):
    import time
    while not service.ready:
        time.sleep(1)


async def nested_plain_def(service):
    def wait():
        while not service.ready:
            asyncio.sleep(1)  # want: AL301
    return wait


async def shadowed(service):
    asyncio = service.runtime
    while not service.ready:
        await asyncio.sleep(1)


async def polls_an_event(ready: asyncio.Event, items):
    while not ready.is_set():  # want: AL404 "asyncio.Event"
        await asyncio.sleep(0.1)
    while len(items) < 3:  # want: AL404
        await asyncio.sleep(0.1)


async def polls_another_system(client, job, stop_event):
    while not await client.is_ready():
        await asyncio.sleep(1)
    while job.is_running(job.status()):
        await asyncio.sleep(1)
    while not stop_event.is_set():  # may be a threading.Event set by another thread
        await asyncio.sleep(0.2)
    while True:
        if await client.is_ready():
            break
        await asyncio.sleep(1)
