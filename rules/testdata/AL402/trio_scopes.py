"""Trio handlers: a shielded scope keeps cancellation out."""
import trio


async def work(): ...


async def finalize(agen, log):
    try:
        with trio.CancelScope(shield=True) as scope:
            scope.cancel()
            await agen.aclose()
    except BaseException:
        log.exception("finalizing failed")


async def unshielded(agen, log):
    try:
        with trio.CancelScope() as scope:
            await agen.aclose()
    except BaseException:  # want: AL402 "the code after it runs on as if nothing happened"
        log.exception("closing failed")
    await work()
    return scope


async def unshielded_returns(agen, log):
    try:
        await agen.aclose()
    except trio.Cancelled:  # want: AL402 "its caller runs on until the next checkpoint raises again"
        log.info("cancelled")


async def worker(receive):
    try:
        async for item in receive:
            print(item)
    except trio.Cancelled:
        print("worker stopped")


async def serve(receive):
    async with trio.open_nursery() as nursery:  # want: AL614
        nursery.start_soon(worker, receive)
