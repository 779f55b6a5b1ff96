import asyncio
import time


async def main(asyncio):
    time.sleep(1)  # want: AL201
