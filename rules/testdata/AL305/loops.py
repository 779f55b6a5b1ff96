import aiofiles
import asyncpg


async def numbers():
    yield 1


def sync_numbers():
    yield 1


async def coroutine():
    return [1]


class Source:
    async def items(self):
        yield 1

    async def dump(self):
        for x in self.items():  # want: AL305 "`self.items()` is an async iterable"
            print(x)


class Stream:
    def __aiter__(self):
        return self

    async def __anext__(self):
        raise StopAsyncIteration


async def consume(path, conn: asyncpg.Connection):
    for n in numbers():  # want: AL305 "`numbers()` is an async iterable: a plain `for` fails"
        print(n)
    else:
        pass
    for n in sync_numbers():
        print(n)
    async for n in numbers():
        print(n)
    for n in Stream():  # want: AL305
        print(n)
    async with aiofiles.open(path) as f:
        for line in f:  # want: AL305 "`f`"
            print(line)
    for record in conn.cursor("select 1"):  # want: AL305
        print(record)
    squares = [n * n for n in numbers()]  # want: AL305
    pairs = {n: m for n in range(3) for m in numbers()}  # want: AL305
    nested = [[m for m in numbers()] for _ in range(2)]  # want: AL305 "from Python 3.11"
    gen = (n for n in numbers())  # want: AL305 "makes the generator expression asynchronous"
    it = numbers()
    for n in it:  # want: AL305
        print(n)
    for n in await coroutine():
        print(n)
    return squares, pairs, nested, gen


def sync_consume():
    for n in numbers():  # want: AL305 "use `async for` in an `async def`"
        print(n)
    return [n for n in numbers()]  # want: AL305


async def shadowed(numbers):
    for n in numbers():
        print(n)
