"""flake8-async's eval files, read the way its harness reads them.

tests/test_flake8_async.py runs each tests/eval_files/*.py as trio, anyio
and asyncio. The file is written for its `# BASE_LIBRARY` (trio unless
stated); for the other libraries the library's name is substituted at word
boundaries (and nursery words between trio and anyio). A library is skipped
when the file says `# NOTRIO`, `# NOANYIO` or `# NOASYNCIO` (the harness
then only checks that it does not crash), and `# TRIO_NO_ERROR` (etc.)
means no finding is expected for that library. Expected findings are
comments `# ASYNCxxx: col, args` (or `# error: col, args` for the file's own
code) on the lines where they occur, col 0-based; the harness ignores
columns where it substituted a library. The codes checked are the file's
own (async105.py checks ASYNC105) unless an `# ARG --enable=...` line
lists others.

Two things are added so that asynclint, which resolves names through
imports, sees what flake8-async sees by name alone:

- `import X` lines at the end of the file for each module the file uses
  (`X.attr`) but never imports or binds: the standard library's modules,
  the async and HTTP libraries below, and the first part of dotted names
  in --async200-blocking-calls unless it holds a `*`. At the end, so that
  no line moves; a module-level import binds the name for every function.
- `# ARG --async200-blocking-calls=...` becomes asynclint's [blocking]
  table: dotted names, in which `*` stands for any run of characters.
Files named `*_pyXY.py` are checked with target-version pyXY.
"""

import ast
import os
import re
import sys

from fixture import Expectation, Fixture, read

EVAL_FILES = "tests/eval_files"
LIBRARIES = ("trio", "anyio", "asyncio")
MODULES = set(sys.stdlib_module_names) | {
    "trio", "anyio", "asyncio", "httpx", "httpx2", "requests", "urllib3", "aiohttp", "aiofiles",
}
MARKERS = ("NOANYIO", "NOTRIO", "NOASYNCIO", "ANYIO_NO_ERROR", "TRIO_NO_ERROR",
           "ASYNCIO_NO_ERROR", "AUTOFIX", "NOAUTOFIX", "ASYNCIO_NO_AUTOFIX",
           "BASE_LIBRARY", "NOCOMPILE")


def magic_markers(content):
    """The file's markers, as the harness's find_magic_markers finds them."""
    found = {"BASE_LIBRARY": "trio"}
    for name in re.findall(rf"# ({'|'.join(MARKERS)})", content):
        if name == "BASE_LIBRARY":
            m = re.search(r"# BASE_LIBRARY (\w*)", content)
            found[name] = m[1]
        else:
            found[name] = True
    return found


def replace_library(string, original, new):
    """The harness's replace_library: `original` becomes `new` at word boundaries."""
    def replace_str(string, original, new):
        if original in LIBRARIES:
            pattern = rf"(?<!-)(?:\b|(?<=_)){original}\b"
        elif re.fullmatch(r"\w+", original):
            pattern = rf"(?<!-)\b{original}\b"
        else:
            pattern = rf"(?<!-){re.escape(original)}"
        return re.sub(pattern, new, string)

    if sorted((original, new)) == ["anyio", "trio"]:
        for trio_, anyio_ in (("open_nursery", "create_task_group"),
                              ('"nursery"', '"task group"'),
                              ("nursery", "task_group"),
                              ("Nursery", "TaskGroup")):
            from_, to = (trio_, anyio_) if original == "trio" else (anyio_, trio_)
            string = replace_str(string, from_, to)
    return replace_str(string, original, new)


def first_arg(args):
    """The column in a marker's arguments (`4, "trio"` -> 4), or None."""
    try:
        tree = ast.parse(f"[{args}]", mode="eval").body
    except SyntaxError:
        return None
    if not tree.elts:
        return 0
    try:
        col = ast.literal_eval(tree.elts[0])
    except ValueError:
        return None
    return col if isinstance(col, int) else None


