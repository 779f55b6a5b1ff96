"""anyio code runs on any backend: it gets anyio's thread runner even where
it also imports asyncio."""
import asyncio

import anyio
import requests


async def fetch(url):
    requests.get(url, timeout=5)  # want: AL202
    await asyncio.sleep(0)
    return await anyio.to_thread.run_sync(requests.get, url)
