from time import sleep

import anyio as aio


async def child():
    sleep(1)  # want: AL201 "use `anyio.sleep`"
