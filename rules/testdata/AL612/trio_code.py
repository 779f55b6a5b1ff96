import trio


async def nursery_only():
    while True:  # want: AL612 "`await trio.lowlevel.checkpoint()` at least"
        async with trio.open_nursery():  # want: AL614
            pass


async def nursery_with_task(job):
    while True:
        async with trio.open_nursery() as nursery:  # want: AL614
            nursery.start_soon(job)


async def generator():
    while True:
        yield 1
