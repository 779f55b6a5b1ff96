import trio


async def fetch():
    await trio.sleep(0)  # want: AL615


async def main():
    pending = fetch()  # want: AL302 "`await` it, or start its function in a nursery with `nursery.start_soon`"
    async with trio.open_nursery() as nursery:  # want: AL614
        nursery.start_soon(fetch)
