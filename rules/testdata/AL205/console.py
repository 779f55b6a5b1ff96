import asyncio


async def ask():
    answer = input("continue? ")  # want: AL205
    return answer == "y"


async def fine():
    return await asyncio.to_thread(input, "continue? ")


async def shadowed(input):
    return input("x")
