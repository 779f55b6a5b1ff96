"""ruff's flake8-async fixtures and the snapshots of its diagnostics.

ruff tests each rule alone on a fixture (`LinterSettings::for_rule`) and
stores the diagnostics in a snapshot named
`ruff_linter__rules__flake8_async__tests__{CODE}_{FIXTURE}.snap`. Other
snapshots of the directory (`ASYNC109_0.py.snap`: the same rule with an
older target version) are skipped. Columns in snapshots are 1-based, as
asynclint's are.
"""

import os
import re

from fixture import Expectation, Fixture, read

FIXTURES = "crates/ruff_linter/resources/test/fixtures/flake8_async"
SNAPSHOTS = "crates/ruff_linter/src/rules/flake8_async/snapshots"
PREFIX = "ruff_linter__rules__flake8_async__tests__"

# A diagnostic's header line and its location line (ruff 0.12 and later),
# and the one-line form of older snapshots.
HEADER = re.compile(r"^([A-Z]+[0-9]+)\b")
LOCATION = re.compile(r"^\s*-->\s*(\S+):(\d+):(\d+)\s*$")
ONE_LINE = re.compile(r"^(\S+\.pyi?):(\d+):(\d+): ([A-Z]+[0-9]+)\b")


def parse_snapshot(text):
    """(file, line, col, code) of each diagnostic in a snapshot."""
    found, code = [], None
    for line in text.splitlines():
        if m := ONE_LINE.match(line):
            found.append((os.path.basename(m[1]), int(m[2]), int(m[3]), m[4]))
        elif m := HEADER.match(line):
            code = m[1]
        elif (m := LOCATION.match(line)) and code:
            found.append((os.path.basename(m[1]), int(m[2]), int(m[3]), code))
            code = None
    return found


def load(root, warn):
    fixtures_dir = os.path.join(root, FIXTURES)
    snapshots_dir = os.path.join(root, SNAPSHOTS)
    for d in (fixtures_dir, snapshots_dir):
        if not os.path.isdir(d):
            raise SystemExit(f"ruff: {d}: no such directory; give the root of a ruff checkout")
    fixtures = {}
    for snap in sorted(os.listdir(snapshots_dir)):
        m = re.fullmatch(re.escape(PREFIX) + r"([A-Z]+[0-9]+)_(.+)\.snap", snap)
        if not snap.endswith(".snap"):
            continue
        if not m or not os.path.isfile(os.path.join(fixtures_dir, m[2])):
            warn(f"ruff: {snap}: not CODE_FIXTURE.snap of a fixture of the directory; skipped")
            continue
        code, name = m[1], m[2]
        fx = fixtures.get(name)
        if fx is None:
            fx = fixtures[name] = Fixture("ruff", name, read(os.path.join(fixtures_dir, name)), [], set())
        fx.enabled.add(code)
        for file, line, col, got in parse_snapshot(read(os.path.join(snapshots_dir, snap))):
            if file != name or got != code:
                raise SystemExit(f"ruff: {snap}: a diagnostic of {got} in {file}; "
                                 f"expected only {code} in {name}")
            fx.expected.append(Expectation(code, line, col))
    if not fixtures:
        raise SystemExit(f"ruff: {snapshots_dir}: no snapshot of a fixture found")
    return list(fixtures.values())
