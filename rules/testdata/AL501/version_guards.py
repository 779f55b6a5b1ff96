import asyncio
import sys

import pytest

if sys.version_info < (3, 11):

    @asyncio.coroutine
    def old_style():
        yield from asyncio.sleep(1)

else:

    async def old_style():
        await asyncio.sleep(1)


if sys.version_info >= (3, 11):
    pass
else:

    @asyncio.coroutine
    def also_old_style():
        yield from asyncio.sleep(1)


@pytest.mark.skipif(sys.version_info >= (3, 11), reason="removed in 3.11")
def test_generator_based():
    @asyncio.coroutine
    def generator_part():
        yield from asyncio.sleep(0)

    return generator_part


@pytest.mark.skipif(sys.platform == "win32", reason="not on Windows")
def test_everywhere():
    @asyncio.coroutine  # want: AL501 "`test_everywhere` fails with AttributeError when it runs"
    def generator_part():
        yield from asyncio.sleep(0)

    return generator_part


@asyncio.coroutine  # want: AL501 "importing the module fails"
def at_import():
    yield from asyncio.sleep(0)
