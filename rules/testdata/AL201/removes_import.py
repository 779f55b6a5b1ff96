"""The fix takes an import with its last use."""
import asyncio
import time
from time import sleep


async def main():
    time.sleep(1)  # want: AL201
    sleep(2)  # want: AL201
    await asyncio.sleep(0)
