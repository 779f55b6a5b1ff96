"""Calls whose blocking API a mock replaces, and dispatched calls started as tasks."""
import asyncio
import time
from unittest import mock
from unittest.mock import MagicMock, patch

from shop.helpers import blocking_helper, fetch


async def patched_in_a_with():
    with patch("time.sleep"):
        blocking_helper()
    with mock.patch.object(time, "sleep", MagicMock()):
        blocking_helper()
    with patch("shop.helpers.time.sleep", new=MagicMock()):
        blocking_helper()
    with patch("time.monotonic"):
        blocking_helper()  # want: AL210 "patched_in_a_with -> blocking_helper -> time.sleep"
    blocking_helper()  # want: AL210


@patch("time.sleep")
async def patched_for_the_function(sleep):
    blocking_helper()


async def started_as_a_task():
    task = asyncio.create_task(fetch())
    await task
    fetch()  # want: AL210 "started_as_a_task -> fetch -> time.sleep"
