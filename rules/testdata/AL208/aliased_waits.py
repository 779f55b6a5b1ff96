# Waits named through aliases: the functions of concurrent.futures under
# other names, and a primitive of a module imported under another name.
from concurrent.futures import as_completed as each_done, wait as wait_all
import threading as th

barrier = th.Barrier(2)


async def waits(fs):
    wait_all(fs)  # want: AL208 "concurrent.futures.wait"
    for f in each_done(fs):  # want: AL208 "concurrent.futures.as_completed"
        pass
    barrier.wait()  # want: AL208 "threading.Barrier.wait"
    barrier.reset()
