"""Sync helpers that block, some of them only on some paths."""
import os
import time
from contextlib import contextmanager

from .dispatch import async_dispatch


def blocking_helper():
    time.sleep(1)


async def _fetch_async():
    return 1


@async_dispatch(_fetch_async)
def fetch():
    time.sleep(1)
    return 1


def serve(app, run_async=False):
    if run_async:
        return _start(app)
    time.sleep(3600)
    return None


def _start(app):
    return app.start()


def outer(app, run_async=False):
    return serve(app, run_async)


def run(app, background: bool = False):
    if not background:
        time.sleep(3600)
    return app


def poll(app, wait=False):
    if wait and app:
        time.sleep(1)
    return app


@contextmanager
def chdir(path):
    old = os.getcwd()
    os.chdir(path)
    try:
        yield path
    finally:
        os.chdir(old)
        time.sleep(0.1)


def lines(path):
    with open(path) as f:
        yield from f


def pick(kind, fast=False):
    if fast:
        return kind
    elif kind:
        return kind
    else:
        time.sleep(1)
    return None


def cached(key, cache=None):
    if cache is None:
        time.sleep(1)
    return key


@contextmanager
def opened(path):
    yield open(path)
