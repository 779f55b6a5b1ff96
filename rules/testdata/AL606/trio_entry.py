import contextlib
import functools

import trio


async def serve(handler, port, *, task_status=trio.TASK_STATUS_IGNORED):
    listeners = await trio.open_tcp_listeners(port)
    task_status.started()
    await trio.serve_listeners(handler, listeners)


async def plain_worker(port):
    await trio.sleep(port)


run_server = serve


@contextlib.asynccontextmanager
async def running_server(handler, port):
    async with trio.open_nursery() as nursery:
        nursery.start_soon(serve, handler, port)  # want: AL606 "use `await nursery.start(...)`"
        nursery.start_soon(functools.partial(serve, handler), port)  # want: AL606
        nursery.start_soon(run_server, handler, port)  # want: AL606
        nursery.start_soon(trio.serve_tcp, handler, port)  # want: AL606
        nursery.start_soon(plain_worker, port)
        yield
        nursery.start_soon(serve, handler, port)
        nursery.cancel_scope.cancel()


@contextlib.asynccontextmanager
async def closed_before_yield(handler, port):
    async with trio.open_nursery() as nursery:
        nursery.start_soon(serve, handler, port)
        nursery.start_soon(serve, handler, port + 1)
    yield


async def not_a_context_manager(handler, port):
    async with trio.open_nursery() as nursery:
        nursery.start_soon(serve, handler, port)
        nursery.start_soon(serve, handler, port + 1)


class Server:
    def __init__(self, handler, port):
        self.handler, self.port = handler, port
        self._nursery_manager = trio.open_nursery()
        self._nursery = None

    async def __aenter__(self):
        self._nursery = await self._nursery_manager.__aenter__()
        self._nursery.start_soon(serve, self.handler, self.port)  # want: AL606 "`self._nursery.start_soon(...)`"
        return self

    async def __aexit__(self, *exc_info):
        await self._nursery_manager.__aexit__(*exc_info)


class Typed:
    def __init__(self, nursery: trio.Nursery):
        self.group = nursery

    async def __aenter__(self):
        self.group.start_soon(serve, None, 0)
        return self

    async def __aexit__(self, *exc_info):
        self.group.cancel_scope.cancel()


async def __aenter__(nursery: trio.Nursery):
    nursery.start_soon(serve, None, 0)  # want: AL606
