import math

import anyio as aio


async def wait():
    await aio.sleep(delay=math.inf)  # want: AL616 "`anyio.sleep(math.inf)`"
    await aio.sleep(3600)
