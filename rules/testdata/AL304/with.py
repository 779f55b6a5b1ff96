import asyncio

import aiofiles
import aiohttp
import httpx

lock = asyncio.Lock()


class Resource:
    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        pass


class Derived(Resource):
    pass


class Both(Resource):
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        pass


class Elsewhere(UnknownBase):
    async def __aenter__(self):
        return self


async def handler(path):
    with lock:  # want: AL304 "`lock` is an async context manager, which a plain `with` cannot enter"
        pass
    with aiofiles.open(path) as f:  # want: AL304 "aiofiles.open"
        print(f)
    with aiohttp.ClientSession() as session:  # want: AL304
        print(session)
    with httpx.AsyncClient() as client:  # want: AL304
        print(client)
    with asyncio.timeout(1):  # want: AL304 AL601
        pass
    with Resource() as r:  # want: AL304
        print(r)
    with Derived():  # want: AL304
        pass
    with (
        Resource() as a,  # want: AL304
        Resource() as b,  # want: AL304
    ):
        print(a, b)
    with lock, asyncio.timeout(1):  # want: AL304 AL304 AL601
        pass
    with Both(), Elsewhere():
        pass
    async with lock:
        pass
    queue = asyncio.Queue()
    with queue:
        pass


async def mixed(path):
    with open(path) as f, lock:  # want: AL304 "moving the synchronous items to a plain `with` of their own" AL204
        print(f)


async def receivers(session: aiohttp.ClientSession, url):
    cm = session.get(url)
    with cm as response:  # want: AL304 "`cm` is an async context manager"
        print(response)
    with session.get(url) as response:  # want: AL304
        print(response)
    local_lock = asyncio.Lock()
    with local_lock:  # want: AL304
        pass


def sync_code():
    with lock:  # want: AL304 "use `async with` in an `async def`"
        pass


class Body:
    with lock:  # want: AL304
        pass


async def shadowed(lock):
    with lock:
        pass
