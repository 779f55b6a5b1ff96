#!/usr/bin/env python3
"""Docstring stays first."""
from __future__ import annotations

import time


async def main():
    time.sleep(1)  # want: AL201 "use `asyncio.sleep`"
    time.sleep(2)  # want: AL201
