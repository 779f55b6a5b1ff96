import socket

import anyio


async def fetch(host):
    sock = socket.create_connection((host, 80))  # want: AL206 "use `anyio.connect_tcp`"
    sock.recv(10)  # want: AL206 "use `anyio.connect_tcp` or `anyio.create_tcp_listener`"
    await anyio.sleep(0)  # want: AL615
