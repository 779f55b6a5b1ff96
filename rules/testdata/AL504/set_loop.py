"""A module that sets the current loop runs the loop it chose: asyncio.run
would make another one. No fix."""
import asyncio


async def main():
    pass


def with_set():
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    loop.run_until_complete(main())  # want: AL504
    loop.close()


def current():
    loop = asyncio.get_event_loop()
    loop.run_until_complete(main())  # want: AL504
