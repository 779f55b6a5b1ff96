"""pylint's functional tests: tests/functional/**/NAME.py and NAME.txt.

NAME.txt lists the messages pylint must emit on NAME.py, one a line:
`symbol:line:col:end_line:end_col:object:message:confidence` (line 1-based,
col 0-based); a test without NAME.txt expects none. The catalog names pylint
messages by id (E1701) or in ruff's form (PLE1142); the ids are read from
the checkers' `msgs` tables in the checkout's pylint/ sources.

A test takes part when its .txt has a message of a mapped code, or when its
name starts with the message's symbol (not_async_context_manager_py37.py
tests not-async-context-manager and expects none).
"""

import os
import re

from fixture import Expectation, Fixture, read

FUNCTIONAL = "tests/functional"
MESSAGE = re.compile(r"""["']([CRWEFI]\d{4})["']\s*:\s*\(\s*"""
                     r"""(?:(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')\s*)+,\s*["']([a-z0-9-]+)["']""")


def message_ids(root):
    """Message symbol -> id, from pylint's sources."""
    ids = {}
    for d, _, files in os.walk(os.path.join(root, "pylint")):
        for name in files:
            if name.endswith(".py"):
                for msgid, symbol in MESSAGE.findall(read(os.path.join(d, name))):
                    ids[symbol] = msgid
    return ids


def messages(txt, code_of, warn):
    """The expectations of mapped codes in a test's .txt file."""
    expected = []
    for n, row in enumerate(read(txt).splitlines(), start=1):
        fields = row.split(":")
        if len(fields) < 3 or not (code := code_of(fields[0])):
            continue
        if not (fields[1].isdigit() and fields[2].isdigit()):
            warn(f"pylint: {txt}:{n}: not symbol:line:col:...; skipped")
            continue
        expected.append(Expectation(code, int(fields[1]), int(fields[2]) + 1))
    return expected


def load(root, warn, peer_codes):
    if not os.path.isdir(os.path.join(root, FUNCTIONAL)):
        raise SystemExit(f"pylint: {os.path.join(root, FUNCTIONAL)}: no such directory; "
                         "give the root of a pylint checkout")
    ids = message_ids(root)

    def code_of(symbol):
        msgid = ids.get(symbol, "")
        for code in (msgid, "PL" + msgid, symbol):
            if code in peer_codes:
                return code
        return None

    by_prefix = {s.replace("-", "_"): c for s in ids if (c := code_of(s))}
    fixtures = []
    for d, _, files in sorted(os.walk(os.path.join(root, FUNCTIONAL))):
        for name in sorted(files):
            if not name.endswith(".py"):
                continue
            path = os.path.relpath(os.path.join(d, name), root)
            expected, enabled = [], {c for p, c in by_prefix.items() if name.startswith(p)}
            txt = os.path.join(d, name[:-3] + ".txt")
            if os.path.isfile(txt):
                expected = messages(txt, code_of, warn)
                enabled |= {e.code for e in expected}
            if enabled:
                fixtures.append(Fixture("pylint", path, read(os.path.join(d, name)), expected, enabled))
    if not fixtures:
        raise SystemExit(f"pylint: {os.path.join(root, FUNCTIONAL)}: no test of a mapped message found")
    return fixtures
