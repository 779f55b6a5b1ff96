from asyncio import get_event_loop


async def main():
    loop = get_event_loop()  # want: AL502 "`asyncio.get_event_loop()` in a coroutine"
    return loop


async def name_taken(asyncio):
    return get_event_loop()  # want: AL502


async def second():
    return get_event_loop()  # want: AL502
