# analysistest: target-version=py311
"""Branches Python 3.11 and later never run raise no warnings."""
import asyncio
import sys
import threading

lock = threading.Lock()


async def wait(done: threading.Event):
    if sys.version_info >= (3, 11):
        async with asyncio.timeout(1):
            await asyncio.sleep(0)
    else:
        done.wait()
    if sys.version_info < (3, 11):
        lock.acquire()
    elif sys.version_info >= (3, 13):
        lock.acquire()  # want: AL208
    done.wait()  # want: AL208
