from pathlib import Path

import anyio


async def touch(path: Path):
    path.touch()  # want: AL211 "use `anyio.Path` or `anyio.to_thread.run_sync`"
    await anyio.Path(path).touch()
