"""Tests of generate.py on small libraries written for them."""

import contextlib
import io
import os
import tempfile
import textwrap
import unittest

import generate


def write_tree(root, files):
    for path, text in files.items():
        full = os.path.join(root, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w", encoding="utf-8") as f:
            f.write(textwrap.dedent(text))


class GenerateTest(unittest.TestCase):
    def table(self, files, spec="demo"):
        """The rows generated for a library made of files: {name: {kind: via}}."""
        with tempfile.TemporaryDirectory() as root:
            write_tree(root, files)
            stderr = io.StringIO()
            with contextlib.redirect_stderr(stderr):
                text = generate.generate([f"{spec}={root}@1.0"])
        self.warnings = stderr.getvalue()
        rows = {}
        for line in text.splitlines():
            if line.startswith("#") or line.startswith("library\t"):
                continue
            lib, name, kind, via, version = line.split("\t")
            self.assertEqual(version, "1.0")
            rows.setdefault(name, {})[kind] = via
        return rows

    def test_functions_and_generators(self):
        rows = self.table({"demo/__init__.py": """
            from ._core import sleep as sleep, ticks
            __all__ = ["sleep", "ticks", "helper"]
            def helper():
                return 1
            """, "demo/_core.py": """
            async def sleep(t): ...
            async def ticks():
                yield 1
            async def _private(): ...
            """})
        self.assertEqual(rows["demo.sleep"], {"coroutine": "async def"})
        self.assertEqual(rows["demo.ticks"], {"asyncgen": "async generator"})
        self.assertNotIn("demo.helper", rows)
        self.assertFalse(any("_private" in n or "_core" in n for n in rows))

    def test_classes(self):
        rows = self.table({"demo/__init__.py": """
            class _Base:
                async def __aenter__(self): ...
                async def __aexit__(self, *a): ...
                async def close(self): ...
            class Session(_Base):
                def __enter__(self):
                    raise TypeError("use async with")
                def get(self): ...
            class Both(_Base):
                def __enter__(self): return self
            class Stream:
                def __aiter__(self): return self
                async def __anext__(self): ...
            class Lines(Stream):
                def __iter__(self): return self
            """})
        self.assertEqual(rows["demo.Session"], {"async-cm": "class: __aenter__"})
        self.assertEqual(rows["demo.Session.close"], {"coroutine": "async def"})
        self.assertNotIn("demo.Session.get", rows)
        self.assertNotIn("async-cm", rows.get("demo.Both", {}))
        self.assertEqual(rows["demo.Stream"], {"async-iter": "class: __aiter__"})
        self.assertNotIn("demo.Lines", rows)

    def test_functions_returning_async_objects(self):
        rows = self.table({"demo/__init__.py": """
            from contextlib import asynccontextmanager
            from typing import Awaitable, Coroutine
            class _Manager:
                async def __aenter__(self): ...
                async def __aexit__(self, *a): ...
            def open_nursery() -> _Manager:
                return _Manager()
            def timeout(delay):
                return _Manager()
            @asynccontextmanager
            async def lifespan():
                yield
            def early() -> "_Late":
                return make()
            class _Late:
                def __aiter__(self): ...
            def later() -> Awaitable[int]: ...
            def coro() -> "Coroutine[None, None, int]": ...
            def plain() -> int: ...
            """})
        self.assertEqual(rows["demo.open_nursery"], {"async-cm": "returns demo._Manager"})
        self.assertEqual(rows["demo.timeout"], {"async-cm": "returns demo._Manager"})
        self.assertEqual(rows["demo.lifespan"], {"async-cm": "@asynccontextmanager"})
        self.assertEqual(rows["demo.early"], {"async-iter": "returns demo._Late"})
        self.assertEqual(rows["demo.later"], {"awaitable": "-> Awaitable[int]"})
        self.assertEqual(rows["demo.coro"], {"coroutine": "-> Coroutine[None, None, int]"})
        self.assertNotIn("demo.plain", rows)

    def test_wrappers_and_factories(self):
        rows = self.table({"demo/__init__.py": """
            import functools, os
            def wrap(func):
                @functools.wraps(func)
                async def run(*args):
                    return func(*args)
                return run
            stat = wrap(os.stat)
            def guarded(meth):
                @functools.wraps(meth)
                def check(self, *args):
                    return meth(self, *args)
                return check
            def _make(name):
                async def method(self, *args): ...
                return method
            def delegate(*attrs):
                def build(cls):
                    for attr in attrs:
                        setattr(cls, attr, _make(attr))
                    return cls
                return build
            @delegate("read", "write")
            class File:
                @guarded
                async def seek(self, n): ...
                @property
                def name(self): ...
            """})
        self.assertEqual(rows["demo.stat"], {"coroutine": "= wrap(os.stat)"})
        self.assertEqual(rows["demo.File.read"], {"coroutine": "async def"})
        self.assertEqual(rows["demo.File.write"], {"coroutine": "async def"})
        self.assertIn("coroutine", rows["demo.File.seek"])
        self.assertNotIn("demo.File.name", rows)

    def test_methods_resolve_self_in_each_class(self):
        rows = self.table({"demo/__init__.py": """
            class Commands:
                def get(self, key):
                    return self.execute_command("GET", key)
                incr = get
            class Client(Commands):
                async def execute_command(self, *args): ...
            class Pipeline(Client):
                def execute_command(self, *args):
                    return self
            """})
        self.assertEqual(rows["demo.Client.get"], {"coroutine": "returns self.execute_command()"})
        self.assertIn("demo.Client.incr", rows)
        self.assertNotIn("demo.Pipeline.get", rows)
        self.assertNotIn("demo.Commands.get", rows)

    def test_aliases_and_submodule_library(self):
        rows = self.table({"demo/__init__.py": "", "demo/aio/__init__.py": """
            from demo.aio.client import Client, StrictClient
            from . import paths as path
            __all__ = ["Client", "StrictClient"]
            """, "demo/aio/client.py": """
            class Client:
                async def ping(self): ...
            StrictClient = Client
            """, "demo/aio/paths.py": """
            async def exists(p): ...
            """, "demo/sync.py": """
            async def outside(): ...
            """, "demo/tests/test_x.py": """
            async def test_it(): ...
            """}, spec="demo.aio")
        self.assertEqual(rows["demo.aio.Client.ping"], {"coroutine": "async def"})
        self.assertEqual(rows["demo.aio.StrictClient"], {"alias": "demo.aio.Client"})
        self.assertEqual(rows["demo.aio.client.Client"], {"alias": "demo.aio.Client"})
        self.assertEqual(rows["demo.aio.path.exists"], {"alias": "demo.aio.paths.exists"})
        self.assertFalse(any(n.startswith("demo.sync") or "test" in n for n in rows))

    def test_module_bodies_run_in_order(self):
        rows = self.table({"demo/__init__.py": """
            sync_open = open
            __all__ = ["open", "sync_open", "Future"]
            def open(path):
                return _Context()
            class _Context:
                def __await__(self): ...
            class Future:
                def __await__(self): ...
            try:
                import _speedups
            except ImportError:
                pass
            else:
                Future = _speedups.Future
            """})
        self.assertEqual(rows["demo.open"], {"awaitable": "returns demo._Context"})
        self.assertNotIn("demo.sync_open", rows)
        self.assertEqual(rows["demo.Future"], {"awaitable": "class: __await__"})

    def test_stub_files_win(self):
        rows = self.table({"demo/__init__.py": """
            from .core import Collection
            """, "demo/core.py": """
            class Collection:
                find_one = make_async("find_one")
            """, "demo/core.pyi": """
            class Collection:
                async def find_one(self, query): ...
            """})
        self.assertEqual(rows["demo.Collection.find_one"], {"coroutine": "async def"})

    def test_versions_of_two_trees_merge(self):
        with tempfile.TemporaryDirectory() as root:
            write_tree(root, {"old/demo/__init__.py": "async def a(): ...\n",
                              "new/demo/__init__.py": "async def a(): ...\nasync def b(): ...\n"})
            text = generate.generate([f"demo={root}/old@1.0", f"demo={root}/new@2.0"])
        lines = [line for line in text.splitlines() if line.startswith("demo\t")]
        self.assertEqual(lines, ["demo\tdemo.a\tcoroutine\tasync def\t1.0,2.0",
                                 "demo\tdemo.b\tcoroutine\tasync def\t2.0"])

    def test_version_is_read_from_the_tree(self):
        with tempfile.TemporaryDirectory() as root:
            write_tree(root, {"src/demo/__init__.py": "from ._version import __version__\n",
                              "src/demo/_version.py": "__version__ = '3.2.1'\n"})
            lib = generate.Library("demo", root, "")
        self.assertEqual(lib.version, "3.2.1")

    def test_bad_input_is_reported(self):
        with tempfile.TemporaryDirectory() as root:
            for argv, message in (
                    (["demo"], "expected LIBRARY=DIR"),
                    ([f"demo={root}/missing"], "not a directory"),
                    ([f"demo={root}"], "no package demo"),
            ):
                stderr = io.StringIO()
                with contextlib.redirect_stderr(stderr):
                    self.assertEqual(generate.main(argv), 2)
                self.assertIn(message, stderr.getvalue())
            write_tree(root, {"demo/__init__.py": "def broken(:\n"})
            stderr = io.StringIO()
            with contextlib.redirect_stderr(stderr):
                self.assertEqual(generate.main([f"demo={root}"]), 2)
            self.assertIn("cannot tell the version", stderr.getvalue())
            with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(io.StringIO()):
                self.assertEqual(generate.main([f"demo={root}@1"]), 0)
            self.assertIn("__init__.py: cannot parse", stderr.getvalue())

    def test_check(self):
        with tempfile.TemporaryDirectory() as root:
            write_tree(root, {"demo/__init__.py": "async def a(): ...\n"})
            table = os.path.join(root, "table.tsv")
            self.assertEqual(generate.main(["-o", table, f"demo={root}@1.0"]), 0)
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                self.assertEqual(generate.main(["--check", table]), 0)
                write_tree(root, {"demo/__init__.py": "async def a(): ...\nasync def b(): ...\n"})
                self.assertEqual(generate.main(["--check", table]), 1)
            self.assertIn("+demo\tdemo.b\tcoroutine", out.getvalue())


if __name__ == "__main__":
    unittest.main()
