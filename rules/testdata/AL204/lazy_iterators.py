"""Lazy iterators do their work while they are iterated: a worker thread
would only create them. One-shot calls move."""
import asyncio
import os
from pathlib import Path


async def scan(root: Path):
    names = os.listdir(root)  # want: AL204
    text = (root / "index").read_text()  # want: AL204
    for entry in os.scandir(root):  # want: AL204
        names.append(entry.name)
    for top, dirs, files in os.walk(root):  # want: AL204
        names.extend(files)
    names.extend(p.name for p in root.iterdir())  # want: AL204
    names.extend(p.name for p in root.glob("*.py"))  # want: AL204
    names.extend(p.name for p in root.rglob("*.py"))  # want: AL204
    await asyncio.sleep(0)
    return names, text
