def slow():
    return sum(range(10**6))


async def fast():
    return 0
