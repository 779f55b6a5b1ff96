import asyncio
import time


async def pause():
    await asyncio.sleep(1)  # noqa: AL201  # want: AL901 "this noqa comment silences nothing: AL201 reports nothing on this line; remove it"
    time.sleep(1)  # noqa: AL201
    time.sleep(2)  # noqa: ASYNC251
    time.sleep(3)  # NOQA:AL201,AL202  # want: AL901 "this noqa comment names codes that silence nothing: AL202 reports nothing on this line; remove AL202 from it"
    time.sleep(4)  # noqa: AL201, AL201  # want: AL901 "AL201 is listed twice"
    await asyncio.sleep(5)  # noqa: AL201, E501  # want: AL901 "remove AL201 from it"
    await asyncio.sleep(6)  # noqa
    await asyncio.sleep(7)  # noqa: ASYNC251, F401, AL999
    await asyncio.sleep(8)  # noqa: AL613
    await asyncio.sleep(9)  # noqa: AL201, AL901
    await asyncio.sleep(10)  # noqa: AL202, RUF100


def sync():
    return 1  # noqa: AL201 because it used to block  # want: AL901
