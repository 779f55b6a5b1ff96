import anyio
from anyio import get_cancelled_exc_class


async def handlers(stream):
    try:
        await stream.receive()
    except get_cancelled_exc_class():
        await stream.send(b"bye")  # want: AL603 "`except get_cancelled_exc_class()`"
        raise
    finally:
        await stream.send(b"closed")  # want: AL603 "anyio.move_on_after(TIMEOUT, shield=True)"


async def shielded(stream):
    try:
        await stream.receive()
    finally:
        with anyio.CancelScope(shield=True):
            await stream.send(b"closed")
        with anyio.move_on_after(1, shield=True):
            await stream.send(b"closed")
        await anyio.to_thread.run_sync(print, "closed")
        async with anyio.create_task_group() as tg:
            tg.start_soon(stream.send, b"closed")
            tg.start_soon(stream.send, b"again")


async def cancellation_handled_in_cleanup(stream, pending):
    try:
        await stream.receive()
    finally:
        try:
            await stream.send(b"closed")
        except get_cancelled_exc_class():
            # Cancelled before it could say so: the caller's cleanup does.
            pending.append(stream)
            raise
        try:
            await stream.send(b"again")  # want: AL603 "in a `finally` block"
        except OSError:
            pending.append(stream)


async def cancellation_caught_in_handler(stream, pending):
    try:
        await stream.receive()
    except OSError:
        try:
            # A cancellation would still replace the OSError.
            await stream.send(b"failed")  # want: AL603 "Cancelled replaces the exception being handled"
        except get_cancelled_exc_class():
            pending.append(stream)
            raise
        raise
