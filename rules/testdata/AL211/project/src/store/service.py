from .paths import exists, load


async def handler(path):
    # A metadata call is too short a stall to follow through callers.
    if exists(path):
        return load(path)  # want: AL210 "handler -> load -> open"
    return None
