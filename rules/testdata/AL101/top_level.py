# analysistest: allow-top-level-await
import asyncio

await asyncio.sleep(1)
async with lock:
    pass
results = [await f(x) for x in range(3)]


class Config:
    value = await load()  # want: AL101 "class body"


def plain():
    await asyncio.sleep(1)  # want: AL101 "plain function"
