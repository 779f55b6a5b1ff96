"""No await where it would hold a thread's lock across the suspension, or
await the sleep's result."""
import asyncio
import threading
import time

lock = threading.Lock()


class Cache:
    def __init__(self):
        self._lock = threading.RLock()

    async def refresh(self):
        with self._lock:
            time.sleep(1)  # want: AL201
        time.sleep(1)  # want: AL201


async def main():
    with lock:  # want: AL208
        time.sleep(1)  # want: AL201
    lock.acquire()  # want: AL208
    time.sleep(1)  # want: AL201
    lock.release()
    time.sleep(2)  # want: AL201
    await time.sleep(3)  # want: AL201
    await asyncio.sleep(0)
