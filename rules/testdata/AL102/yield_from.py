import asyncio


async def legacy():
    yield from asyncio.sleep(1)  # want: AL102
    value = yield from fetch()  # want: AL102
    yield from [1, 2, 3]  # want: AL102
    yield from other  # want: AL102

    def nested_generator():
        yield from range(3)

    gen = lambda: (yield from range(3))


def generator():
    yield from range(3)


async def fetch():
    return 1
