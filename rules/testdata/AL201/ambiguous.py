"""A module that imports both asyncio and trio could run on either: no fix."""
import asyncio
import time

import trio


async def main():
    time.sleep(1)  # want: AL201
    return asyncio, trio
