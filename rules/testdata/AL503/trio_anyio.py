import anyio
import trio


async def child():
    await trio.sleep(1)


async def parent():
    trio.run(child)  # want: AL503 "`trio.run()` in a coroutine raises RuntimeError under trio"
    anyio.run(child)  # want: AL503 "`anyio.run()`"
    await child()


def main():
    trio.run(parent)
    anyio.run(parent)
