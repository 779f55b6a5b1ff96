"""python -m asynclint: runs the asynclint executable with the same arguments."""

import os
import subprocess
import sys

from asynclint import find_bin


def main():
    try:
        exe = find_bin("asynclint")
    except FileNotFoundError as err:
        sys.exit(str(err))
    args = [exe] + sys.argv[1:]
    if sys.platform == "win32":
        # Windows has no exec: os.execv would return to the shell at once
        # while the linter still writes to the console.
        sys.exit(subprocess.call(args))
    os.execv(exe, args)


if __name__ == "__main__":
    main()
