"""anyio spells the duration delay."""

from anyio import sleep


async def tick():
    await sleep(0)  # want: AL615 "`anyio.sleep(0)` does not wait: it is a checkpoint; write `anyio.lowlevel.checkpoint()`"
    await sleep(delay=0x0)  # want: AL615
    await sleep(0.1)


async def misspelled():
    await sleep(seconds=0)  # want: AL615
