"""Sockets set non-blocking, and lookups of numeric addresses, return at once."""
import asyncio
import socket

import trio

_NUMERIC_ONLY = socket.AI_NUMERICHOST
_NUMERIC_ONLY |= getattr(socket, "AI_NUMERICSERV", 0)


async def connect_unix(path):
    loop = asyncio.get_running_loop()
    raw_socket = socket.socket(socket.AF_UNIX)
    raw_socket.setblocking(False)
    while True:
        try:
            raw_socket.connect(path)
        except BlockingIOError:
            f = loop.create_future()
            loop.add_writer(raw_socket, f.set_result, None)
            await f
        else:
            return raw_socket


async def connect_given(raw_socket: socket.socket, path):
    # The handler shows the socket is non-blocking.
    try:
        raw_socket.connect(path)
    except (BlockingIOError, InterruptedError):
        await asyncio.sleep(0)


async def send_after_settimeout(host):
    sock = socket.socket()
    sock.settimeout(0)
    sock.connect_ex((host, 80))
    await asyncio.sleep(0)


async def numeric(host, port, flags):
    socket.getaddrinfo(host, port, 0, 0, 0, socket.AI_NUMERICHOST)
    socket.getaddrinfo(host, port, flags=flags | _NUMERIC_ONLY)
    socket.getaddrinfo(host, port)  # want: AL206 "`loop.getaddrinfo`"
    socket.getaddrinfo(host, port, flags=flags)  # want: AL206
    await asyncio.sleep(0)


async def blocking_socket(host):
    print(host)
    sock = socket.socket()
    sock.connect((host, 80))  # want: AL206 "asyncio streams"
    try:
        sock.recv(10)  # want: AL206
    except OSError:
        pass
    sock.setblocking(False)
    await asyncio.sleep(0)


async def other_socket(host):
    a = socket.socket()
    b = socket.socket()
    a.setblocking(False)
    b.connect((host, 80))  # want: AL206
    await asyncio.sleep(0)


async def after_readiness(sock: socket.socket, wait_readable):
    await trio.lowlevel.wait_writable(sock)
    sock.send(b"ping")
    await wait_readable(sock)
    return sock.recv(10)


async def readiness_of_another_socket(sock: socket.socket, other: socket.socket):
    await trio.lowlevel.wait_readable(other)
    return sock.recv(10)  # want: AL206
