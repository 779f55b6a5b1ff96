"""asynclint finds async-Python misuse: blocking calls in coroutines,
coroutines that never run, lost tasks, code that Python refuses to compile.

The linter and its language server are executables, asynclint and asyncls,
that this distribution installs next to the Python interpreter's scripts.
This package finds them, so that ``python -m asynclint`` works where the
scripts directory is not on PATH.
"""

import os
import sys
import sysconfig

__all__ = ["find_bin"]


def find_bin(name="asynclint"):
    """Returns the path of an executable this distribution installed:
    "asynclint" or "asyncls"."""
    exe = name + (sysconfig.get_config_var("EXE") or "")
    for directory in _script_dirs():
        path = os.path.join(directory, exe)
        if os.path.isfile(path):
            return path
    raise FileNotFoundError(
        "asynclint: cannot find the %s executable in %s; reinstall with "
        "`pip install --force-reinstall asynclint`" % (exe, ", ".join(_script_dirs()))
    )


def _script_dirs():
    """The directories pip may have put the executables in, most likely first."""
    dirs = [sysconfig.get_path("scripts")]
    # pip install --user
    user_scheme = {"nt": "nt_user", "posix": "posix_user"}.get(os.name)
    if getattr(sys, "_framework", None):
        user_scheme = "osx_framework_user"
    if user_scheme in sysconfig.get_scheme_names():
        dirs.append(sysconfig.get_path("scripts", scheme=user_scheme))
    # pip install --target DIR puts this package in DIR and the scripts in
    # DIR/bin (DIR\Scripts on Windows).
    target = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    dirs.append(os.path.join(target, "Scripts" if os.name == "nt" else "bin"))
    return [d for d in dict.fromkeys(dirs) if d]
