import abc
from typing import override

import trio


async def fetch(stream, timeout):  # want: AL613 "let callers bound the call with `with trio.move_on_after(...)` or `trio.fail_after(...)`"
    with trio.fail_after(timeout):
        return await stream.receive_some()


async def fetch_default(stream, timeout: float = 5.0):  # want: AL613
    await stream.send_all(b"x")


async def keyword_only(*, timeout=5):  # want: AL613
    await trio.sleep(timeout)


async def positional_only(timeout, /):  # want: AL613
    await trio.sleep(timeout)


async def spread(*timeout, **kwargs):
    await trio.sleep(0.1)


async def similar(timeouts, my_timeout, timeout_):
    await trio.sleep(0.1)


def sync(timeout):
    return timeout


class Base(abc.ABC):
    @abc.abstractmethod
    async def read(self, timeout: float):  # want: AL613
        ...


class Child(Base):
    @override
    async def read(self, timeout: float):
        await trio.sleep(timeout)


def wrap(f):
    return f


@wrap
async def decorated(timeout):
    await trio.sleep(timeout)
