# analysistest: target-version=py39
from __future__ import annotations

timeout: await source() = 1


def f(x: await source()) -> None:
    pass
