import trio


async def finally_blocks(conn):
    try:
        await conn.serve()
    finally:
        await conn.send_goodbye()  # want: AL603 "`await` in a `finally` block"
    try:
        await conn.serve()
    finally:
        with trio.move_on_after(5):
            await conn.send_goodbye()  # want: AL603 "trio.move_on_after(TIMEOUT, shield=True)"
    try:
        await conn.serve()
    finally:
        async for message in conn.pending():  # want: AL603 "`async for` in a `finally` block"
            print(message)


async def shielded(conn):
    try:
        await conn.serve()
    finally:
        with trio.move_on_after(5, shield=True):
            await conn.send_goodbye()
    try:
        await conn.serve()
    finally:
        with trio.CancelScope() as scope:
            scope.shield = True
            await conn.send_goodbye()
            scope.shield = False
            await conn.send_goodbye()  # want: AL603
    try:
        await conn.serve()
    finally:
        with trio.fail_after(5, shield=True):
            with trio.move_on_after(1):
                await conn.send_goodbye()
    try:
        await conn.serve()
    finally:
        async with trio.open_nursery() as nursery:
            nursery.cancel_scope.shield = True
            nursery.start_soon(conn.send_goodbye)
            await conn.flush()


async def cleanup_calls(conn, stream):
    try:
        await conn.serve()
    finally:
        await stream.aclose()
        await trio.aclose_forcefully(conn)
        await trio.lowlevel.cancel_shielded_checkpoint()
        await trio.to_thread.run_sync(conn.close)
        await trio.to_thread.run_sync(conn.close, abandon_on_cancel=True)  # want: AL603


async def cancellation_handlers(conn):
    try:
        await conn.serve()
    except trio.Cancelled:
        await conn.send_goodbye()  # want: AL603 "`await` in `except trio.Cancelled`"
        raise
    try:
        await conn.serve()
    except BaseException:
        await conn.send_goodbye()  # want: AL603 "`except BaseException`"
        raise
    try:
        await conn.serve()
    except:  # noqa: E722
        await conn.send_goodbye()  # want: AL603 "bare `except:`"
        raise


async def other_handlers(conn):
    try:
        await conn.serve()
    except trio.Cancelled:
        raise
    except BaseException:
        await conn.send_goodbye()  # want: AL603 "`except BaseException`, which re-raises"
        raise
    try:
        await conn.serve()
    except trio.Cancelled:
        raise
    except BaseException:
        await conn.log_failure()
    try:
        await conn.serve()
    except ValueError:
        await conn.send_goodbye()  # want: AL603 "`except ValueError`, which re-raises"
        raise
    try:
        await conn.serve()
    except ValueError as exc:
        await conn.report(exc)  # want: AL603 "which re-raises"
        raise RuntimeError("serving failed") from exc
    try:
        await conn.serve()
    except ValueError:
        if conn.retry:
            await conn.reconnect()
        else:
            raise
    try:
        await conn.serve()
    except ValueError:
        await conn.reconnect()
    try:
        await conn.serve()
    except ValueError:
        await conn.reconnect()
        raise RuntimeError("cannot reconnect")


async def nested_function(conn):
    try:
        await conn.serve()
    finally:
        async def later():
            await conn.send_goodbye()

        conn.on_close(later)
