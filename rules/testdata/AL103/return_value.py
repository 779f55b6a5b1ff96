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
