# analysistest: target-version=py311
def numbers():
    yield 1


class Numbers:
    def __iter__(self):
        return iter([1])


class AsyncNumbers(Numbers):
    def __aiter__(self):
        return self

    async def __anext__(self):
        raise StopAsyncIteration


list1: list[int] = [1, 2, 3]


async def loops(items: list[int], other, source):
    async for n in range(3):  # want: AL308 "`range(...)` is a synchronous iterable: `async for` fails on it at run time with TypeError"
        print(n)
    async for n in [1, 2]:  # want: AL308
        print(n)
    async for n in list1:  # want: AL308 "`list1`"
        print(n)
    async for n in items:  # want: AL308 "`items`"
        print(n)
    async for n in numbers():  # want: AL308 "`numbers()`"
        print(n)
    async for n in Numbers():  # want: AL308
        print(n)
    async for n in (x for x in other):  # want: AL308
        print(n)
    async for k, v in zip(other, other):  # want: AL308
        print(k, v)
    async for n in AsyncNumbers():
        print(n)
    async for n in (x async for x in source):
        print(n)
    async for n in other:
        print(n)
    return [n async for n in range(2)]  # want: AL308 "use a plain `for`"


def outside():
    return (n async for n in {1: 2})  # want: AL308


async def nested_async_comprehension(source):
    gen = ([i async for i in source] for _ in range(2))
    async for x in gen:
        print(x)
