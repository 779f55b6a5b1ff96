import concurrent.futures
import queue
import threading

lock = threading.Lock()
q = queue.Queue()


async def waits(executor: concurrent.futures.ThreadPoolExecutor):
    lock.acquire()  # want: AL208 "threading.Lock.acquire"
    lock.acquire(blocking=False)
    lock.acquire(False)
    with lock:  # want: AL208 "`with` on a `threading.Lock`"
        pass
    q.get()  # want: AL208
    q.get(block=False)
    q.get_nowait()
    t = threading.Thread(target=print)
    t.join()  # want: AL208
    future = executor.submit(print)
    future.result()  # want: AL208
    event = threading.Event()
    event.wait()  # want: AL208


def sync():
    with lock:
        q.get()
