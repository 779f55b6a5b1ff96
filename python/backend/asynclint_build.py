"""asynclint's Python packaging, with nothing but the standard library.

As a PEP 517 build backend (pyproject.toml names it, with backend-path), it
builds the source distribution, and from it a wheel for the platform it
runs on: the executables are compiled with Go, which must be on PATH. The
release script uses write_wheel to package the cross-compiled executables
as platform wheels. pre_commit is the backend of the pre-commit hook
repository.

A wheel puts the executables where pip puts scripts (the
<name>-<version>.data/scripts/ directory of the wheel), so they land on
the virtualenv's PATH, and adds the asynclint package for
``python -m asynclint``.
"""

import base64
import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import tempfile
import time
import zipfile

NAME = "asynclint"
COMMANDS = ("asynclint", "asyncls")
MODULE = "github.com/asynclint/asynclint"

# The source tree: this file is python/backend/asynclint_build.py.
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

SUMMARY = (
    "A linter and language server for async Python: blocking calls in coroutines, "
    "coroutines that never run, lost tasks"
)
CLASSIFIERS = (
    "Development Status :: 4 - Beta",
    "Environment :: Console",
    "Intended Audience :: Developers",
    "License :: OSI Approved :: MIT License",
    "Operating System :: OS Independent",
    "Programming Language :: Go",
    "Programming Language :: Python :: 3",
    "Framework :: AsyncIO",
    "Topic :: Software Development :: Quality Assurance",
)
URLS = (
    ("Source", "https://github.com/asynclint/asynclint"),
    ("Changelog", "https://github.com/asynclint/asynclint/blob/main/CHANGELOG.md"),
    ("Issues", "https://github.com/asynclint/asynclint/issues"),
)

# What a source distribution leaves out of the tracked files: what only the
# tests, the benchmarks, the editors and the release need.
SDIST_SKIP_DIRS = {"testdata", "tests", "bench", "editors", "scripts", ".github", ".ci"}
SDIST_ROOT_FILES = ("go.mod", "go.sum", "LICENSE", "README.md", "CHANGELOG.md", "pyproject.toml")
SDIST_SOURCE_SUFFIXES = (".go", ".c", ".h", ".py")


class BuildError(Exception):
    """A build that cannot go on, with a message for the user."""


# Versions.

# An asynclint version, or its PEP 440 spelling ("0.1.1.dev3+gabc1234").
_VERSION = re.compile(r"(\d+)\.(\d+)\.(\d+)(?:(?:-dev\.|\.dev)(\d+))?(?:\+([0-9A-Za-z.]+))?")


def git_version(root=ROOT):
    """The version of the checkout at root, from its latest vX.Y.Z tag: that
    version on the tagged commit itself, else the next patch release as a
    development version, "0.1.1-dev.3+gabc1234" three commits later (with
    ".dirty" when files changed). It is the version asynclint reports; see
    python_version for the wheel's."""

    def git(*args):
        return subprocess.run(
            ("git", "-C", root) + args, check=True, capture_output=True, text=True
        ).stdout.strip()

    try:
        sha = git("rev-parse", "--short=8", "HEAD")
        dirty = git("status", "--porcelain", "--untracked-files=no") != ""
        try:
            tag = git("describe", "--tags", "--abbrev=0", "--match", "v[0-9]*")
            count = int(git("rev-list", "--count", tag + "..HEAD"))
        except subprocess.CalledProcessError:  # no release tag yet
            tag, count = "v0.0.0", int(git("rev-list", "--count", "HEAD"))
    except (OSError, subprocess.CalledProcessError) as err:
        raise BuildError("asynclint: cannot read the version from git in %s: %s" % (root, err))
    m = re.fullmatch(r"v(\d+)\.(\d+)\.(\d+)", tag)
    if m is None:
        raise BuildError("asynclint: tag %s is not of the form vMAJOR.MINOR.PATCH" % tag)
    if count == 0 and not dirty:
        return "%s.%s.%s" % m.groups()
    major, minor, patch = (int(g) for g in m.groups())
    local = "g" + sha + (".dirty" if dirty else "")
    return "%d.%d.%d-dev.%d+%s" % (major, minor, patch + 1, count, local)


