# Not importable (the dash): still checked on its own.
import asyncio


async def main():
    asyncio.sleep(1)  # want: AL301
