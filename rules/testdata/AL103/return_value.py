async def rows(cursor):
    async for row in cursor:
        yield row
    return None  # want: AL103


async def early(flag):
    if flag:
        return  # a bare return ends the generator
    yield 1


async def coroutine():
    return 1


async def outer():
    def inner():
        yield 1
        return 2  # a plain generator may return a value

    async def agen():
        yield 1
        return 2  # want: AL103

    return inner  # outer itself does not yield


async def delegates(gen):
    value = yield from gen  # want: AL102
    return value  # AL102's fix, await, leaves no generator


async def delegates_and_yields(gen):
    yield 1
    value = yield from gen  # want: AL102
    return value  # want: AL103


async def returns_first(gen, flag):
    if flag:
        return 1  # want: AL103
    yield from gen  # want: AL102
