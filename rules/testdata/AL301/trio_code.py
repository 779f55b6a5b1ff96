import trio


async def tick():
    trio.sleep(1)  # want: AL301 "write `await trio.sleep(...)`"


def start():
    tick()  # want: AL301 "run it with `trio.run`"


async def serve(path, port, handler, sock):
    trio.open_file(path)  # want: AL301 "trio.open_file(...)"
    trio.aclose_forcefully(sock)  # want: AL301
    trio.open_tcp_listeners(port)  # want: AL301
    trio.serve_listeners(handler, [])  # want: AL301
    trio.lowlevel.wait_readable(sock)  # want: AL301
    trio.lowlevel.checkpoint()  # want: AL301
    trio.sleep_until(trio.current_time() + 1)  # want: AL301
    async with trio.open_file(path) as f:  # want: AL301 "write `async with await trio.open_file(...)`"
        await f.read()
    async with await trio.open_file(path) as f:
        await f.read()
    async with trio.open_nursery() as nursery:
        nursery.start(handler)  # want: AL301 "nursery.start(...)"
        nursery.start_soon(handler)
        await nursery.start(handler)
        async with trio.open_nursery() as inner:  # want: AL614
            inner.start(handler)  # want: AL301
    kept: trio.Nursery = make_nursery()
    kept.start(handler)  # want: AL301
    trio.to_thread.current_default_thread_limiter()
    trio.current_time()
    trio.from_thread.run_sync(handler)


def make_nursery(): ...
