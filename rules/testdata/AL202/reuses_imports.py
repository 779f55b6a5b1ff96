"""The fix calls the thread runner and partial as the module imports them."""
from functools import partial

import requests
from anyio import to_thread


async def fetch(url):
    requests.get(url, timeout=5)  # want: AL202
    return await to_thread.run_sync(requests.get, url)
