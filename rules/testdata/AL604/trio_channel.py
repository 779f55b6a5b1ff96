import trio


async def chunks(stream):
    async with stream:
        while data := await stream.receive_some():
            yield data  # want: AL604 "`@trio.as_safe_channel`"


@trio.as_safe_channel
async def safe_chunks(stream):
    async with stream:
        while data := await stream.receive_some():
            yield data
