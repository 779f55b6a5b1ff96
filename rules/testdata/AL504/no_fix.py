"""Loops run by hand that asyncio.run cannot simply replace, and code that is fine."""
import asyncio


async def main():
    pass


def run_twice():
    loop = asyncio.new_event_loop()
    loop.run_until_complete(main())  # want: AL504
    loop.run_until_complete(main())
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
        loop.run_until_complete(loop.shutdown_asyncgens())
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


def many_runs(app):
    # One loop, one finding.
    try:
        loop = asyncio.get_event_loop()
    except RuntimeError:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
    try:
        loop.run_until_complete(app.initialize())  # want: AL504 "a loop run by hand skips the cleanup"
        loop.run_until_complete(app.start())
        loop.run_forever()
    finally:
        loop.run_until_complete(app.stop())
        loop.run_until_complete(app.shutdown())
        loop.close()


def get_after_set():
    asyncio.set_event_loop(asyncio.new_event_loop())
    loop = asyncio.get_event_loop()
    loop.run_until_complete(main())  # want: AL504 "a loop run by hand skips the cleanup"
    loop.run_until_complete(main())
    loop.close()


def get_without_set():
    loop = asyncio.get_event_loop()
    loop.run_until_complete(main())  # want: AL504 "`asyncio.get_event_loop()` with no loop set is deprecated"
    loop.run_until_complete(main())
