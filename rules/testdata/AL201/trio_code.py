import time

import trio


async def child():
    time.sleep(1)  # want: AL201 "use `trio.sleep`"
