import queue
import threading

import trio

lock = threading.Lock()
jobs = queue.Queue()


async def waits():
    with lock:  # want: AL208 "use a `trio.Lock` with `async with`"
        pass
    lock.acquire()  # want: AL208 "use `trio.Lock`"
    jobs.get()  # want: AL208 "use a memory channel (`trio.open_memory_channel`)"
    thread = threading.Thread(target=print)
    thread.join()  # want: AL208 "`await trio.to_thread.run_sync(thread.join)`"
    await trio.sleep(0)  # want: AL615
