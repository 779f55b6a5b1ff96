import trio


async def fetch(cache, key):
    if key in cache:
        return cache[key]  # want: AL618 "this `return` can be reached without a checkpoint since the function started"
    await trio.sleep(1)
    return key


async def prints():  # want: AL618 "`prints` can end without a checkpoint since the function started"
    print("hello")
