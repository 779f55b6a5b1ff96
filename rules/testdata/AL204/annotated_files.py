import io
from io import BufferedReader, TextIOWrapper
from pathlib import Path
from typing import Optional


async def text(f: io.TextIOWrapper, g: Optional[BufferedReader], h: TextIOWrapper | None = None):
    f.read()  # want: AL204 "io.IOBase.read"
    g.readline()  # want: AL204
    h.write("x")  # want: AL204
    f.name
    f.fileno()


async def wrapped(data: bytes):
    buffer = io.TextIOWrapper(io.BytesIO(data))
    buffer.read()
    in_memory: io.StringIO = io.StringIO()
    in_memory.read()


async def code(path):
    io.open_code(path)  # want: AL204 "io.open_code"


async def paths():
    (p1, p2) = (Path("a"), Path("b"))
    p1.read_text()  # want: AL204 "pathlib.Path.read_text"
    p2.write_text("x")  # want: AL204
    declared: Path = make_path()
    declared.read_bytes()  # want: AL204


def make_path(): ...
