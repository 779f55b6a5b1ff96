import contextlib
from contextlib import contextmanager as cm

import anyio
import pytest
import trio
import trio_websocket


def deadline(seconds):
    with trio.move_on_after(seconds) as scope:
        yield scope  # want: AL602 "`yield` inside `trio.move_on_after(...)`"


def two_yields():
    with anyio.CancelScope() as scope:
        yield scope  # want: AL602
        yield scope  # want: AL602


async def events(receive):
    async with trio.open_nursery():
        async for event in receive:
            yield event  # want: AL602 "`trio.open_nursery()`" AL604


async def messages(url):
    async with trio_websocket.open_websocket_url(url) as ws:
        while True:
            yield await ws.get_message()  # want: AL602 "open_websocket_url" AL604


@contextlib.contextmanager
def managed_deadline(seconds):
    with trio.move_on_after(seconds) as scope:
        yield scope


@cm
def aliased_contextmanager(seconds):
    with trio.fail_after(seconds) as scope:
        yield scope


@contextlib.asynccontextmanager
async def task_group():
    async with anyio.create_task_group() as tg:
        yield tg


@pytest.fixture
def scope_fixture():
    with trio.CancelScope() as scope:
        yield scope


@pytest.fixture(autouse=True)
def scope_fixture_with_arguments():
    with trio.CancelScope() as scope:
        yield scope


async def yield_outside_scope(stream):
    with trio.move_on_after(1):
        value = await stream.receive_some()
    yield value


def nested_generator():
    with trio.CancelScope():  # want: AL601
        def inner():
            yield 1

        trio.run(anyio.sleep, len(list(inner())))
