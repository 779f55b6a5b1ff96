"""Event loops run by hand that asyncio.run replaces."""
import asyncio


async def main(*args):
    return args


def simple():
    loop = asyncio.get_event_loop()
    loop.run_until_complete(main())  # want: AL504 "`asyncio.get_event_loop()` with no loop set is deprecated"


def with_close():
    loop = asyncio.new_event_loop()
    loop.run_until_complete(main())  # want: AL504 "skips the cleanup `asyncio.run` does"
    loop.close()


def with_result():
    event_loop = asyncio.new_event_loop()
    result = event_loop.run_until_complete(main(1, 2))  # want: AL504 "use `asyncio.run(...)`"
    event_loop.close()
    return result


def try_finally():
    loop = asyncio.new_event_loop()
    try:
        loop.run_until_complete(main())  # want: AL504
    finally:
        loop.close()


def one_liner():
    asyncio.get_event_loop().run_until_complete(main())  # want: AL504
    return asyncio.new_event_loop().run_until_complete(main())  # want: AL504


def multi_line():
    loop = asyncio.new_event_loop()
    loop.run_until_complete(  # want: AL504
        main(
            1,
        )
    )
    loop.close()
    print("done")


class App:
    def serve(self):
        loop = asyncio.new_event_loop()
        loop.run_until_complete(self.run())  # want: AL504
        loop.close()

    async def run(self):
        pass
