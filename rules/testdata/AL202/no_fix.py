"""Where a worker thread cannot take the call."""
import asyncio
import threading

import requests

lock = threading.Lock()


async def after_shutdown(url):
    loop = asyncio.get_running_loop()
    requests.get(url)  # want: AL202
    await loop.shutdown_default_executor()
    requests.get(url)  # want: AL202


async def under_lock(url):
    with lock:  # want: AL208
        requests.get(url)  # want: AL202


async def awaited(url):
    return await requests.get(url)  # want: AL202
