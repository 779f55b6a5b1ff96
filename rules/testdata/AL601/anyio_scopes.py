import anyio


async def no_checkpoint():
    with anyio.move_on_after(10):  # want: AL601 "add a checkpoint such as `await anyio.lowlevel.checkpoint()`"
        print("no await")
    with anyio.CancelScope(shield=True):  # want: AL601
        print("no await")


async def checkpoints(stream):
    with anyio.fail_after(10):
        await stream.send(b"ping")
    with anyio.CancelScope(shield=True):
        await stream.aclose()