def parse_eval_file(name, content):
    """Expected (code, line, 0-based col), --enable selectors and other ARGs."""
    test = name.upper().split("_", 1)[0]
    enabled = test if re.fullmatch(r"ASYNC\d\d\d", test) else ""
    args, expected = [], []
    for lineno, line in enumerate(content.split("\n"), start=1):
        line = line.replace("\\n", "\n").strip()
        if m := re.search(r"(?<=ARG ).*", line):
            arg = m.group().strip()
            args.append(arg)
            if m := re.match(r"--enable=(.*)", arg):
                enabled = m[1]
        if not line or line[0] == "#" or "#" not in line:
            continue
        for code, _alt, marker_args in re.findall(r"(error|ASYNC...)(_.*)?:([^#]*)(?=#|$)", line):
            expected.append((test if code == "error" else code, lineno, first_arg(marker_args)))
    return expected, [c for c in enabled.split(",") if c], args


def blocking_calls(args):
    """asynclint [blocking] entries from --async200-blocking-calls."""
    calls = {}
    for arg in args:
        m = re.match(r"--async200-blocking-calls=(.*)", arg)
        if not m:
            continue
        for pair in m[1].split(","):
            name, _, replacement = (s.strip() for s in pair.partition("->"))
            if re.fullmatch(r"[A-Za-z_*][\w*]*(\.[A-Za-z_*][\w*]*)*", name):
                calls[name] = replacement
    return calls


def unimported_modules(source, configured):
    """Modules used as `X.attr` that the file never binds, or None if it does not parse.

    Modules are those of MODULES and of the configured blocking calls
    (`bee` of "bee.bonnet").
    """
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    bound, used = set(), set()
    for n in ast.walk(tree):
        if isinstance(n, (ast.Import, ast.ImportFrom)):
            bound.update((a.asname or a.name).split(".")[0] for a in n.names)
        elif isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load):
            bound.add(n.id)
        elif isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(n.name)
        elif isinstance(n, ast.arg):
            bound.add(n.arg)
        elif isinstance(n, ast.ExceptHandler) and n.name:
            bound.add(n.name)
        elif isinstance(n, (ast.Global, ast.Nonlocal)):
            bound.update(n.names)
        if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name):
            used.add(n.value.id)
    return sorted((used - bound) & (MODULES | configured))


def with_imports(source, modules):
    if not modules:
        return source
    return source.rstrip("\n") + "\n" + "".join(f"import {m}\n" for m in modules)


def load(root, warn, libraries=LIBRARIES):
    directory = os.path.join(root, EVAL_FILES)
    if not os.path.isdir(directory):
        raise SystemExit(f"flake8-async: {directory}: no such directory; "
                         "give the root of a flake8-async checkout")
    fixtures = []
    for name in sorted(os.listdir(directory)):
        if not name.endswith(".py"):
            continue
        path = os.path.join(EVAL_FILES, name)
        original = read(os.path.join(root, path))
        markers = magic_markers(original)
        base = markers["BASE_LIBRARY"]
        settings = {}
        if v := re.search(r"_py(\d)(\d+)", name):
            settings["target-version"] = f"py{v[1]}{v[2]}"
        for library in libraries:
            if markers.get("NO" + library.upper()):
                continue
            content = original if library == base else replace_library(original, base, library)
            expected, enabled, args = parse_eval_file(name[:-3], content)
            if not enabled:
                warn(f"flake8-async: {path}: no codes enabled (no ASYNCxxx file name, no # ARG --enable); skipped")
                break
            if markers.get(library.upper() + "_NO_ERROR"):
                expected = []
            keep_columns = library == base
            calls = blocking_calls(args)
            modules = unimported_modules(content, {name.split(".")[0] for name in calls
                                                   if "." in name and "*" not in name.split(".")[0]})
            if modules is None:
                warn(f"flake8-async: {path} [{library}]: Python {sys.version_info.major}."
                     f"{sys.version_info.minor} cannot parse it; no imports added")
            fx = Fixture("flake8-async", path, with_imports(content, modules or []),
                         [Expectation(code, line, col + 1 if keep_columns and col is not None else None)
                          for code, line, col in expected],
                         set(enabled), variant=library, settings=dict(settings))
            if calls:
                fx.settings["blocking"] = calls
            fixtures.append(fx)
    if not fixtures:
        raise SystemExit(f"flake8-async: {directory}: no eval files found")
    return fixtures
