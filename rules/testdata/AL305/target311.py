# analysistest: target-version=py311


async def numbers():
    yield 1


async def consume():
    return [[m for m in numbers()] for _ in range(2)]  # want: AL305
