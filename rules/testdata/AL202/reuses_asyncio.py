from asyncio import to_thread as in_thread

import requests


async def fetch(url):
    requests.get(url)  # want: AL202
    return await in_thread(requests.get, url)
