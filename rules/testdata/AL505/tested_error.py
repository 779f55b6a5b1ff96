"""A test that expects the error of the removed API keeps the call."""
import asyncio
import unittest

import pytest


class LoopArgumentTest(unittest.TestCase):
    def test_sleep_rejects_loop(self):
        loop = asyncio.new_event_loop()
        with self.assertRaises(TypeError):
            loop.run_until_complete(asyncio.sleep(0, loop=loop))  # want: AL504 AL505
        with self.assertRaises(AttributeError):
            asyncio.Task.all_tasks()  # want: AL505
        loop.close()


async def test_queue_rejects_loop():
    loop = asyncio.get_running_loop()
    with pytest.raises(TypeError, match="loop"):
        asyncio.Queue(loop=loop)  # want: AL505
    asyncio.Event(loop=loop)  # want: AL505
