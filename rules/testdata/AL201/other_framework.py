"""Code on Twisted gets no asyncio call."""
import asyncio
import time

from twisted.internet import defer


async def main():
    time.sleep(1)  # want: AL201
    await defer.succeed(None)
    await asyncio.sleep(0)
