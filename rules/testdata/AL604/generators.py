import contextlib
from contextlib import asynccontextmanager

import pytest
import pytest_asyncio


async def rows(pool, query):
    async with pool.acquire() as conn:
        async for row in conn.cursor(query):
            yield row  # want: AL604 "`yield` inside a `with` block of an async generator"


async def traced(tracer, items):
    with tracer.start_span("items"):
        for item in items:
            yield item  # want: AL604 "contextlib.aclosing"
            yield item  # want: AL604


async def nested(lock, tracer, queue):
    async with lock:
        with tracer.start_span("queue"):
            yield await queue.get()  # want: AL604


async def fetched_first(pool, query):
    async with pool.acquire() as conn:
        result = await conn.fetch(query)
    for row in result:
        yield row


async def nested_functions(tracer, items):
    with tracer.start_span("items"):
        def sync_items():
            yield from items

        async def async_items():
            yield items[0]

        print(sync_items, async_items)


def sync_generator(path):
    with open(path) as f:
        yield from f


@asynccontextmanager
async def connection(pool):
    async with pool.acquire() as conn:
        yield conn


@contextlib.asynccontextmanager
async def qualified_connection(pool):
    async with pool.acquire() as conn:
        yield conn


@pytest.fixture
async def fixture_connection(pool):
    async with pool.acquire() as conn:
        yield conn


@pytest_asyncio.fixture(scope="module")
async def module_connection(pool):
    async with pool.acquire() as conn:
        yield conn
