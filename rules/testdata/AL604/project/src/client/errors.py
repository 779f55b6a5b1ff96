import contextlib


class RequestError(Exception):
    request = None


@contextlib.contextmanager
def request_context(request=None):
    """Attaches the request to the errors of the block."""
    try:
        yield
    except RequestError as exc:
        exc.request = request
        raise


@contextlib.contextmanager
def timed(clock):
    start = clock()
    try:
        yield
    except RequestError:
        raise
    finally:
        print(clock() - start)


@contextlib.contextmanager
def logged(log):
    try:
        yield
    except BaseException:
        log("abandoned")
        raise


@contextlib.contextmanager
def held(lock):
    lock.acquire()
    try:
        yield lock
    except RuntimeError:
        raise
    lock.release()
