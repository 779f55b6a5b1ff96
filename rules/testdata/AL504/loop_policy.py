"""A custom loop policy makes the loops get_event_loop() returns: no fix."""
import asyncio

import uvloop


async def main():
    pass


def run():
    asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())
    loop = asyncio.new_event_loop()
    loop.run_until_complete(main())  # want: AL504
    loop.close()
