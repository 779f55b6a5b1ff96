import asyncio

await asyncio.sleep(1)  # want: AL101 "at module level"


def plain():
    await asyncio.sleep(1)  # want: AL101 "plain function `plain`"
    async for x in source():  # want: AL101 "async for"
        pass
    async with lock:  # want: AL101 "async with"
        pass


def plain_comprehension():
    return [x async for x in source()]  # want: AL101 "asynchronous comprehension in the plain function"


class Config:
    value = await load()  # want: AL101 "class body"


handler = lambda: await asyncio.sleep(1)  # want: AL101 "lambda"


async def coroutine():
    await asyncio.sleep(1)
    async for x in source():
        pass
    async with lock:
        pass
    values = [await f(x) for x in range(3)]
    pairs = {k: await f(k) async for k in source()}

    def nested():
        await asyncio.sleep(1)  # want: AL101 "plain function `nested`"

    callback = lambda: await asyncio.sleep(1)  # want: AL101 "lambda"

    class Inner:
        x = await load()  # want: AL101 "class body"

    async def nested_async():
        await asyncio.sleep(1)


def generator_expressions():
    # An async generator expression is legal anywhere...
    gen = (await f(x) for x in range(3))
    agen = (x async for x in source())
    # ...but its first iterable runs in the enclosing function.
    bad = (x for x in await source())  # want: AL101 "plain function"
    return gen, agen, bad


def comprehension_iterable():
    # The first iterable of a comprehension is evaluated outside it.
    return [x for x in await source()]  # want: AL101 "plain function"


async def nested_comprehensions():
    # Legal from Python 3.11; the default target is 3.10.
    return [[y async for y in g(x)] for x in range(3)]  # want: AL101 "before Python 3.11"


def in_generator_expression():
    # Legal from Python 3.11 only.
    return ([y async for y in g(x)] for x in range(3))  # want: AL101 "before Python 3.11"


def annotations():
    # CPython never evaluates the annotation of a local variable.
    rows: [v async for v in source()] = []
    self.x: await source() = 1


def parameter_annotation(x: await source()):  # want: AL101 "at module level"
    pass
