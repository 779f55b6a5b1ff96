import asyncio
import os
import os.path
import shutil
from pathlib import Path


async def prepare(root: Path, name):
    if os.path.exists(name):  # want: AL211 "`os.path.exists` blocks the event loop in a coroutine; use `asyncio.to_thread`"
        os.remove(name)  # want: AL211
    os.makedirs(name, exist_ok=True)  # want: AL211
    size = os.stat(name).st_size  # want: AL211
    (root / "sub").mkdir(parents=True)  # want: AL211 "pathlib.Path.mkdir"
    target = root.resolve()  # want: AL211
    root.chmod(0o755)  # want: AL211
    usage = shutil.disk_usage(name)  # want: AL211
    # already in a worker thread
    await asyncio.to_thread(os.path.exists, name)
    # pure path functions
    os.path.join(name, "x")
    return size, target, usage


def sync(name):
    return os.path.exists(name)
