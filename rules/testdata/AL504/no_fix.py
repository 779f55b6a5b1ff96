"""Loops run by hand that asyncio.run cannot simply replace, and code that is fine."""
import asyncio


async def main():
    pass


def run_twice():
    loop = asyncio.new_event_loop()
    loop.run_until_complete(main())  # want: AL504
    loop.run_until_complete(main())  # want: AL504
    loop.close()


def kept():
    loop = asyncio.new_event_loop()
    loop.run_until_complete(main())  # want: AL504
    return loop


def used_by_nested():
    loop = asyncio.get_event_loop()
    loop.run_until_complete(main())  # want: AL504

    def later():
        return loop

    return later


def not_consecutive():
    loop = asyncio.new_event_loop()
    print("starting")
    loop.run_until_complete(main())  # want: AL504
    loop.close()


def comment_in_between():
    loop = asyncio.new_event_loop()
    # run the application
    loop.run_until_complete(main())  # want: AL504


def try_with_except():
    loop = asyncio.new_event_loop()
    try:
        loop.run_until_complete(main())  # want: AL504
    except KeyboardInterrupt:
        pass
    finally:
        loop.close()


def close_after_try():
    loop = asyncio.new_event_loop()
    try:
        loop.run_until_complete(main())  # want: AL504
    finally:
        loop.run_until_complete(loop.shutdown_asyncgens())  # want: AL504
        loop.close()


def reassigned():
    loop = asyncio.new_event_loop()
    loop.run_until_complete(main())  # want: AL504
    loop = asyncio.new_event_loop()
    loop.run_until_complete(main())  # want: AL504


def keyword_argument():
    loop = asyncio.new_event_loop()
    loop.run_until_complete(future=main())  # want: AL504


def annotated():
    loop: asyncio.AbstractEventLoop = asyncio.new_event_loop()
    loop.run_until_complete(main())  # want: AL504


def passed_in(loop):
    loop.run_until_complete(main())


async def in_coroutine():
    loop = asyncio.new_event_loop()
    loop.run_until_complete(main())  # want: AL503


def nested_lambda():
    return lambda: asyncio.get_event_loop().run_until_complete(main())


def shadowed(asyncio):
    loop = asyncio.new_event_loop()
    loop.run_until_complete(main())


def runner():
    with asyncio.Runner() as r:
        r.run(main())
    asyncio.run(main())


def the_one_fixable():
    loop = asyncio.new_event_loop()
    loop.run_until_complete(main())  # want: AL504
    loop.close()
