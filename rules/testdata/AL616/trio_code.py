import math
from math import inf

import trio


async def wait():
    await trio.sleep(100000)  # want: AL616 "`trio.sleep(100000)` sleeps for more than a day: to wait until cancelled, write `trio.sleep_forever()`"
    await trio.sleep(86400.01)  # want: AL616
    await trio.sleep(86_401)  # want: AL616
    await trio.sleep(1e999)  # want: AL616
    await trio.sleep(math.inf)  # want: AL616
    await trio.sleep(inf)  # want: AL616
    await trio.sleep(float("inf"))  # want: AL616
    await trio.sleep(float("-inf"))
    await trio.sleep(seconds=math.inf)  # want: AL616
    await trio.sleep(27670116110564327421)  # want: AL616

    await trio.sleep(86400)
    await trio.sleep(86399)
    await trio.sleep(-1)
    await trio.sleep(10**10)
    await trio.sleep(86400 + 1)
    await trio.sleep(math.pi)
    await trio.sleep(1j)


trio.run(trio.sleep, math.inf)
