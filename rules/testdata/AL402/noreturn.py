"""Handlers that re-raise through a helper that never returns."""
import asyncio
import sys
from typing import Generic, NoReturn, TypeVar

from typing_extensions import Never

T = TypeVar("T")


async def work(): ...


def convert_error(exc: BaseException) -> NoReturn:
    raise RuntimeError("failed") from exc


def convert_quoted(exc) -> "NoReturn":
    raise RuntimeError("failed") from exc


async def convert_async(exc) -> Never:
    raise RuntimeError("failed") from exc


def log_error(exc):
    print(exc)


class SocketMixin(Generic[T]):
    def _convert_socket_error(self, exc: BaseException) -> NoReturn:
        raise OSError("socket closed") from exc


class UDPSocket(SocketMixin[int]):
    async def receive(self, sock):
        try:
            return await sock.recv(65536)
        except BaseException as exc:
            self._convert_socket_error(exc)

    async def send(self, sock, data):
        try:
            await sock.send(data)
        except BaseException as exc:
            return self._convert_socket_error(exc)


async def through_module_functions():
    try:
        await work()
    except BaseException as exc:
        convert_error(exc)
    try:
        await work()
    except asyncio.CancelledError as exc:
        convert_quoted(exc)
    try:
        await work()
    except asyncio.CancelledError as exc:
        await convert_async(exc)
    try:
        await work()
    except BaseException:
        sys.exit(1)


async def helper_that_returns():
    try:
        await work()
    except BaseException as exc:  # want: AL402 "`except BaseException`"
        log_error(exc)


def reraise_cancellation(exc, stream):
    stream.close()
    if not isinstance(exc, Exception) or isinstance(exc, asyncio.CancelledError):
        raise


def reraise_os_error(exc):
    if isinstance(exc, OSError):
        raise


class Listener:
    @staticmethod
    async def handle_error(exc: BaseException, stream) -> None:
        await stream.aclose()
        if not isinstance(exc, Exception):
            raise

    async def serve(self, stream):
        try:
            await work()
        except BaseException as exc:
            await self.handle_error(exc, stream)


async def through_handed_exception(stream):
    try:
        await work()
    except BaseException as exc:
        reraise_cancellation(exc, stream)
    try:
        await work()
    except BaseException as exc:  # want: AL402
        reraise_os_error(exc)
    try:
        await work()
    except BaseException as exc:  # want: AL402
        reraise_cancellation(stream, exc)
