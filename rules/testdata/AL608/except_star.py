# analysistest: target-version=py311
import trio


async def run(jobs):
    try:
        async with trio.open_nursery() as nursery:
            for job in jobs:
                nursery.start_soon(job)
    except* OSError as eg:
        raise eg.exceptions[0]  # want: AL608 "re-raise the group"
    except* KeyError as eg:
        raise LookupError("missing") from eg
