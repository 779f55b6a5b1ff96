import time

import trio
import trio as t
from trio import sleep
from trio import sleep as nap


async def tick():
    await trio.sleep(0)  # want: AL615 "`trio.sleep(0)` does not wait"
    await trio.sleep(0.0)  # want: AL615 "trio.lowlevel.checkpoint()"
    await t.sleep(0)  # want: AL615
    await sleep(0)  # want: AL615
    await nap(seconds=0)  # want: AL615
    await trio.sleep(0, seconds=1)  # want: AL615

    await trio.sleep(1)
    await trio.sleep(0.5)
    await trio.sleep(0, 1)
    await trio.sleep(delay)
    await trio.sleep()
    time.sleep(0)  # want: AL201


def schedule():
    trio.run(trio.sleep, 0)
    return trio.sleep(0)  # want: AL615


delay = 0
