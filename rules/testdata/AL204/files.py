import glob
import io
import os
import os.path
import pathlib
import shutil
from pathlib import Path

import aiofiles
import anyio


async def read(path):
    with open(path) as f:  # want: AL204 "`anyio.open_file` with `async with`"
        data = f.read()  # want: AL204 "io.IOBase.read"
    fh = io.open(path, "rb")  # want: AL204
    fh.readline()  # want: AL204
    return data


async def paths(p: Path, name):
    Path(name).read_text()  # want: AL204 "pathlib.Path.read_text"
    here = pathlib.Path(".")
    for child in here.iterdir():  # want: AL204 "`anyio.Path`, or a worker thread for the whole walk (`anyio.to_thread.run_sync`)"
        pass
    os.listdir(name)  # want: AL204 "use `anyio.to_thread.run_sync`"
    shutil.copy(name, "x")  # want: AL204
    glob.glob("*.py")  # want: AL204
    # one metadata call is AL211's
    (Path(name) / "sub").exists()
    p.mkdir(parents=True)
    os.path.exists(name)
    # pure string functions never touch the disk
    os.path.join(name, "x")
    os.path.basename(name)
    Path(name).with_suffix(".txt").name


async def fine(path):
    async with aiofiles.open(path) as f:
        await f.read()
    await anyio.Path(path).read_text()
    await anyio.to_thread.run_sync(os.path.exists, path)
