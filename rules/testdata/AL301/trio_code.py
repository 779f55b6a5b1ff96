import trio


async def tick():
    trio.sleep(1)  # want: AL301 "write `await trio.sleep(...)`"


def start():
    tick()  # want: AL301 "run it with `trio.run`"
