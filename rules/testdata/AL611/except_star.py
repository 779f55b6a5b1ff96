# analysistest: target-version=py311
import asyncio


async def probe(hosts, connect):
    try:
        async with asyncio.TaskGroup() as tg:
            for host in hosts:
                tg.create_task(connect(host))
    except* OSError as eg:
        print(eg.errno)  # want: AL611 "`eg.errno`: in an `except*` clause `eg` is an exception group holding the OSError exceptions"
        eg.close()  # want: AL611 "read `close` from each exception in `eg.exceptions`"
        print(eg.response.status)  # want: AL611 "`eg.response`"
        print(eg.message, eg.exceptions, eg.args, eg.__traceback__, eg.__notes__)
        eg.add_note("probe")
        rest = eg.subgroup(lambda e: True) or eg.split(OSError) or eg.derive([]) or eg.with_traceback(None)

        def later(eg):
            return eg.errno

        print(later, rest, [e.errno for e in eg.exceptions])


try:
    pass
except* ValueError as e:
    e = e.exceptions[0]
    print(e.code)
except* TypeError as e:
    e, f = 1, 2
    print(e.real)
except* KeyError as e:
    with open("log") as e:
        e.write("x")
    print(e.name)
except* LookupError as e:
    for e in e.exceptions:
        print(e.args, e.key)
except* ArithmeticError:
    print(e.anything)

try:
    pass
except* ValueError as e:
    try:
        pass
    except* TypeError as e:
        print(e.inner)  # want: AL611 "holding the TypeError exceptions"
    try:
        pass
    except KeyError as e:
        print(e.key)

try:
    pass
except ValueError as e:
    print(e.code)
