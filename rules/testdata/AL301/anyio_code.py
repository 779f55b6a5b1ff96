import anyio
from anyio.abc import TaskGroup


async def work(path, sock, fn):
    anyio.open_file(path)  # want: AL301 "anyio.open_file(...)"
    anyio.aclose_forcefully(sock)  # want: AL301
    anyio.lowlevel.checkpoint()  # want: AL301
    anyio.sleep_until(anyio.current_time() + 1)  # want: AL301
    anyio.Path(path).read_text()  # want: AL301
    async with anyio.open_file(path) as f:  # want: AL301 "write `async with await anyio.open_file(...)`"
        await f.read()
    async with await anyio.open_file(path) as f:
        await f.read()
    async with anyio.create_task_group() as tg:
        tg.start_soon(fn)
        tg.start(fn)  # want: AL301 "tg.start(...)"
        await tg.start(fn)
    anyio.to_thread.current_default_thread_limiter()


async def run_in(tg: TaskGroup | None, fn):
    tg.start(fn)  # want: AL301
    tg.start_soon(fn)
