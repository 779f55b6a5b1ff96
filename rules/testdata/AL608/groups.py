import copy
import sys

if sys.version_info < (3, 11):
    from exceptiongroup import BaseExceptionGroup, ExceptionGroup


def wrap(exc):
    return exc


try:
    pass
except ExceptionGroup as e:
    if wrap(e):
        raise e.exceptions[0]  # want: AL608 "raising `e.exceptions[0]`, an exception taken out of the group `e`"
    elif wrap(e):
        raise copy.copy(e.exceptions[0])
    else:
        raise wrap(e.exceptions[0])

try:
    pass
except BaseExceptionGroup as group:
    raise group.exceptions[-1] from None  # want: AL608 "`from group`"

try:
    pass
except ExceptionGroup as e:
    first = e.exceptions[0]
    raise first  # want: AL608

try:
    pass
except ExceptionGroup as e:
    excs = e.exceptions
    raise excs[0]  # want: AL608

try:
    pass
except ExceptionGroup as e:
    matched, rest = e.split(ValueError)
    if matched:
        raise matched.exceptions[0]  # want: AL608
    sub = e.subgroup(TypeError)
    raise sub.exceptions[0]  # want: AL608

try:
    pass
except ExceptionGroup as e:
    for exc in e.exceptions:
        if isinstance(exc, KeyError):
            raise exc  # want: AL608
    raise

try:
    pass
except ExceptionGroup as e:
    raise e.exceptions[0].exceptions[0]  # want: AL608

try:
    pass
except ExceptionGroup as e:
    raise RuntimeError("failed") from e

try:
    pass
except ExceptionGroup as e:

    def later():
        raise e.exceptions[0]

try:
    pass
except ValueError as e:
    raise e.args[0]

try:
    pass
except ExceptionGroup as e:
    try:
        pass
    except KeyError as inner:
        raise inner
    raise
