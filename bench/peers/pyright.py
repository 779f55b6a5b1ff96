"""pyright's type-checker samples: packages/pyright-internal/src/tests/samples.

pyright's tests only count the errors of a sample; the samples mark each
expected error with a comment above it ("# This should generate an error
because ..."). Two kinds of sample take part:

- samples whose first comment says it tests a diagnostic rule the catalog
  maps ("This sample tests the reportUnusedCoroutine diagnostic rule"):
  the statement after each such comment is expected to get that rule;
- samples with `async for` (the catalog's bare "(pyright)", for `async for`
  over a sync iterable): an `async for` line after such a comment that
  speaks of an async iterator or iterable is expected; every other
  `async for` line of them is not.
"""

import os
import re

from fixture import Expectation, Fixture, read

SAMPLES = "packages/pyright-internal/src/tests/samples"
ASYNC_FOR = "pyright"  # the catalog's code for pyright's `async for` check
SHOULD_ERROR = re.compile(r"should generate an error", re.I)


def marked_lines(source):
    """(line, comment block) of each statement after a comment that says it should error."""
    lines, block, marked = source.split("\n"), [], []
    for n, line in enumerate(lines, start=1):
        text = line.strip()
        if text.startswith("#"):
            block.append(text)
            continue
        if text and block and SHOULD_ERROR.search(" ".join(block)):
            marked.append((n, " ".join(block)))
        if text or not block:
            block = []
    return marked


def tested_rule(source, peer_codes):
    m = re.match(r"#.*\btests the (report\w+)", source)
    return m[1] if m and m[1] in peer_codes else None


def load(root, warn, peer_codes):
    directory = os.path.join(root, SAMPLES)
    if not os.path.isdir(directory):
        raise SystemExit(f"pyright: {directory}: no such directory; give the root of a pyright checkout")
    fixtures = []
    for name in sorted(os.listdir(directory)):
        if not name.endswith(".py"):
            continue
        source = read(os.path.join(directory, name))
        path = os.path.join(SAMPLES, name)
        if rule := tested_rule(source, peer_codes):
            expected = [Expectation(rule, n, None) for n, _ in marked_lines(source)]
            fixtures.append(Fixture("pyright", path, source, expected, {rule}))
        elif ASYNC_FOR in peer_codes and re.search(r"\basync\s+for\b", source):
            lines = source.split("\n")
            expected = [Expectation(ASYNC_FOR, n, None) for n, block in marked_lines(source)
                        if re.search(r"\basync\s+for\b", lines[n - 1])
                        and re.search(r"async itera(tor|ble)", block, re.I)]
            fixtures.append(Fixture("pyright", path, source, expected, {ASYNC_FOR}))
    if not fixtures:
        raise SystemExit(f"pyright: {directory}: no sample of a mapped check found")
    return fixtures
