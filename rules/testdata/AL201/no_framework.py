"""Nothing says which event loop runs this module: no fix."""
import time


async def main():
    time.sleep(1)  # want: AL201 "use `asyncio.sleep`"
