from .. import helpers


def sync_read():
    return helpers.slow()


def read():
    return 0


async def reload():
    sync_read()  # want: AL209 "the async twin"
    helpers.slow()  # want: AL209
