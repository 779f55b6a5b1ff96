"""Imports that something may still reach by name stay."""
import asyncio
import time
from time import sleep

__all__ = ["sleep", "main"]


async def main():
    time.sleep(1)  # want: AL201
    sleep(1)  # want: AL201
    await asyncio.sleep(0)


def started() -> "time.struct_time": ...
