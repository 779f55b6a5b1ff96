# analysistest: blocking=mylib.fetch_sync:use_mylib.fetch allow=os.path blocking=mylib.sync_*:use_the_async_twin blocking=*.legacy_call:use_modern_call
import os

import mylib
import other
from mylib import fetch_sync


async def handler():
    mylib.fetch_sync()  # want: AL209 "use_mylib.fetch"
    fetch_sync()  # want: AL209
    os.path.exists("x")  # allowed by the configuration
    mylib.other()


async def wildcards():
    mylib.sync_read()  # want: AL209 "`mylib.sync_read` blocks the event loop in a coroutine; use use_the_async_twin"
    mylib.sync_tools.flush()  # want: AL209 "use_the_async_twin"
    mylib.read()
    other.legacy_call()  # want: AL209 "use_modern_call"
    other.legacy_call_v2()
    unknown.legacy_call()


def sync_code():
    mylib.sync_read()


async def awaited():
    await mylib.sync_read()
    await (mylib.fetch_sync())
    print(await mylib.fetch_sync(mylib.sync_read()))  # want: AL209
