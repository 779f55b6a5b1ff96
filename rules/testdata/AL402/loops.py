"""Handlers that always raise from inside a loop or a match."""
import asyncio


async def work(): ...


async def retries_then_raises(conn, log):
    try:
        await work()
    except asyncio.CancelledError:
        for attempt in range(3):
            try:
                await conn.close()
            except OSError:
                log.warning("close failed, attempt %d", attempt)
                continue
            raise
        else:
            raise


async def first_turn_raises(conn):
    try:
        await work()
    except asyncio.CancelledError:
        for _ in range(3):
            await conn.close()
            raise


async def until_closed(conn):
    try:
        await work()
    except asyncio.CancelledError:
        while True:
            try:
                await conn.close()
            except OSError:
                await asyncio.sleep(1)
                continue
            raise


async def match_every_case(log):
    try:
        await work()
    except BaseException as exc:
        match exc:
            case OSError():
                log.warning("os error")
                raise
            case _:
                raise


async def loop_may_be_empty(conns):
    try:
        await work()
    except asyncio.CancelledError:  # want: AL402
        for conn in conns:
            await conn.close()
            raise


async def loop_breaks(conn):
    try:
        await work()
    except asyncio.CancelledError:  # want: AL402
        while True:
            if await conn.close():
                break
            raise


async def loop_else_after_break(conns):
    try:
        await work()
    except asyncio.CancelledError:  # want: AL402
        for conn in conns:
            if conn.closed:
                break
            await conn.close()
        else:
            raise


async def match_without_wildcard(log):
    try:
        await work()
    except BaseException as exc:  # want: AL402
        match exc:
            case OSError():
                raise
            case asyncio.CancelledError():
                raise


async def match_with_a_guard(log, closing):
    try:
        await work()
    except BaseException as exc:  # want: AL402
        match exc:
            case _ if closing:
                raise