def python_version(version):
    """The PEP 440 spelling of an asynclint version: "0.1.1-dev.3+gabc1234"
    is "0.1.1.dev3+gabc1234"; a release version is the same in both."""
    m = _VERSION.fullmatch(version)
    if m is None:
        raise BuildError(
            "asynclint: version %r is not MAJOR.MINOR.PATCH, optionally followed by "
            "-dev.N and +LOCAL" % version
        )
    major, minor, patch, dev, local = m.groups()
    v = "%s.%s.%s" % (major, minor, patch)
    if dev is not None:
        v += ".dev" + dev
    if local is not None:
        v += "+" + local
    return v


# Metadata.


def metadata(version, name=NAME, summary=SUMMARY, requires=()):
    """The core metadata (METADATA in a wheel, PKG-INFO in an sdist), with
    the README.md beside ROOT as the description."""
    lines = [
        "Metadata-Version: 2.1",
        "Name: " + name,
        "Version: " + python_version(version),
        "Summary: " + summary,
        "Author: The asynclint authors",
        "License: MIT",
        "Keywords: asyncio,trio,anyio,linter,language-server",
        "Requires-Python: >=3.8",
    ]
    lines += ["Requires-Dist: " + r for r in requires]
    lines += ["Classifier: " + c for c in CLASSIFIERS]
    lines += ["Project-URL: %s, %s" % u for u in URLS]
    lines.append("Description-Content-Type: text/markdown")
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as f:
        readme = f.read()
    return "\n".join(lines) + "\n\n" + readme


# Wheels.


def _zip_time():
    """The time stamped on archive members: SOURCE_DATE_EPOCH when set, for
    reproducible builds, else the earliest a zip file can hold."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None:
        return (1980, 1, 1, 0, 0, 0)
    return time.gmtime(max(int(epoch), 315532800))[:6]


def write_wheel(out_dir, version, tag, executables):
    """Writes asynclint's wheel for one platform into out_dir and returns
    its path. tag is its compressed tag set ("py3-none-win_amd64");
    executables are the paths of the asynclint and asyncls executables."""
    data_scripts = "%s-%s.data/scripts" % (NAME, python_version(version))
    members = []  # (name, data, executable)
    package = os.path.join(ROOT, "python", NAME)
    for name in sorted(os.listdir(package)):
        if name.endswith(".py"):
            with open(os.path.join(package, name), "rb") as f:
                members.append(("%s/%s" % (NAME, name), f.read(), False))
    for path in executables:
        with open(path, "rb") as f:
            members.append((data_scripts + "/" + os.path.basename(path), f.read(), True))
    return _zip_wheel(out_dir, NAME, version, tag, members, metadata(version))


def _zip_wheel(out_dir, name, version, tag, members, meta):
    """Writes a wheel of members, (name, data, executable) tuples, adding
    the dist-info files: the licence, METADATA, WHEEL and RECORD."""
    v = python_version(version)
    dist_info = "%s-%s.dist-info" % (name, v)
    members = list(members)
    with open(os.path.join(ROOT, "LICENSE"), "rb") as f:
        members.append((dist_info + "/LICENSE", f.read(), False))
    members.append((dist_info + "/METADATA", meta.encode(), False))
    python_tag, abi_tag, platform_tags = tag.split("-")
    wheel = ["Wheel-Version: 1.0", "Generator: asynclint_build"]
    wheel.append("Root-Is-Purelib: %s" % ("true" if platform_tags == "any" else "false"))
    for py in python_tag.split("."):
        for abi in abi_tag.split("."):
            wheel += ["Tag: %s-%s-%s" % (py, abi, plat) for plat in platform_tags.split(".")]
    members.append((dist_info + "/WHEEL", ("\n".join(wheel) + "\n").encode(), False))

    record = io.StringIO()
    for member, data, _ in members:
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record.write("%s,sha256=%s,%d\n" % (member, digest, len(data)))
    record.write(dist_info + "/RECORD,,\n")
    members.append((dist_info + "/RECORD", record.getvalue().encode(), False))

    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, "%s-%s-%s.whl" % (name, v, tag))
    stamp = _zip_time()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for member, data, executable in members:
            info = zipfile.ZipInfo(member, stamp)
            info.external_attr = (0o100755 if executable else 0o100644) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return path


def go_build(out_dir, version):
    """Compiles asynclint and asyncls into out_dir and returns their paths."""
    go = shutil.which("go")
    if go is None:
        with open(os.path.join(ROOT, "go.mod"), encoding="utf-8") as f:
            m = re.search(r"^go (\S+)", f.read(), re.MULTILINE)
        raise BuildError(
            "asynclint: building from source needs Go %s or later and a C compiler on PATH. "
            "Prebuilt wheels need neither: pip install --only-binary asynclint asynclint"
            % (m.group(1) if m else "")
        )
    ldflags = "-s -w -X %s/version.Version=%s" % (MODULE, version)
    paths = []
    for command in COMMANDS:
        exe = command + (sysconfig.get_config_var("EXE") or "")
        path = os.path.join(out_dir, exe)
        cmd = [go, "build", "-trimpath", "-ldflags", ldflags, "-o", path, "./cmd/" + command]
        env = dict(os.environ, CGO_ENABLED="1")
        result = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
        if result.returncode != 0:
            raise BuildError("asynclint: %s failed:\n%s" % (" ".join(cmd), result.stderr))
        paths.append(path)
    return paths


def platform_tag():
    """This interpreter's platform tag, for a wheel built here from source."""
    return re.sub(r"[-.]", "_", sysconfig.get_platform())


