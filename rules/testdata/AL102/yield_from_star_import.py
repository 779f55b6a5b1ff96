# A star import may bind any name: the loop variable of the fix is still
# a name the coroutine does not spell.
from os import *


async def legacy():
    yield from [1, 2, 3]  # want: AL102


async def uses_item():
    print(item)
    yield from [1, 2]  # want: AL102
