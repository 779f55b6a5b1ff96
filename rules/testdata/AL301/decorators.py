import abc
import contextlib
import functools

from somewhere import background, cached


# A decorator may replace the coroutine function: calls are left alone
# unless the decorator is known.


@background
async def spawn():
    pass


@cached()
async def lookup(key):
    return key


def traced(fn):
    @functools.wraps(fn)
    async def wrapper(*args):
        return await fn(*args)

    return wrapper


@traced
async def traced_call():
    pass


@contextlib.asynccontextmanager
async def session():
    yield


class Store:
    async def execute(self, sql):
        pass

    @staticmethod
    def insert_txn(txn, sql):
        txn.execute(sql)

    @staticmethod
    async def ping():
        pass

    @classmethod
    async def create(cls):
        return cls()

    @abc.abstractmethod
    async def close(self):
        pass

    async def run(self):
        self.ping()  # want: AL301
        Store.ping()  # want: AL301
        Store.create()  # want: AL301
        self.close()  # want: AL301


async def main():
    spawn()
    lookup("k")
    traced_call()
    session()
    with session():  # want: AL304 "`session()` is an async context manager"
        pass
    async with session():
        pass
