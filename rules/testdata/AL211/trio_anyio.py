import os

import trio


async def exists(name):
    await trio.sleep(0)  # want: AL615
    return os.path.isfile(name)  # want: AL211 "use `trio.to_thread.run_sync`"


async def remove(path: trio.Path, name):
    os.unlink(name)  # want: AL211 "use `trio.to_thread.run_sync`"
    await path.unlink()
