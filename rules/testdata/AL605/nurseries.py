import functools

import anyio
import trio


async def upload(session, path): ...


async def inner_context_managers(client, paths):
    async with trio.open_nursery() as nursery:
        async with client.session() as session:
            for path in paths:
                nursery.start_soon(upload, session, path)  # want: AL605 "`session` comes from a context manager opened on line 12 inside the nursery opened on line 11"
                nursery.start_soon(functools.partial(upload, session=session), path)  # want: AL605 "`session`"
            await nursery.start(upload, session.child, paths[0])  # want: AL605


async def same_statement(client, path):
    async with anyio.create_task_group() as tg, client.session() as session:
        tg.start_soon(upload, session, path)  # want: AL605 "inside the task group"
        tg.start_soon(upload, client, path)


async def outer_context_manager(client, paths):
    async with client.session() as session:
        async with trio.open_nursery() as nursery:
            for path in paths:
                nursery.start_soon(upload, session, path)


async def inner_nursery(paths):
    async with trio.open_nursery() as outer:
        async with trio.open_nursery() as inner:
            outer.start_soon(upload, inner, paths[0])  # want: AL605 "`inner`"
            inner.start_soon(upload, outer, paths[0])


async def cancel_scope_for_the_task(killer):
    async with anyio.create_task_group() as tg:
        with anyio.CancelScope() as scope:
            tg.start_soon(killer, scope)
            await anyio.sleep(1)


async def task_awaited_in_block(client, path):
    async with anyio.create_task_group() as tg, client.session() as session:
        handle = tg.create_task(upload(session, path))
        await handle


async def rebound_name(client, path):
    async with trio.open_nursery() as nursery:
        async with client.session() as nursery:
            async with client.session() as session:
                nursery.start_soon(upload, session, path)


async def nested_function(client, path):
    async with trio.open_nursery() as nursery:
        async with client.session() as session:
            def start(session):
                nursery.start_soon(upload, session, path)

            start(client)
            await session.ping()
