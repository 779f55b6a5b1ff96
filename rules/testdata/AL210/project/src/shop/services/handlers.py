import asyncio

from shop.helpers import blocking_helper, cached, chdir, fetch, lines, opened, outer, pick, poll, run, serve


async def awaited():
    return await blocking_helper()  # want: AL210 "awaited -> blocking_helper -> time.sleep"


async def offloaded():
    blocking_helper()  # want: AL210


async def dispatched():
    return await fetch()


async def constant_arguments(app):
    await serve(app, run_async=True)
    serve(app)  # want: AL210 "constant_arguments -> serve -> time.sleep"
    outer(app, run_async=True)
    outer(app, False)  # want: AL210 "outer -> serve -> time.sleep"
    run(app, background=True)
    run(app, True)
    run(app)  # want: AL210 "constant_arguments -> run -> time.sleep"
    poll(app)
    poll(app, wait=True)  # want: AL210
    poll(app, wait=app.waits)  # want: AL210
    settings = {"background": True}
    run(app, **settings)
    settings["name"] = app
    if "background" in settings:
        run(app, **settings)
    overridden = {"background": True, **app.settings}
    run(app, **overridden)  # want: AL210
    await asyncio.sleep(0)


async def branches(key):
    pick("shop")
    pick(None, fast=True)
    pick("")  # want: AL210 "branches -> pick -> time.sleep"
    cached(key, cache="memory")
    cached(key)  # want: AL210


async def generators(tmp):
    with chdir(tmp):  # want: AL210 "`chdir` blocks the event loop when the `with` block exits"
        pass
    for line in lines(tmp):  # want: AL210 "generators -> lines -> open"
        print(line)
    with opened(tmp) as f:  # want: AL210 "`opened` blocks the event loop: generators -> opened -> open"
        print(f)
