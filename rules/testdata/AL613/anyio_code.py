import anyio


async def fetch(stream, timeout):  # want: AL613 "`with anyio.move_on_after(...)` or `anyio.fail_after(...)`"
    with anyio.fail_after(timeout):
        return await stream.receive()
