# analysistest: target-version=py311


async def nested_comprehensions():
    return [[y async for y in g(x)] for x in range(3)]


def plain():
    return [[y async for y in g(x)] for x in range(3)]  # want: AL101 "plain function"


def in_generator_expression():
    return ([y async for y in g(x)] for x in range(3))
