#!/usr/bin/env python3
"""Python distributions for a release, as scripts/release.sh calls them.

    pypi.py version                                   the version from git
    pypi.py wheel --target linux-amd64 --version V --out DIR EXECUTABLE...
    pypi.py sdist --version V --out DIR

Standard library only: see python/backend/asynclint_build.py.
"""

import argparse
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "python", "backend"))

import asynclint_build  # noqa: E402

# The platform tags of each release target's wheel. The Linux executables
# are static, so one wheel serves glibc (manylinux2014 and later) and musl
# distributions alike; Go 1.26 needs macOS 12.
WHEEL_TAGS = {
    "linux-amd64": "manylinux_2_17_x86_64.manylinux2014_x86_64.musllinux_1_1_x86_64",
    "linux-arm64": "manylinux_2_17_aarch64.manylinux2014_aarch64.musllinux_1_1_aarch64",
    "windows-amd64": "win_amd64",
    "darwin-amd64": "macosx_12_0_x86_64",
    "darwin-arm64": "macosx_12_0_arm64",
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("version", help="print the version of the checkout")
    wheel = sub.add_parser("wheel", help="package executables as a platform wheel")
    wheel.add_argument("--target", required=True, choices=sorted(WHEEL_TAGS))
    wheel.add_argument("--version", required=True)
    wheel.add_argument("--out", required=True)
    wheel.add_argument("executables", nargs="+")
    sdist = sub.add_parser("sdist", help="write the source distribution")
    sdist.add_argument("--version", required=True)
    sdist.add_argument("--out", required=True)
    args = parser.parse_args()

    try:
        if args.command == "version":
            print(asynclint_build.git_version())
        elif args.command == "wheel":
            tag = "py3-none-" + WHEEL_TAGS[args.target]
            print(asynclint_build.write_wheel(args.out, args.version, tag, args.executables))
        else:
            print(asynclint_build.write_sdist(args.out, args.version))
    except asynclint_build.BuildError as err:
        sys.exit(str(err))


if __name__ == "__main__":
    main()