# Source distributions.


def source_version(root=ROOT):
    """The version to build: from VERSION in an unpacked sdist, else git."""
    path = os.path.join(root, "VERSION")
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            return f.read().strip()
    return git_version(root)


def sdist_files(root=ROOT):
    """The tracked files a build from source needs, relative to root."""
    try:
        out = subprocess.run(
            ("git", "-C", root, "ls-files", "-z"), check=True, capture_output=True
        ).stdout.decode()
    except (OSError, subprocess.CalledProcessError) as err:
        raise BuildError("asynclint: an sdist is made from a git checkout: %s" % err)
    files = []
    for name in out.split("\0"):
        parts = name.split("/")
        if len(parts) == 1:
            if name in SDIST_ROOT_FILES:
                files.append(name)
        elif (
            not SDIST_SKIP_DIRS.intersection(parts[:-1])
            and name.endswith(SDIST_SOURCE_SUFFIXES)
            and not name.endswith("_test.go")
        ):
            files.append(name)
    return sorted(files)


def write_sdist(out_dir, version):
    """Writes the source distribution into out_dir and returns its path."""
    base = "%s-%s" % (NAME, python_version(version))
    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, base + ".tar.gz")
    mtime = int(os.environ.get("SOURCE_DATE_EPOCH", "315532800"))

    def add(tar, name, data):
        info = tarfile.TarInfo(base + "/" + name)
        info.size, info.mtime, info.mode = len(data), mtime, 0o644
        tar.addfile(info, io.BytesIO(data))

    with tarfile.open(path, "w:gz", format=tarfile.PAX_FORMAT) as tar:
        for name in sdist_files():
            with open(os.path.join(ROOT, name), "rb") as f:
                add(tar, name, f.read())
        add(tar, "PKG-INFO", metadata(version).encode())
        add(tar, "VERSION", (version + "\n").encode())
    return path


# PEP 517 hooks.


def build_sdist(sdist_directory, config_settings=None):
    return _hook(lambda: write_sdist(sdist_directory, source_version()))


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    def build():
        version = source_version()
        with tempfile.TemporaryDirectory() as tmp:
            executables = go_build(tmp, version)
            return write_wheel(wheel_directory, version, "py3-none-" + platform_tag(), executables)

    return _hook(build)


def _hook(build):
    """Runs a build and returns the file name PEP 517 asks for; a BuildError
    ends the build with its message alone, not a traceback."""
    try:
        return os.path.basename(build())
    except BuildError as err:
        print(err, file=sys.stderr)
        sys.exit(1)


class PreCommitBackend:
    """The build backend of the pre-commit hook repository, which
    scripts/pre-commit-repo.sh generates from editors/pre-commit:
    pyproject.toml there names "asynclint_build:pre_commit". pre-commit
    runs `pip install .` in that repository; the wheel built here holds no
    files and requires the asynclint release of the repository's VERSION, so
    pip installs that release's prebuilt wheel, without Go."""

    name = "asynclint_pre_commit"

    def build_wheel(self, wheel_directory, config_settings=None, metadata_directory=None):
        def build():
            version = source_version()
            meta = metadata(
                version,
                name=self.name,
                summary="pre-commit hooks that install asynclint's prebuilt wheel",
                requires=["%s==%s" % (NAME, python_version(version))],
            )
            return _zip_wheel(wheel_directory, self.name, version, "py3-none-any", [], meta)

        return _hook(build)

    def build_sdist(self, sdist_directory, config_settings=None):
        print("asynclint: the pre-commit hook repository is installed from git, not from an sdist", file=sys.stderr)
        sys.exit(1)


pre_commit = PreCommitBackend()
