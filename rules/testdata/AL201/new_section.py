"""A standard-library import goes in a section of its own, before the others."""
import aiohttp

from .settings import DELAY


async def handler(session: aiohttp.ClientSession):
    import time

    time.sleep(DELAY)  # want: AL201
    return session
