"""Code on Twisted gets no asyncio call."""
import requests
from twisted.internet import defer


async def fetch(url):
    requests.get(url)  # want: AL202
    await defer.succeed(None)
