import os

import trio


async def load(path):
    with open(path) as f:  # want: AL204 "use `trio.open_file` with `async with`"
        return f.read()  # want: AL204 "use `trio.open_file`"


async def listing(path):
    await trio.sleep(0)  # want: AL615
    return os.listdir(path)  # want: AL204 "use `trio.to_thread.run_sync`"
