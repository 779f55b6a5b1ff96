from . import helpers, legacy
from .helpers import slow as slow_alias
from .legacy import sync_read


def crunch():
    return 0


async def handle():
    helpers.slow()  # want: AL209 "`shop.helpers.slow` blocks the event loop in a coroutine; use `await shop.helpers.fast()`"
    slow_alias()  # want: AL209
    crunch()  # want: AL209 "a worker thread"
    legacy.sync_read()  # want: AL209 "the async twin"
    sync_read()  # want: AL209
    legacy.read()
    await helpers.fast()


def report():
    return 0


def sync_caller():
    helpers.slow()
    report()  # a function of this module, not the script's


async def not_the_script():
    report()
