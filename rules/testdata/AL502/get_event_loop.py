"""asyncio.get_event_loop() in coroutines."""
import asyncio
import asyncio as aio


async def resolve(host):
    loop = asyncio.get_event_loop()  # want: AL502 "use `asyncio.get_running_loop()`"
    return await loop.getaddrinfo(host, 443)


async def aliased():
    return aio.get_event_loop().time()  # want: AL502


async def in_comprehension(items):
    return [asyncio.get_event_loop() for _ in items]  # want: AL502


async def nested():
    def callback():
        return asyncio.get_event_loop()

    later = lambda: asyncio.get_event_loop()
    return callback, later


def plain():
    return asyncio.get_event_loop()


loop = asyncio.get_event_loop()


async def shadowed(asyncio):
    return asyncio.get_event_loop()


async def running():
    return asyncio.get_running_loop()


class Service:
    async def start(self):
        self.loop = asyncio.get_event_loop()  # want: AL502
