"""Module docstring."""
from asyncio import wait


async def fetch(url): ...


async def main(a):
    await wait([fetch(a)])  # want: AL403 "`wait` given coroutines"
