#!/usr/bin/env python3
"""Docstring stays first."""
from __future__ import annotations

import os
import time

import aiohttp


async def main(session: aiohttp.ClientSession):
    time.sleep(1)  # want: AL201 "use `asyncio.sleep`"
    time.sleep(2)  # want: AL201
    return os.getpid(), time.monotonic()
