"""Lazy iterators get no fix: their work runs as they are consumed."""
import asyncio
import glob
import os
from pathlib import Path


async def walk(root: Path):
    for entry in os.scandir(root):  # want: AL204 "`os.scandir` blocks the event loop in a coroutine; use a worker thread for the whole walk (`asyncio.to_thread`)"
        print(entry)
    for dirpath, _, _ in os.walk(root):  # want: AL204
        print(dirpath)
    for name in glob.iglob("*.py"):  # want: AL204
        print(name)
    for path in root.rglob("*.py"):  # want: AL204 "use a worker thread for the whole walk"
        print(path)
    names = os.listdir(root)  # want: AL204
    await asyncio.sleep(0)
    return names
