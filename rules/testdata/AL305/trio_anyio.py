import anyio
import trio


async def walk(path, receive: trio.MemoryReceiveChannel):
    for child in anyio.Path(path).iterdir():  # want: AL305 "anyio.Path(path).iterdir()"
        print(child)
    for item in receive:  # want: AL305 "`receive`"
        print(item)
    for child in await trio.Path(path).iterdir():
        print(child)
    async for child in anyio.Path(path).glob("*"):
        print(child)
