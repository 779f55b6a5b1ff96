import time

__all__ = ["retry", "ping"]


def retry(fn):
    for _ in range(3):
        try:
            return fn()
        except OSError:
            time.sleep(1)


def ping():
    return pong()


def pong():
    # A cycle: pong and ping call each other; only retry blocks.
    return ping() or retry(lambda: 1)


def _private():
    time.sleep(1)
