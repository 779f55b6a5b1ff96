import asyncio
import asyncio.exceptions
import concurrent.futures
import sys
from asyncio import CancelledError


async def work(): ...


async def swallowed_with_pass():
    try:
        await work()
    except asyncio.CancelledError:  # want: AL402 "`except asyncio.CancelledError`"
        pass


async def swallowed_after_logging(log):
    try:
        await work()
    except CancelledError as e:  # want: AL402 "`except CancelledError`"
        log.info("cancelled: %s", e)


async def other_spellings():
    try:
        await work()
    except asyncio.exceptions.CancelledError:  # want: AL402
        pass
    try:
        await work()
    except concurrent.futures.CancelledError:  # want: AL402
        pass


async def returns(log):
    try:
        await work()
    except asyncio.CancelledError:  # want: AL402
        log.info("stopping")
        return None


async def returns_on_one_path(closing):
    try:
        await work()
    except asyncio.CancelledError:  # want: AL402
        if closing:
            return
        raise


async def loop_control(items):
    for item in items:
        try:
            await work()
        except asyncio.CancelledError:  # want: AL402
            continue
    while True:
        try:
            await work()
        except asyncio.CancelledError:  # want: AL402
            break


async def if_without_else(closing):
    try:
        await work()
    except asyncio.CancelledError:  # want: AL402
        if closing:
            raise


async def in_a_tuple():
    try:
        await work()
    except (ValueError, asyncio.CancelledError):  # want: AL402 "asyncio.CancelledError"
        pass


async def base_exception():
    try:
        await work()
    except BaseException:  # want: AL402 "`except BaseException`"
        pass
    try:
        await work()
    except (KeyError, BaseException) as e:  # want: AL402 "BaseException"
        print(e)


async def bare():
    try:
        await work()
    except:  # want: AL402 "bare `except:`"
        pass


async def reraised(log):
    try:
        await work()
    except asyncio.CancelledError:
        log.info("cancelled")
        raise


async def raised_from(log):
    try:
        await work()
    except asyncio.CancelledError as e:
        raise RuntimeError("stopped") from e  # want: AL619


async def raise_in_both_branches(closing):
    try:
        await work()
    except asyncio.CancelledError:
        if closing:
            raise
        elif closing is None:
            raise RuntimeError("odd")
        else:
            raise


async def raise_after_nested_try(cleanup):
    try:
        await work()
    except asyncio.CancelledError:
        try:
            await cleanup()
        except Exception:
            pass
        raise


async def raise_in_try_and_handlers(cleanup):
    try:
        await work()
    except asyncio.CancelledError:
        try:
            await cleanup()
            raise
        except Exception:
            raise


async def raise_in_finally(cleanup):
    try:
        await work()
    except asyncio.CancelledError:
        try:
            await cleanup()
        finally:
            raise


async def raise_in_with(lock):
    try:
        await work()
    except asyncio.CancelledError:
        async with lock:
            raise


async def loops_inside_the_handler(items):
    try:
        await work()
    except asyncio.CancelledError:
        for item in items:
            if item:
                break
            continue
        raise


async def nested_function_returns():
    try:
        await work()
    except asyncio.CancelledError:
        def describe():
            return "cancelled"
        print(describe())
        raise


async def exits_the_process(log):
    try:
        await work()
    except asyncio.CancelledError:
        log.info("interrupted")
        sys.exit(1)


async def exception_does_not_catch_cancellation():
    try:
        await work()
    except Exception:
        pass
    except (ValueError, KeyError):
        pass


def plain_function():
    try:
        pass
    except asyncio.CancelledError:
        pass
    except:
        pass


async def nested_plain_def():
    def callback(fut):
        try:
            fut.result()
        except asyncio.CancelledError:
            pass
    return callback


class CancelledLocal(Exception):
    pass


async def shadowed_name():
    BaseException = CancelledLocal
    try:
        await work()
    except BaseException:
        pass
