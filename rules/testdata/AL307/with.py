import asyncio
import contextlib
import threading
from pathlib import Path

lock = threading.Lock()


@contextlib.contextmanager
def transaction(db):
    yield db


class Sync:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return None


class Both(Sync):
    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        return None


async def files(path):
    async with open(path) as f:  # want: AL204 AL307 "`open(...)` is a synchronous context manager: `async with` fails on it at run time with TypeError"
        f.read()  # want: AL204
    async with Path(path).open() as f:  # want: AL204 AL307
        pass


async def locks():
    async with lock:  # want: AL307 "`lock`"
        pass
    rlock = threading.RLock()
    async with rlock:  # want: AL307
        pass
    async with asyncio.Lock():
        pass


async def local_managers(db):
    async with transaction(db):  # want: AL307 "`transaction(...)`"
        pass
    async with Sync():  # want: AL307 "`Sync()`"
        pass
    async with Both():
        pass
    async with contextlib.suppress(KeyError):  # want: AL307
        pass
    async with contextlib.nullcontext():
        pass


async def mixed(path):
    async with asyncio.timeout(1), contextlib.suppress(OSError):  # want: AL307 "move it to a plain `with` of its own"
        pass


async def unknown(factory, session):
    async with factory():
        pass
    async with session:
        pass
