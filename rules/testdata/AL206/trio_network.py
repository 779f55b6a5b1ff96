import socket

import trio


async def resolve(host):
    await trio.sleep(0)  # want: AL615
    return socket.gethostbyname(host)  # want: AL206 "use `trio.socket.getaddrinfo`"


async def fetch(host):
    sock = socket.create_connection((host, 80))  # want: AL206 "use `trio.open_tcp_stream`"
    sock.sendall(b"ping")  # want: AL206 "use `trio.open_tcp_stream` or `trio.serve_tcp`"
    await trio.sleep(0)  # want: AL615
