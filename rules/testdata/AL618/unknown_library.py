async def helper(value):
    return value  # want: AL618 "`await trio.lowlevel.checkpoint()` or `await anyio.lowlevel.checkpoint()`"
