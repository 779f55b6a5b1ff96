import asyncio


async def asyncio_delivers_cancellation_once(conn):
    try:
        await conn.serve()
    except asyncio.CancelledError:
        await conn.send_goodbye()
        raise
    finally:
        await conn.close()
