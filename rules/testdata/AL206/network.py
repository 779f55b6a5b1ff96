import asyncio
import smtplib
import socket
import ssl


async def connect(host):
    socket.gethostbyname(host)  # want: AL206 "loop.getaddrinfo"
    sock = socket.create_connection((host, 80))  # want: AL206
    sock.sendall(b"x")  # want: AL206 "socket.socket.sendall"
    sock.recv(10)  # want: AL206
    raw = socket.socket()
    raw.connect((host, 80))  # want: AL206
    tls = ssl.create_default_context().wrap_socket(raw)
    tls.do_handshake()  # want: AL206
    with smtplib.SMTP(host) as smtp:  # want: AL206
        smtp.send_message(None)  # want: AL206
    reader, writer = await asyncio.open_connection(host, 80)
    await reader.read(10)
    await asyncio.get_running_loop().getaddrinfo(host, 80)
