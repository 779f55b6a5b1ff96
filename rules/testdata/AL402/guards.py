"""Handlers whose only way on is for an error that is not a cancellation."""
import asyncio
import errno


async def work(): ...


class ProjectError(Exception):
    pass


async def retries_one_error(sockets):
    for sock in sockets:
        try:
            await sock.bind()
        except BaseException as exc:
            if isinstance(exc, OSError) and exc.errno == errno.EADDRINUSE:
                continue
            raise


async def lets_base_exceptions_through(future):
    try:
        value = await work()
    except BaseException as exc:
        future.set_exception(exc)
        if not isinstance(exc, Exception):
            raise
    else:
        future.set_result(value)


async def reraises_cancellation_first(log):
    try:
        await work()
    except BaseException as exc:
        if isinstance(exc, (asyncio.CancelledError, KeyboardInterrupt)):
            raise
        log.exception("failed")


async def reads_errno(log):
    try:
        await work()
    except BaseException as exc:
        if exc.errno == errno.EINTR:
            return
        raise


async def unknown_class(log):
    try:
        await work()
    except BaseException as exc:  # want: AL402
        if isinstance(exc, ProjectError):
            log.warning("project error")
            return
        raise


async def isinstance_of_another_name(other, log):
    try:
        await work()
    except BaseException as exc:  # want: AL402
        if isinstance(other, OSError):
            return
        raise


async def errno_read_maybe(log):
    try:
        await work()
    except BaseException as exc:  # want: AL402
        if log.enabled or exc.errno == errno.EINTR:
            return
        raise
