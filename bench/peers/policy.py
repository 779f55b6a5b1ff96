"""The deliberate differences listed in policy.md.

Each row of its table sets aside the expectations asynclint deliberately
does not meet (`peer only`) or the findings it deliberately reports where
the peer expects none (`asynclint only`): they are counted as "policy",
neither missed nor extra. Cells other than `line contains` are glob
patterns, several separated by commas; `line contains` is a piece of the
source line (`^piece`: its start, leading spaces left out), or `*` for any.
"""

import fnmatch
import re
from dataclasses import dataclass

COLUMNS = ["suite", "file", "library", "code", "line contains", "difference", "reason"]
DIFFERENCES = ("peer only", "asynclint only")


@dataclass
class Entry:
    suite: str
    file: str
    library: str
    code: str
    contains: str
    difference: str
    reason: str
    where: str  # policy.md:line, for messages
    used: int = 0

    def matches(self, difference, suite, file, library, code, line, source_line):
        base = file.rsplit("/", 1)[-1]
        return (difference == self.difference
                and matches(suite, self.suite)
                and any(matches(f, self.file) for f in (file, base, f"{file}:{line}", f"{base}:{line}"))
                and matches(library, self.library)
                and matches(code, self.code)
                and contains(source_line, self.contains))


def contains(line, piece):
    """Whether the source line holds piece; `^piece` must begin it, `*` is any line."""
    if piece == "*":
        return True
    if piece.startswith("^"):
        return line.startswith(piece[1:])
    return piece in line


def matches(value, patterns):
    """Whether value matches one of the comma-separated glob patterns."""
    return any(fnmatch.fnmatchcase(value, p.strip()) for p in patterns.split(","))


def cell(text):
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] == "`":
        text = text[1:-1]
    return text.replace("\\|", "|")


def load(path):
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except OSError as e:
        raise SystemExit(f"policy {path}: {e.strerror}")
    entries, in_table = [], False
    for n, line in enumerate(lines, start=1):
        if not line.startswith("|"):
            in_table = False
            continue
        cells = [cell(c) for c in re.split(r"(?<!\\)\|", line.strip().strip("|"))]
        if [c.lower() for c in cells] == COLUMNS:
            in_table = True
            continue
        if not in_table or set("".join(cells)) <= set("-: "):
            continue
        where = f"{path}:{n}"
        if len(cells) != len(COLUMNS):
            raise SystemExit(f"{where}: expected {len(COLUMNS)} cells ({', '.join(COLUMNS)}), got {len(cells)}")
        e = Entry(*cells, where=where)
        if e.difference not in DIFFERENCES:
            raise SystemExit(f"{where}: difference {e.difference!r}: expected one of {', '.join(DIFFERENCES)}")
        if not e.reason:
            raise SystemExit(f"{where}: a policy entry needs its reason")
        entries.append(e)
    return entries


def find(entries, *key):
    """The first entry that matches (difference, suite, file, library, code, line, source line), or None."""
    for e in entries:
        if e.matches(*key):
            e.used += 1
            return e
    return None
