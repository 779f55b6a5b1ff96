import asyncio

import aiofiles
import aiohttp
import httpx


async def fetch(url):
    return url


async def rows():
    yield 1


def plain():
    pass


class Base:
    async def load(self):
        pass


class Client(Base):
    async def close(self):
        pass

    def sync(self):
        pass

    @classmethod
    async def make(cls):
        pass

    async def run(self):
        self.close()  # want: AL301 "`self.close()` creates a coroutine"
        self.load()  # want: AL301 "self.load()"
        self.sync()
        Client.close(self)  # want: AL301
        cls_made = Client.make()  # want: AL302

    @classmethod
    async def build(cls):
        cls.make()  # want: AL301


async def handler(url):
    fetch(url)  # want: AL301 "write `await fetch(...)`"
    (fetch(url))  # want: AL301
    await fetch(url)
    rows()
    plain()
    asyncio.sleep(1)  # want: AL301 "asyncio.sleep"
    asyncio.create_task(fetch(url))  # want: AL401
    await asyncio.gather(fetch(url), fetch(url))
    client = Client()
    client.load()  # want: AL301
    unknown.load()


async def receivers(session: aiohttp.ClientSession, http: httpx.AsyncClient, path):
    queue = asyncio.Queue()
    queue.put(1)  # want: AL301 "queue.put(...)"
    queue.put_nowait(1)
    lock = asyncio.Lock()
    lock.acquire()  # want: AL301
    lock.release()
    session.get(path)  # want: AL301
    http.post(path, json={})  # want: AL301
    async with aiofiles.open(path, "w") as f:
        f.write("x")  # want: AL301
        await f.flush()
    async with asyncio.TaskGroup() as tg:  # want: AL614
        tg.create_task(fetch(path))
    condition = asyncio.Condition()
    condition.acquire()  # want: AL301
    stack = asyncio.LifoQueue()
    stack.get()  # want: AL301
    async with session.get(path) as response:
        response.release()
        response.read()  # want: AL301
    asyncio.get_running_loop().create_future()


async def nested(loop):
    def callback():
        fetch("u")  # want: AL301 "run it with `asyncio.run`"

    loop.call_soon(lambda: fetch("u"))
    lambda: fetch("u")
    return callback


async def shadowed(fetch):
    fetch("u")


def main():
    fetch("u")  # want: AL301 "await it in an `async def`"


class Body:
    fetch("u")  # want: AL301


fetch("u")  # want: AL301
