class asyncio:
    class CancelledError(Exception):
        pass


async def work(): ...


async def local_module_name():
    try:
        await work()
    except asyncio.CancelledError:
        pass
