"""A peer's test file as asynclint is run on it, with what the peer expects."""

from dataclasses import dataclass, field


@dataclass
class Expectation:
    code: str  # the peer's code
    line: int
    col: int | None  # 1-based; None where the peer's harness ignores columns


@dataclass
class Fixture:
    suite: str
    file: str  # path inside the peer's suite directory
    source: str  # the text asynclint checks
    expected: list  # Expectations
    enabled: set  # peer codes, or prefixes of them, whose findings the peer checks in this file
    variant: str = ""  # e.g. the library a flake8-async file is run as
    settings: dict = field(default_factory=dict)  # asynclint.toml keys for this file


def read(path):
    """The text of a peer's file, or a clear exit."""
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except OSError as e:
        raise SystemExit(f"{path}: {e.strerror}")
    except UnicodeDecodeError as e:
        raise SystemExit(f"{path}: not UTF-8: {e.reason} at byte {e.start}")
