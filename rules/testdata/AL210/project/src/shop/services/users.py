import asyncio

from shop import load_config, ping
from shop.cache import warm
from shop.config import defaults

from .base import Repository


class Users(Repository):
    async def get(self, key):
        self.load()  # want: AL210 "get -> load -> load_file -> open"
        await self.fetch(key)
        self.fetch(key)  # want: AL301
        return key


async def handler():
    config = load_config()  # want: AL210 "handler -> load_config -> load_file -> open"
    fallback = defaults()
    ping()  # want: AL210 "handler -> ping -> pong -> retry -> time.sleep"
    warm()  # allowed by the configuration
    await asyncio.to_thread(load_config)
    loader = lambda: load_config()
    return config, fallback, loader


def sync_caller():
    load_config()
    Users().fetch("k")  # want: AL301
