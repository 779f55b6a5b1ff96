"""Compile many Python sources with this interpreter's compile().

Used by asynclint's rules/oracle_test.go to compare its AL1xx rules with
CPython. Reads a JSON object from stdin:

    {"sources": ["...", ...], "modes": ["default", "top-level-await"]}

and writes one JSON object to stdout:

    {"version": [3, 11, 7], "executable": "/path/python3.11",
     "results": [[{"ok": true}, {"msg": "...", "lineno": 3}], ...]}

with one list per source and one result per mode. A source that does not
compile gets its SyntaxError's message and line number (null when CPython
gives none). Before 3.8, which cannot compile top-level await, "results" is
null.
"""

import ast
import json
import os
import sys
import warnings


def compile_one(source, flags):
    try:
        compile(source, "<oracle>", "exec", flags=flags, dont_inherit=True)
    except SyntaxError as e:
        return {"msg": e.msg, "lineno": e.lineno}
    except (ValueError, RecursionError, MemoryError) as e:
        return {"msg": "%s: %s" % (type(e).__name__, e), "lineno": None}
    return {"ok": True}


def main():
    request = json.load(sys.stdin)
    out = {
        "version": list(sys.version_info[:3]),
        "executable": os.path.realpath(sys.executable),
        "results": None,
    }
    if sys.version_info >= (3, 8):
        flags = {"default": 0, "top-level-await": ast.PyCF_ALLOW_TOP_LEVEL_AWAIT}
        modes = [flags[m] for m in request["modes"]]
        # compile() warns about things such as invalid escapes; the warnings
        # are noise on stderr here.
        warnings.simplefilter("ignore")
        out["results"] = [[compile_one(s, f) for f in modes] for s in request["sources"]]
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
