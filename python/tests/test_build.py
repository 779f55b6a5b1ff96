"""Tests of python/backend/asynclint_build.py and the asynclint package:
python3 -m unittest discover -s python/tests"""

import base64
import hashlib
import os
import subprocess
import sys
import tempfile
import unittest
import zipfile

PYTHON = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(PYTHON, "backend"))
sys.path.insert(0, PYTHON)

import asynclint  # noqa: E402
import asynclint_build  # noqa: E402


class VersionTest(unittest.TestCase):
    def test_python_version(self):
        for version, want in {
            "0.1.0": "0.1.0",
            "0.1.1-dev.3+gabc1234": "0.1.1.dev3+gabc1234",
            "0.1.1-dev.3+gabc1234.dirty": "0.1.1.dev3+gabc1234.dirty",
            "0.1.1.dev3+gabc1234": "0.1.1.dev3+gabc1234",
        }.items():
            self.assertEqual(asynclint_build.python_version(version), want)
        for bad in ("1.0", "v0.1.0", "0.1.0-rc1", ""):
            with self.assertRaises(asynclint_build.BuildError):
                asynclint_build.python_version(bad)

    def test_git_version(self):
        with tempfile.TemporaryDirectory() as repo:
            env = dict(os.environ, GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")

            def git(*args):
                subprocess.run(("git", "-C", repo) + args, check=True, capture_output=True, env=env)

            def commit():
                git("-c", "user.name=t", "-c", "user.email=t@t.invalid", "commit", "-q",
                    "--allow-empty", "--no-gpg-sign", "-m", "c")

            def sha():
                return subprocess.run(("git", "-C", repo, "rev-parse", "--short=8", "HEAD"),
                                      check=True, capture_output=True, text=True).stdout.strip()

            git("init", "-q")
            with open(os.path.join(repo, "f"), "w") as f:
                f.write("1")
            git("add", "f")
            commit()
            self.assertEqual(asynclint_build.git_version(repo), "0.0.1-dev.1+g" + sha())
            git("tag", "v0.1.0")
            self.assertEqual(asynclint_build.git_version(repo), "0.1.0")
            commit()
            commit()
            self.assertEqual(asynclint_build.git_version(repo), "0.1.1-dev.2+g" + sha())
            with open(os.path.join(repo, "f"), "w") as f:
                f.write("2")
            self.assertEqual(asynclint_build.git_version(repo), "0.1.1-dev.2+g%s.dirty" % sha())


class WheelTest(unittest.TestCase):
    def test_platform_wheel(self):
        with tempfile.TemporaryDirectory() as tmp:
            exes = []
            for name in ("asynclint", "asyncls"):
                exes.append(os.path.join(tmp, name))
                with open(exes[-1], "wb") as f:
                    f.write(b"\x7fELF " + name.encode())
            tag = "py3-none-manylinux_2_17_x86_64.musllinux_1_1_x86_64"
            path = asynclint_build.write_wheel(tmp, "0.1.1-dev.3+gabc", tag, exes)
            self.assertEqual(os.path.basename(path), "asynclint-0.1.1.dev3+gabc-%s.whl" % tag)
            with zipfile.ZipFile(path) as z:
                names = z.namelist()
                for name in ("asynclint/__init__.py", "asynclint/__main__.py",
                             "asynclint-0.1.1.dev3+gabc.data/scripts/asynclint",
                             "asynclint-0.1.1.dev3+gabc.data/scripts/asyncls"):
                    self.assertIn(name, names)
                scripts = z.getinfo("asynclint-0.1.1.dev3+gabc.data/scripts/asyncls")
                self.assertEqual(scripts.external_attr >> 16 & 0o111, 0o111)
                info = "asynclint-0.1.1.dev3+gabc.dist-info/"
                wheel = z.read(info + "WHEEL").decode()
                self.assertIn("Root-Is-Purelib: false", wheel)
                self.assertIn("Tag: py3-none-manylinux_2_17_x86_64\n", wheel)
                self.assertIn("Tag: py3-none-musllinux_1_1_x86_64\n", wheel)
                self.assertIn("Version: 0.1.1.dev3+gabc\n", z.read(info + "METADATA").decode())
                record = z.read(info + "RECORD").decode().splitlines()
                self.assertEqual(sorted(line.split(",")[0] for line in record), sorted(names))
                for line in record:
                    name, digest, size = line.split(",")
                    if name.endswith("RECORD"):
                        continue
                    data = z.read(name)
                    want = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
                    self.assertEqual((digest, int(size)), ("sha256=" + want.decode(), len(data)))

    def test_pre_commit_wheel_requires_the_release(self):
        with tempfile.TemporaryDirectory() as tmp:
            with open(os.path.join(tmp, "VERSION"), "w") as f:
                f.write("0.2.0\n")
            saved = asynclint_build.source_version
            asynclint_build.source_version = lambda root=None: saved(tmp)
            try:
                name = asynclint_build.pre_commit.build_wheel(tmp)
            finally:
                asynclint_build.source_version = saved
            self.assertEqual(name, "asynclint_pre_commit-0.2.0-py3-none-any.whl")
            with zipfile.ZipFile(os.path.join(tmp, name)) as z:
                meta = z.read("asynclint_pre_commit-0.2.0.dist-info/METADATA").decode()
                self.assertIn("Requires-Dist: asynclint==0.2.0\n", meta)
                self.assertFalse([n for n in z.namelist() if ".dist-info/" not in n])


class SdistTest(unittest.TestCase):
    def test_files(self):
        files = asynclint_build.sdist_files()
        for want in ("go.mod", "go.sum", "LICENSE", "README.md", "pyproject.toml",
                     "cmd/asynclint/main.go", "cmd/asyncls/main.go", "version/version.go",
                     "python/backend/asynclint_build.py", "python/asynclint/__main__.py"):
            self.assertIn(want, files)
        for name in files:
            self.assertFalse(name.endswith("_test.go"), name)
            self.assertFalse(name.startswith(("testdata/", "editors/", "scripts/", "python/tests/")), name)
            self.assertTrue("/" in name or name in asynclint_build.SDIST_ROOT_FILES, name)


class FindBinTest(unittest.TestCase):
    def test_target_install(self):
        # pip install --target DIR: DIR/asynclint/ and DIR/bin/asynclint.
        with tempfile.TemporaryDirectory() as target:
            bin_dir = os.path.join(target, "Scripts" if os.name == "nt" else "bin")
            os.makedirs(bin_dir)
            exe = os.path.join(bin_dir, "asyncls" + (".exe" if os.name == "nt" else ""))
            open(exe, "w").close()
            saved = asynclint.__file__
            asynclint.__file__ = os.path.join(target, "asynclint", "__init__.py")
            try:
                self.assertEqual(asynclint.find_bin("asyncls"), exe)
            finally:
                asynclint.__file__ = saved

    def test_missing(self):
        with self.assertRaisesRegex(FileNotFoundError, "no-such-tool"):
            asynclint.find_bin("no-such-tool")


if __name__ == "__main__":
    unittest.main()
